package app

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPublicAccountLimits: wrong claims spend the per-address lookup
// budget like wrong query codes on /apply/status (the claim checks a code
// the same way), and the sign-in and register forms have the staff
// sign-in's per-address limit, in a bucket of their own (SECURITY.md
// O-AUTH-03, O-BL-01).
func TestPublicAccountLimits(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	a, err := New(context.Background(), st, configDefault(), Options{LookupBurst: 2, LookupEvery: time.Hour,
		LoginBurst: 3, LoginEvery: time.Hour, ApplyBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.PublicUsers.Settings.Hash = fastHash
	f.srv.Config.Handler = a.Handler
	f.app = a

	c := f.registerPublic("limit@example.cn", "测试") // the register and sign-in: two attempts
	wrong := url.Values{"tracking": {"2026-0001"}, "code": {"AAAAAAAAAA"}}.Encode()
	for i := range 2 {
		if r := f.do(c, "POST", "/account/claim", wrong, nil); r.status != http.StatusNotFound {
			t.Fatalf("wrong claim %d: %d; want 404", i+1, r.status)
		}
	}
	if r := f.do(c, "POST", "/account/claim", wrong, nil); r.status != http.StatusTooManyRequests {
		t.Errorf("3rd wrong claim: %d; want 429", r.status)
	}
	if r := f.do(c, "POST", "/apply/status", wrong, nil); r.status != http.StatusTooManyRequests {
		t.Errorf("lookup after 2 wrong claims: %d; want 429 (one budget)", r.status)
	}

	login := url.Values{"login": {"nobody@example.cn"}, "password": {"x"}}.Encode()
	if r := f.do(f.client(), "POST", "/account/login", login, nil); r.status != http.StatusUnauthorized {
		t.Fatalf("3rd attempt: %d; want 401", r.status)
	}
	if r := f.do(f.client(), "POST", "/account/login", login, nil); r.status != http.StatusTooManyRequests {
		t.Errorf("4th attempt from one address: %d; want 429", r.status)
	}
}
