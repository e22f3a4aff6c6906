package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
)

var _ apitoken.Store = (*Store)(nil)

const apiTokenCols = "id, name, agency_id, token_hash, created_at, last_used_at, revoked_at"

func scanAPIToken(sc interface{ Scan(...any) error }) (apitoken.Token, error) {
	var t apitoken.Token
	err := sc.Scan(&t.ID, &t.Name, &t.AgencyID, &t.Hash, dbTime{&t.CreatedAt}, dbTime{&t.LastUsedAt}, dbTime{&t.RevokedAt})
	return t, err
}

// CreateAPIToken implements apitoken.Store.
func (s *Store) CreateAPIToken(ctx context.Context, t apitoken.Token) (apitoken.Token, error) {
	if err := needTime("create api token", "CreatedAt", t.CreatedAt); err != nil {
		return apitoken.Token{}, err
	}
	t.CreatedAt = t.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, "INSERT INTO api_tokens (name, agency_id, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
		t.Name, t.AgencyID, t.Hash, s.d.t(t.CreatedAt)).Scan(&t.ID)
	if err != nil {
		err = s.mapErr("create api token "+t.Name, err)
		if errors.Is(err, apperr.Invalid) {
			return apitoken.Token{}, apperr.Wrap(apperr.Invalid, "agency.not_found", err)
		}
		return apitoken.Token{}, err
	}
	return t, nil
}

// APITokenByHash implements apitoken.Store.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (apitoken.Token, error) {
	t, err := scanAPIToken(s.queryRow(ctx, "SELECT "+apiTokenCols+" FROM api_tokens WHERE token_hash = ?", hash))
	if err != nil {
		return apitoken.Token{}, s.notFound("api token by hash", "token.not_found", err)
	}
	return t, nil
}

// ListAPITokens implements apitoken.Store.
func (s *Store) ListAPITokens(ctx context.Context) ([]apitoken.Token, error) {
	rows, err := s.query(ctx, "SELECT "+apiTokenCols+" FROM api_tokens ORDER BY id DESC")
	if err != nil {
		return nil, s.mapErr("list api tokens", err)
	}
	defer rows.Close()
	var out []apitoken.Token
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, s.mapErr("list api tokens", err)
		}
		out = append(out, t)
	}
	return out, s.mapErr("list api tokens", rows.Err())
}

// RevokeAPIToken implements apitoken.Store.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	return s.execOne(ctx, "revoke api token", "token.not_active",
		"UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", s.d.t(at), id)
}

// TouchAPIToken implements apitoken.Store. It never moves LastUsedAt
// backwards, so concurrent calls need no coordination.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
		s.d.t(at), id, s.d.t(at))
	return s.mapErr("touch api token", err)
}
