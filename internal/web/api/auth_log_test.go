package api

import (
	"bytes"
	"context"
	"github.com/gongkai/gongkai/internal/search"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
)

type noTokens struct{}

// noAgencies stands in for the agency store; these tests never reach it.
type noAgencies struct{ Agencies }

// noSearch stands in for the search store; these tests never reach it.
type noSearch struct{ search.Store }

// TestNewRefusesMissingServices: an API wired without its token check or
// its agencies fails at start-up.
func TestNewRefusesMissingServices(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Deps
	}{{"Deps.Tokens", Deps{Agencies: noAgencies{}, Search: noSearch{}}}, {"Deps.Agencies", Deps{Tokens: noTokens{}, Search: noSearch{}}},
		{"Deps.Search", Deps{Tokens: noTokens{}, Agencies: noAgencies{}}}} {
		if _, err := New(tc.d); err == nil || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("New without %s: %v; want an error naming it", tc.name, err)
		}
	}
}

func (noTokens) Authenticate(context.Context, string) (apitoken.Token, error) {
	return apitoken.Token{}, apperr.New(apperr.Unauthenticated, "")
}

// TestInvalidTokenLogged: a call with a wrong token is logged as a failed
// authentication (ASVS 7.2.1) without the secret it carried (7.1.1).
func TestInvalidTokenLogged(t *testing.T) {
	var buf bytes.Buffer
	a, err := New(Deps{Tokens: noTokens{}, Agencies: noAgencies{}, Search: noSearch{}, Log: slog.New(slog.NewJSONHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer gk_s3cr3t-value")
	mux.ServeHTTP(rec, r)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d; want 401", rec.Code)
	}
	if !strings.Contains(buf.String(), "api: invalid token") {
		t.Errorf("log %q lacks the failed authentication", buf.String())
	}
	if strings.Contains(buf.String(), "s3cr3t") {
		t.Errorf("log %q holds the token", buf.String())
	}
}
