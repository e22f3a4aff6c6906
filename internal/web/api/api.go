// Package api is the integration API under /api/v1: JSON over HTTPS for
// other government systems (an OA system, a province's 政务公开 platform).
// Each integration has its own bearer token; only the SHA-256 hash of a
// token is stored, and the secret is shown once when it is issued.
//
// The routes are listed once (Routes) and described by a hand-written
// OpenAPI 3 document (openapi.json, embedded and served at
// /api/v1/openapi.json); a test fails when the two disagree.
package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/web"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the embedded OpenAPI 3 document.
func OpenAPI() []byte { return openAPI }

// A Token is an integration's credential as stored: never the secret
// itself, only its hash.
type Token struct {
	ID         int64
	Name       string // the integration, e.g. "市政务公开平台"
	AgencyID   int64  // the agency whose subtree the token may read
	Hash       string // hex SHA-256 of the secret
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time // zero while the token is valid
}

// Revoked reports whether the token has been revoked.
func (t Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Tokens is where tokens are kept.
type Tokens interface {
	// TokenByHash returns the token with the given hash, or an
	// apperr.NotFound error.
	TokenByHash(ctx context.Context, hash string) (Token, error)
}

// Agencies is what the API reads about agencies.
type Agencies interface {
	agency.Store
}

// Deps are the API's dependencies.
type Deps struct {
	Tokens   Tokens
	Agencies Agencies
	Log      *slog.Logger
}

// API serves /api/v1.
type API struct {
	deps Deps
}

// New returns the API.
func New(d Deps) *API {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &API{deps: d}
}

// TokenPrefix starts every token, so a leaked one is easy to recognise in
// a code search or a secret scanner.
const TokenPrefix = "gkapi_"

// NewToken returns a fresh secret (256 random bits) and the hash to store.
func NewToken() (secret, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:])
	secret = TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	return secret, HashToken(secret)
}

// HashToken returns the hex SHA-256 of a token secret. A fast hash is
// enough: the secret has 256 bits of entropy and cannot be guessed.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

type ctxToken struct{}

// TokenFrom returns the token that authenticated the request.
func TokenFrom(ctx context.Context) (Token, bool) {
	t, ok := ctx.Value(ctxToken{}).(Token)
	return t, ok
}

// authenticate requires a valid bearer token.
func (a *API) authenticate(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		scheme, secret, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(secret, TokenPrefix) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gongkai"`)
			writeError(w, r, http.StatusUnauthorized, "unauthenticated", "缺少或无效的访问令牌 / missing or invalid token")
			return
		}
		hash := HashToken(secret)
		t, err := a.deps.Tokens.TokenByHash(r.Context(), hash)
		if err != nil || t.Revoked() || subtle.ConstantTimeCompare([]byte(t.Hash), []byte(hash)) != 1 {
			if err != nil && !errors.Is(err, apperr.NotFound) {
				a.deps.Log.ErrorContext(r.Context(), "api: token lookup", slog.String("error", err.Error()),
					slog.String("request_id", web.RequestID(r.Context())))
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="gongkai", error="invalid_token"`)
			writeError(w, r, http.StatusUnauthorized, "unauthenticated", "缺少或无效的访问令牌 / missing or invalid token")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), ctxToken{}, t)))
	}
}

// An Error is the body of every error answer.
type Error struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
}

func writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	writeJSON(w, status, Error{Code: code, Message: msg, RequestID: web.RequestID(r.Context())})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// fail answers err with its status and safe message.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := web.StatusOf(err)
	if status >= 500 {
		a.deps.Log.ErrorContext(r.Context(), "api", slog.String("error", err.Error()),
			slog.String("request_id", web.RequestID(r.Context())))
	}
	writeError(w, r, status, apperr.KindOf(err).String(), apperr.Message(err))
}
