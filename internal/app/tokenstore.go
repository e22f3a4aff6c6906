package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web/api"
)

// The api_tokens table comes from sqlstore's migration 00003_web. Its
// queries live here until sqlstore grows the methods (reported to the
// core's owner): TokenStore is small and uses only portable SQL.

// Audit actions of the API tokens.
const (
	ActTokenCreate = "api.token.create"
	ActTokenRevoke = "api.token.revoke"
)

// TokenStore keeps API tokens (their hashes) in the api_tokens table.
type TokenStore struct {
	db      *sql.DB
	dialect string
	audit   *audit.Log
}

const timeFormat = "2006-01-02T15:04:05.000000Z"

// bind rewrites ? placeholders as $1, $2… for PostgreSQL.
func (s *TokenStore) bind(q string) string {
	if s.dialect != "postgres" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func parseTime(ns sql.NullString) time.Time {
	if !ns.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(timeFormat, ns.String)
	return t
}

const tokenCols = `id, name, agency_id, token_hash, created_at, last_used_at, revoked_at`

func scanToken(sc interface{ Scan(...any) error }) (api.Token, error) {
	var t api.Token
	var created, used, revoked sql.NullString
	if err := sc.Scan(&t.ID, &t.Name, &t.AgencyID, &t.Hash, &created, &used, &revoked); err != nil {
		return api.Token{}, err
	}
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = parseTime(created), parseTime(used), parseTime(revoked)
	return t, nil
}

// TokenByHash implements api.Tokens.
func (s *TokenStore) TokenByHash(ctx context.Context, hash string) (api.Token, error) {
	t, err := scanToken(s.db.QueryRowContext(ctx, s.bind(`SELECT `+tokenCols+` FROM api_tokens WHERE token_hash = ?`), hash))
	if errors.Is(err, sql.ErrNoRows) {
		return api.Token{}, apperr.Wrap(apperr.NotFound, "", fmt.Errorf("app: token by hash: %w", err))
	}
	if err != nil {
		return api.Token{}, fmt.Errorf("app: token by hash: %w", err)
	}
	return t, nil
}

// CreateAPIToken stores a new token's hash and records it in the audit
// log (without the secret).
func (s *TokenStore) CreateAPIToken(ctx context.Context, by audit.Actor, t api.Token) (api.Token, error) {
	var exists int
	err := s.db.QueryRowContext(ctx, s.bind(`SELECT COUNT(*) FROM agencies WHERE id = ?`), t.AgencyID).Scan(&exists)
	if err != nil {
		return api.Token{}, fmt.Errorf("app: create token: %w", err)
	}
	if exists == 0 {
		return api.Token{}, apperr.New(apperr.Invalid, "机关不存在 / no such agency")
	}
	t.CreatedAt = time.Now().UTC()
	err = s.db.QueryRowContext(ctx, s.bind(`INSERT INTO api_tokens (name, agency_id, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
		t.Name, t.AgencyID, t.Hash, t.CreatedAt.Format(timeFormat)).Scan(&t.ID)
	if err != nil {
		return api.Token{}, fmt.Errorf("app: create token: %w", err)
	}
	if err := s.audit.Record(ctx, by.Event(ActTokenCreate, "api_token", t.ID, audit.ResultOK, t.Name)); err != nil {
		return api.Token{}, err
	}
	return t, nil
}

// ListAPITokens returns every token, newest first.
func (s *TokenStore) ListAPITokens(ctx context.Context) ([]api.Token, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenCols+` FROM api_tokens ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("app: list tokens: %w", err)
	}
	defer rows.Close()
	var out []api.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("app: list tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes token id; the API refuses it from the next call.
func (s *TokenStore) RevokeAPIToken(ctx context.Context, by audit.Actor, id int64) error {
	res, err := s.db.ExecContext(ctx, s.bind(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
		time.Now().UTC().Format(timeFormat), id)
	if err != nil {
		return fmt.Errorf("app: revoke token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "令牌不存在或已吊销 / no such active token")
	}
	return s.audit.Record(ctx, by.Event(ActTokenRevoke, "api_token", id, audit.ResultOK, ""))
}
