// Package apitoken holds the credentials of the integrations that call
// the /api/v1 API (an OA system, a province's 政务公开 platform): one
// bearer token per integration, scoped to an agency's subtree. Only the
// SHA-256 hash of a token is stored; the secret is shown once, when it is
// issued (SECURITY.md: secrets are never stored in clear).
//
// The back office and `gongkai token` issue, list and revoke tokens through
// a Service, which records every change in the audit log in the same
// transaction; the API authenticates callers with Service.Authenticate.
package apitoken

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
)

// A Token is an integration's credential as stored: never the secret
// itself, only its hash.
type Token struct {
	ID         int64
	Name       string // the integration, e.g. "市政务公开平台"
	AgencyID   int64  // the agency whose subtree the token may read
	Hash       string // hex SHA-256 of the secret
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until the first call (updated at most every TouchEvery)
	RevokedAt  time.Time // zero while the token is valid
}

// Revoked reports whether the token has been revoked.
func (t Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Store is what the apitoken package needs from storage.
type Store interface {
	// CreateAPIToken inserts t (Name, AgencyID, Hash, CreatedAt) and
	// returns it with its ID. An unknown agency is an apperr.Invalid error.
	CreateAPIToken(ctx context.Context, t Token) (Token, error)
	// APITokenByHash returns the token whose hash is hash, revoked or
	// not, or an apperr.NotFound error.
	APITokenByHash(ctx context.Context, hash string) (Token, error)
	// ListAPITokens returns every token, newest first.
	ListAPITokens(ctx context.Context) ([]Token, error)
	// RevokeAPIToken sets the revocation time of token id; a token that
	// does not exist or is already revoked is an apperr.NotFound error.
	RevokeAPIToken(ctx context.Context, id int64, at time.Time) error
	// TouchAPIToken records that token id was used at at.
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
}

// Audit actions of the API tokens.
const (
	ActCreate = "api.token.create"
	ActRevoke = "api.token.revoke"
)

// Prefix starts every secret, so that a leaked one is easy to recognise
// in a code search or by a secret scanner.
const Prefix = "gkapi_"

// NewSecret returns a fresh secret (256 random bits) and the hash to
// store.
func NewSecret() (secret, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	secret = Prefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	return secret, Hash(secret)
}

// Hash returns the hex SHA-256 of a secret. A fast hash is enough: the
// secret has 256 bits of entropy and cannot be guessed, unlike a password.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
