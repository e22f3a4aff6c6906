package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// CreateBootstrapToken stores the hash of a new one-time bootstrap token
// valid until expires, and ends every earlier unused token, so only the
// most recently printed token works.
func (s *Store) CreateBootstrapToken(ctx context.Context, hash string, now, expires time.Time) error {
	if err := needTime("create bootstrap token", "now", now); err != nil {
		return err
	}
	if err := needTime("create bootstrap token", "expires", expires); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, "UPDATE bootstrap_tokens SET expires_at = ? WHERE used_at IS NULL AND expires_at > ?",
			s.d.t(now), s.d.t(now)); err != nil {
			return s.mapErr("expire bootstrap tokens", err)
		}
		_, err := s.exec(ctx, "INSERT INTO bootstrap_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)",
			hash, s.d.t(now), s.d.t(expires))
		return s.mapErr("create bootstrap token", err)
	})
}

// ConsumeBootstrapToken marks the unused, unexpired token with hash as
// used at now. Any other case is apperr.Unauthenticated.
func (s *Store) ConsumeBootstrapToken(ctx context.Context, hash string, now time.Time) error {
	res, err := s.exec(ctx, "UPDATE bootstrap_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
		s.d.t(now), hash, s.d.t(now))
	if err != nil {
		return s.mapErr("consume bootstrap token", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.New(apperr.Unauthenticated, "bootstrap.token_invalid")
	}
	return nil
}
