package sqlstore

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
)

var _ account.Store = (*Store)(nil)

const userCols = `id, agency_id, login, display_name, password_hash, must_change_password, password_changed_at,
	disabled, failed_logins, locked_until, totp_secret, totp_enabled, totp_last_step, created_at, last_login_at`

func scanUser(sc interface{ Scan(...any) error }) (account.User, error) {
	var u account.User
	err := sc.Scan(&u.ID, &u.AgencyID, &u.Login, &u.DisplayName, &u.PasswordHash, &u.MustChangePassword,
		dbTime{&u.PasswordChangedAt}, &u.Disabled, &u.FailedLogins, dbTime{&u.LockedUntil}, &u.TOTPSecret,
		&u.TOTPEnabled, &u.TOTPLastStep, dbTime{&u.CreatedAt}, dbTime{&u.LastLoginAt})
	return u, err
}

// CreateUser implements account.Store: the user row and its roles in one
// transaction.
func (s *Store) CreateUser(ctx context.Context, u account.User) (account.User, error) {
	if err := needTime("create user", "CreatedAt", u.CreatedAt); err != nil {
		return u, err
	}
	if u.PasswordChangedAt.IsZero() {
		u.PasswordChangedAt = u.CreatedAt
	}
	u.CreatedAt = u.CreatedAt.UTC().Truncate(time.Microsecond)
	u.PasswordChangedAt = u.PasswordChangedAt.UTC().Truncate(time.Microsecond)
	err := s.InTx(ctx, func(ctx context.Context) error {
		err := s.queryRow(ctx, `INSERT INTO users (agency_id, login, display_name, password_hash, must_change_password,
			password_changed_at, disabled, totp_secret, totp_enabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.AgencyID, u.Login, u.DisplayName, u.PasswordHash, u.MustChangePassword, s.d.t(u.PasswordChangedAt),
			u.Disabled, u.TOTPSecret, u.TOTPEnabled, s.d.t(u.CreatedAt)).Scan(&u.ID)
		if err != nil {
			err = s.mapErr("create user "+u.Login, err)
			switch {
			case errors.Is(err, apperr.Conflict):
				return apperr.Wrap(apperr.Conflict, "user.login_taken", err, u.Login)
			case errors.Is(err, apperr.Invalid):
				return apperr.Wrap(apperr.NotFound, "agency.not_found", err)
			}
			return err
		}
		return s.insertRoles(ctx, u.ID, u.Roles)
	})
	return u, err
}

func (s *Store) insertRoles(ctx context.Context, id int64, roles []account.Role) error {
	for _, r := range roles {
		if _, err := s.exec(ctx, "INSERT INTO user_roles (user_id, role) VALUES (?, ?)", id, string(r)); err != nil {
			err = s.mapErr("add role "+string(r), err)
			if errors.Is(err, apperr.Conflict) {
				return apperr.Wrap(apperr.Conflict, "role.two_admin", err)
			}
			return err
		}
	}
	return nil
}

// loadRoles fills in the roles of us.
func (s *Store) loadRoles(ctx context.Context, us []account.User) error {
	if len(us) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(us))
	args := make([]any, len(us))
	for i, u := range us {
		idx[u.ID] = i
		args[i] = u.ID
	}
	rows, err := s.query(ctx, "SELECT user_id, role FROM user_roles WHERE user_id IN ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(us)), ", ")+") ORDER BY user_id, role", args...)
	if err != nil {
		return s.mapErr("load roles", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r string
		if err := rows.Scan(&id, &r); err != nil {
			return s.mapErr("load roles", err)
		}
		i := idx[id]
		us[i].Roles = append(us[i].Roles, account.Role(r))
	}
	return s.mapErr("load roles", rows.Err())
}

func (s *Store) oneUser(ctx context.Context, op, where string, arg any) (account.User, error) {
	u, err := scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE "+where, arg))
	if err != nil {
		return u, s.notFound(op, "user.not_found", err)
	}
	us := []account.User{u}
	if err := s.loadRoles(ctx, us); err != nil {
		return u, err
	}
	return us[0], nil
}

// User implements account.Store.
func (s *Store) User(ctx context.Context, id int64) (account.User, error) {
	return s.oneUser(ctx, "get user", "id = ?", id)
}

// UserByLogin implements account.Store.
func (s *Store) UserByLogin(ctx context.Context, login string) (account.User, error) {
	return s.oneUser(ctx, "get user by login", "login = ?", login)
}

// ListUsers implements account.Store.
func (s *Store) ListUsers(ctx context.Context, agencyIDs []int64) ([]account.User, error) {
	q := "SELECT " + userCols + " FROM users"
	var args []any
	if agencyIDs != nil {
		if len(agencyIDs) == 0 {
			return nil, nil
		}
		q += " WHERE agency_id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(agencyIDs)), ", ") + ")"
		for _, id := range agencyIDs {
			args = append(args, id)
		}
	}
	rows, err := s.query(ctx, q+" ORDER BY login", args...)
	if err != nil {
		return nil, s.mapErr("list users", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.mapErr("list users", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, s.mapErr("list users", err)
	}
	rows.Close()
	return out, s.loadRoles(ctx, out)
}

// SetRoles implements account.Store.
func (s *Store) SetRoles(ctx context.Context, id int64, roles []account.Role) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.mustUpdate(ctx, "set roles", "UPDATE users SET id = id WHERE id = ?", id); err != nil {
			return err
		}
		if _, err := s.exec(ctx, "DELETE FROM user_roles WHERE user_id = ?", id); err != nil {
			return s.mapErr("set roles", err)
		}
		return s.insertRoles(ctx, id, roles)
	})
}

const msgNoUser = "user.not_found"

// mustUpdate runs an UPDATE of users; apperr.NotFound when it touched no row.
func (s *Store) mustUpdate(ctx context.Context, op, q string, args ...any) error {
	return s.execOne(ctx, op, msgNoUser, q, args...)
}

// SetDisabled implements account.Store.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.mustUpdate(ctx, "set disabled", "UPDATE users SET disabled = ? WHERE id = ?", disabled, id)
}

// SetPassword implements account.Store.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string, changedAt time.Time, mustChange bool) error {
	if err := needTime("set password", "changedAt", changedAt); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.clearSources(ctx, lockStaff, id); err != nil {
			return err
		}
		return s.mustUpdate(ctx, "set password", `UPDATE users SET password_hash = ?, password_changed_at = ?,
		must_change_password = ?, failed_logins = 0, locked_until = NULL WHERE id = ?`,
			hash, s.d.t(changedAt), mustChange, id)
	})
}

// RecordLoginFailure implements account.Store: one failure of user id
// from source, counted atomically (concurrent wrong guesses cannot lose a
// count) in login_locks.
func (s *Store) RecordLoginFailure(ctx context.Context, id int64, source string, threshold int, lockUntil time.Time) (int, time.Time, error) {
	return s.recordSourceFailure(ctx, lockStaff, "users", "record login failure", id, source, threshold, lockUntil)
}

// RecordLoginSuccess implements account.Store.
func (s *Store) RecordLoginSuccess(ctx context.Context, id int64, source string, at time.Time) error {
	if err := s.clearSource(ctx, lockStaff, id, source); err != nil {
		return err
	}
	return s.mustUpdate(ctx, "record login", "UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?",
		s.d.t(at), id)
}

// SetTOTP implements account.Store.
func (s *Store) SetTOTP(ctx context.Context, id int64, secret string, enabled bool, lastStep int64) error {
	return s.mustUpdate(ctx, "set totp", "UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_last_step = ? WHERE id = ?",
		secret, enabled, lastStep, id)
}

// CountActiveAdmins implements account.Store.
func (s *Store) CountActiveAdmins(ctx context.Context, r account.Role) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = ? AND NOT u.disabled`, string(r)).Scan(&n)
	return n, s.mapErr("count admins", err)
}
