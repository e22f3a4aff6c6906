package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/account"
)

// AddNotice implements account.NoticeStore.
func (s *Store) AddNotice(ctx context.Context, n account.Notice) error {
	if err := needTime("add notice", "CreatedAt", n.CreatedAt); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO account_notices (kind, account_id, topic, detail, created_at) VALUES (?, ?, ?, ?, ?)`,
		n.Kind, n.AccountID, n.Topic, n.Detail, s.d.t(n.CreatedAt))
	return s.mapErr("add notice", err)
}

// TakeNotices implements account.NoticeStore.
func (s *Store) TakeNotices(ctx context.Context, kind string, accountID int64, now time.Time) ([]account.Notice, error) {
	const op = "take notices"
	var out []account.Notice
	err := s.InTx(ctx, func(ctx context.Context) error {
		rows, err := s.query(ctx, `SELECT id, kind, account_id, topic, detail, created_at FROM account_notices
			WHERE kind = ? AND account_id = ? AND seen_at IS NULL ORDER BY id`, kind, accountID)
		if err != nil {
			return s.mapErr(op, err)
		}
		defer rows.Close()
		for rows.Next() {
			var n account.Notice
			if err := rows.Scan(&n.ID, &n.Kind, &n.AccountID, &n.Topic, &n.Detail, dbTime{&n.CreatedAt}); err != nil {
				return s.mapErr(op, err)
			}
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			return s.mapErr(op, err)
		}
		rows.Close()
		if len(out) == 0 {
			return nil
		}
		_, err = s.exec(ctx, `UPDATE account_notices SET seen_at = ? WHERE kind = ? AND account_id = ? AND seen_at IS NULL AND id <= ?`,
			s.d.t(now), kind, accountID, out[len(out)-1].ID)
		return s.mapErr(op, err)
	})
	return out, err
}

// UnlockPublicLogins implements publicuser.Store: it clears the failures
// and locks of public account id from every source.
func (s *Store) UnlockPublicLogins(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.clearSources(ctx, lockPublic, id); err != nil {
			return err
		}
		return s.publicUpdate(ctx, "unlock public account", "UPDATE public_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?", id)
	})
}
