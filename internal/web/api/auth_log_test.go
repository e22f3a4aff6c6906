package api

import (
	"bytes"
	"context"
	"github.com/gongkai/gongkai/internal/search"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

type noTokens struct{}

// noAgencies stands in for the agency store; these tests never reach it.
type noAgencies struct{ Agencies }

// noSearch stands in for the search store; these tests never reach it.
type noSearch struct{ search.Store }

// noReports stands in for the reports; these tests never reach it.
type noReports struct{ Reports }

// TestNewRefusesMissingServices: an API wired without its token check or
// its agencies fails at start-up.
func TestNewRefusesMissingServices(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Deps
	}{{"Deps.Tokens", Deps{Agencies: noAgencies{}, Search: noSearch{}, Reports: noReports{}}}, {"Deps.Agencies", Deps{Tokens: noTokens{}, Search: noSearch{}, Reports: noReports{}}},
		{"Deps.Search", Deps{Tokens: noTokens{}, Agencies: noAgencies{}, Reports: noReports{}}}, {"Deps.Reports", Deps{Tokens: noTokens{}, Agencies: noAgencies{}, Search: noSearch{}}}} {
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
	a, err := New(Deps{Tokens: noTokens{}, Agencies: noAgencies{}, Search: noSearch{}, Reports: noReports{}, Log: slog.New(slog.NewJSONHandler(&buf, nil))})
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

// countingTokens counts the lookups of a token store that knows none.
type countingTokens struct{ n int }

func (c *countingTokens) Authenticate(context.Context, string) (apitoken.Token, error) {
	c.n++
	return apitoken.Token{}, apperr.New(apperr.Unauthenticated, "")
}

type recordedEvents []audit.Event

func (r *recordedEvents) Record(_ context.Context, e audit.Event) error {
	*r = append(*r, e)
	return nil
}

// TestInvalidTokensLimitedAndAudited: every invalid token is audited with
// the client's address; after 10 from one address (an IPv6 /64) the next
// is refused with 429 before the token is looked up (#10 item 7).
func TestInvalidTokensLimitedAndAudited(t *testing.T) {
	tokens := &countingTokens{}
	var evs recordedEvents
	a, err := New(Deps{Tokens: tokens, Agencies: noAgencies{}, Search: noSearch{}, Reports: noReports{}, Audit: &evs,
		ClientIP: func(r *http.Request) string { return r.Header.Get("X-Test-IP") }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	call := func(ip string) int {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/api/v1/me", nil)
		r.Header.Set("Authorization", "Bearer gk_guess")
		r.Header.Set("X-Test-IP", ip)
		mux.ServeHTTP(rec, r)
		return rec.Code
	}
	for i := 0; i < failureBurst; i++ {
		if c := call("2001:db8:1:1::" + strconv.Itoa(i+1)); c != http.StatusUnauthorized {
			t.Fatalf("invalid token %d: %d; want 401", i+1, c)
		}
	}
	if c := call("2001:db8:1:1::ff"); c != http.StatusTooManyRequests {
		t.Errorf("invalid token %d from the same /64: %d; want 429", failureBurst+1, c)
	}
	if tokens.n != failureBurst {
		t.Errorf("%d token lookups; want %d (the refused one is not looked up)", tokens.n, failureBurst)
	}
	if c := call("192.0.2.9"); c != http.StatusUnauthorized {
		t.Errorf("another address: %d; want 401", c)
	}
	if len(evs) != failureBurst+1 {
		t.Fatalf("%d audit events; want %d", len(evs), failureBurst+1)
	}
	if e := evs[0]; e.Action != "api.auth" || e.Result != audit.ResultFail || e.IP != "2001:db8:1:1::1" || strings.Contains(e.Detail, "guess") {
		t.Errorf("audit event %+v", e)
	}
}
