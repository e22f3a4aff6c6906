// Package api is the integration API under /api/v1: JSON over HTTPS for
// other government systems (an OA system, a province's 政务公开 platform).
// Each integration has its own bearer token (package apitoken); only the
// SHA-256 hash of a token is stored, and the secret is shown once when it
// is issued.
//
// The routes are listed once (Routes) and described by a hand-written
// OpenAPI 3 document (openapi.json, embedded and served at
// /api/v1/openapi.json); a test fails when the two disagree.
package api

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/web"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the embedded OpenAPI 3 document.
func OpenAPI() []byte { return openAPI }

// Tokens authenticates callers; *apitoken.Service is one.
type Tokens interface {
	// Authenticate returns the valid token whose secret is secret, or an
	// apperr.Unauthenticated error for a missing, unknown or revoked one.
	Authenticate(ctx context.Context, secret string) (apitoken.Token, error)
}

// Agencies is what the API reads about agencies.
type Agencies interface {
	agency.Store
}

// Auditor records an audit event; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, e audit.Event) error
}

// Deps are the API's dependencies.
type Deps struct {
	Tokens   Tokens
	Agencies Agencies
	// Search answers GET /api/v1/search; *sqlstore.Store is one.
	Search search.Store
	// Reports answers GET /api/v1/reports and /api/v1/reports/{agency}/{year};
	// *annual.Service is one.
	Reports Reports
	// Overviews answers GET /api/v1/overview; *annual.Service is one
	// (nil: the route answers 404).
	Overviews Overviews
	// Items answers GET /api/v1/items and /api/v1/items/{id};
	// *catalog.Service is one (nil: the routes answer 404).
	Items Items
	// SearchLimiter limits the public reads (search, reports, items) per
	// client address (ClientIP), one budget for all of them; nil means no
	// limit.
	SearchLimiter *web.RateLimiter
	// ClientIP finds the client address (nil: RemoteAddr).
	ClientIP func(*http.Request) string
	Log      *slog.Logger
	// Failures limits invalid tokens per client address (an IPv6 /64):
	// each invalid token spends one, and none left answers 429 before the
	// token is looked at (nil: 10, then one a minute).
	Failures *web.RateLimiter
	// Audit records every invalid token (nil: none).
	Audit Auditor
}

// Invalid tokens an address may send: 10, then one a minute. A real
// integration with a revoked token fails once and is fixed; a guesser
// stops at the limit, and the audit log records at most that many.
const (
	failureBurst = 10
	failureEvery = time.Minute
)

// API serves /api/v1.
type API struct {
	deps Deps
}

// New returns the API. It refuses Deps without Tokens or Agencies, so a
// wiring mistake stops the server at start-up instead of failing calls.
func New(d Deps) (*API, error) {
	switch {
	case d.Tokens == nil:
		return nil, errors.New("api: Deps.Tokens not set")
	case d.Agencies == nil:
		return nil, errors.New("api: Deps.Agencies not set")
	case d.Search == nil:
		return nil, errors.New("api: Deps.Search not set")
	case d.Reports == nil:
		return nil, errors.New("api: Deps.Reports not set")
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Failures == nil {
		d.Failures = web.NewRateLimiter(failureBurst, failureEvery)
	}
	if d.ClientIP == nil {
		d.ClientIP = func(r *http.Request) string {
			if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
				return host
			}
			return r.RemoteAddr
		}
	}
	return &API{deps: d}, nil
}

type ctxToken struct{}

// TokenFrom returns the token that authenticated the request.
func TokenFrom(ctx context.Context) (apitoken.Token, bool) {
	t, ok := ctx.Value(ctxToken{}).(apitoken.Token)
	return t, ok
}

// authenticate requires a valid bearer token.
func (a *API) authenticate(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, secret, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
			// No credentials: RFC 6750 §3.1 omits the error code.
			w.Header().Set("WWW-Authenticate", `Bearer realm="gongkai"`)
			writeError(w, r, http.StatusUnauthorized, "unauthenticated", "缺少或无效的访问令牌 / missing or invalid token")
			return
		}
		ip := a.deps.ClientIP(r)
		if !a.deps.Failures.Available(ip) {
			// Too many invalid tokens from this address: refused before the
			// token is looked at (#10 item 7).
			w.Header().Set("Retry-After", strconv.Itoa(int(a.deps.Failures.Every/time.Second)+1))
			writeError(w, r, http.StatusTooManyRequests, "too_many_failures", "无效令牌过多，请稍后再试 / too many invalid tokens; try again later")
			return
		}
		t, err := a.deps.Tokens.Authenticate(r.Context(), secret)
		if err != nil {
			if !errors.Is(err, apperr.Unauthenticated) {
				a.deps.Log.ErrorContext(r.Context(), "api: token lookup", slog.String("error", err.Error()),
					slog.String("request_id", web.RequestID(r.Context())))
			} else {
				// A failed authentication is logged (ASVS 7.2.1), never the
				// secret; the access log line of the same request id has the
				// client address.
				a.deps.Log.WarnContext(r.Context(), "api: invalid token",
					slog.String("request_id", web.RequestID(r.Context())), slog.String("path", r.URL.Path))
				// And audited: the limit above bounds how many rows one
				// address can add (10, then one a minute).
				a.deps.Failures.Allow(ip)
				if a.deps.Audit != nil {
					ev := audit.Actor{Login: "api", IP: ip, RequestID: web.RequestID(r.Context())}.Event("api.auth", "api", 0, audit.ResultFail,
						"invalid token "+r.Method+" "+r.URL.Path)
					if err := a.deps.Audit.Record(r.Context(), ev); err != nil {
						a.deps.Log.ErrorContext(r.Context(), "api: audit", slog.String("error", err.Error()))
					}
				}
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
	msg := errCatalog.Err(web.PrefsFrom(r.Context()).Lang, err)
	writeError(w, r, status, apperr.KindOf(err).String(), msg)
}

// errCatalog translates error messages: Chinese, or English after ?lang=en.
var errCatalog = web.NewCatalog(web.ErrorMessages)
