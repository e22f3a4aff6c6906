package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Lock kinds of login_locks.
const (
	lockStaff  = "staff"
	lockPublic = "public"
)

// recordSourceFailure counts a failed sign-in of account id of kind from
// source: the threshold-th failure in a row from that source locks the
// account for that source until lockUntil and starts the count again; the
// account's own failed_logins and locked_until (table) keep the count of
// the source that failed last and the latest lock, for display.
// It returns the count and the source's lock end.
func (s *Store) recordSourceFailure(ctx context.Context, kind, table, op string, id int64, source string, threshold int, lockUntil time.Time) (int, time.Time, error) {
	var n int
	var until time.Time
	err := s.InTx(ctx, func(ctx context.Context) error {
		// The account must exist (there is no foreign key: kind says which
		// table).
		var one int
		if err := s.queryRow(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one); err != nil {
			if kind == lockPublic {
				return s.notFound(op, msgNoPublicAccount, err)
			}
			return s.notFound(op, msgNoUser, err)
		}
		if _, err := s.exec(ctx, `INSERT INTO login_locks (kind, account_id, source, failures) VALUES (?, ?, ?, 0)
			ON CONFLICT (kind, account_id, source) DO NOTHING`, kind, id, source); err != nil {
			return s.mapErr(op, err)
		}
		err := s.queryRow(ctx, `UPDATE login_locks SET
			locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE locked_until END,
			failures = CASE WHEN failures + 1 >= ? THEN 0 ELSE failures + 1 END
			WHERE kind = ? AND account_id = ? AND source = ? RETURNING failures, locked_until`,
			threshold, s.d.t(lockUntil), threshold, kind, id, source).Scan(&n, dbTime{&until})
		if err != nil {
			return s.mapErr(op, err)
		}
		if n == 0 && until.Equal(lockUntil.UTC().Truncate(time.Microsecond)) {
			_, err = s.exec(ctx, `UPDATE `+table+` SET failed_logins = 0, locked_until = ? WHERE id = ?`, s.d.t(lockUntil), id)
		} else {
			_, err = s.exec(ctx, `UPDATE `+table+` SET failed_logins = ? WHERE id = ?`, n, id)
		}
		return s.mapErr(op, err)
	})
	return n, until, err
}

// sourceLockedUntil returns when the lock of account id of kind for
// source ends: zero when there is none.
func (s *Store) sourceLockedUntil(ctx context.Context, kind string, id int64, source string) (time.Time, error) {
	var until time.Time
	err := s.queryRow(ctx, `SELECT locked_until FROM login_locks WHERE kind = ? AND account_id = ? AND source = ?`,
		kind, id, source).Scan(dbTime{&until})
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return until, s.mapErr("login lock", err)
}

// clearSource forgets the failures of account id of kind from source (a
// successful sign-in from there).
func (s *Store) clearSource(ctx context.Context, kind string, id int64, source string) error {
	_, err := s.exec(ctx, `DELETE FROM login_locks WHERE kind = ? AND account_id = ? AND source = ?`, kind, id, source)
	return s.mapErr("clear login failures", err)
}

// clearSources forgets the failures and locks of account id of kind from
// every source (an unlock by staff, a new password).
func (s *Store) clearSources(ctx context.Context, kind string, id int64) error {
	_, err := s.exec(ctx, `DELETE FROM login_locks WHERE kind = ? AND account_id = ?`, kind, id)
	return s.mapErr("clear login locks", err)
}

// LoginLockedUntil implements account.Store.
func (s *Store) LoginLockedUntil(ctx context.Context, id int64, source string) (time.Time, error) {
	return s.sourceLockedUntil(ctx, lockStaff, id, source)
}

// UnlockLogins implements account.Store.
func (s *Store) UnlockLogins(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.clearSources(ctx, lockStaff, id); err != nil {
			return err
		}
		return s.mustUpdate(ctx, "unlock", "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", id)
	})
}

// PublicLoginLockedUntil implements publicuser.Store.
func (s *Store) PublicLoginLockedUntil(ctx context.Context, id int64, source string) (time.Time, error) {
	return s.sourceLockedUntil(ctx, lockPublic, id, source)
}
