package app

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPortalRateLimits: one address cannot flood the application form or
// guess query codes (SECURITY.md O-BL-01); a right code is never limited.
func TestPortalRateLimits(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	a, err := New(context.Background(), st, configDefault(), Options{ApplyBurst: 2, ApplyEvery: time.Hour,
		LookupBurst: 2, LookupEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	f.srv.Config.Handler = a.Handler
	c := f.client()
	form := applyForm(f).Encode()
	var tracking, code string
	for i := 0; i < 2; i++ {
		r := f.do(c, "POST", "/apply", form, nil)
		if r.status != http.StatusOK {
			t.Fatalf("submission %d: %d; want 200", i+1, r.status)
		}
		tracking, code = reTracking.FindStringSubmatch(r.body)[1], reCode.FindStringSubmatch(r.body)[1]
	}
	r := f.do(c, "POST", "/apply", form, nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("3rd submission: %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}

	right := "tracking=" + tracking + "&code=" + code
	for i := 0; i < 5; i++ {
		if r := f.do(c, "POST", "/apply/status", right, nil); r.status != http.StatusOK {
			t.Fatalf("right code, lookup %d: %d; want 200", i+1, r.status)
		}
	}
	wrong := "tracking=" + tracking + "&code=AAAAAAAAAA"
	for i := 0; i < 2; i++ {
		if r := f.do(c, "POST", "/apply/status", wrong, nil); r.status != http.StatusNotFound {
			t.Fatalf("wrong code %d: %d; want 404", i+1, r.status)
		}
	}
	for _, tc := range []struct{ path, body string }{
		{"/apply/status", wrong},
		{"/apply/status", right},
		{"/apply/status/letter", wrong + "&kind=reply"},
	} {
		if r := f.do(c, "POST", tc.path, tc.body, nil); r.status != http.StatusTooManyRequests {
			t.Errorf("after 2 failures, POST %s %s: %d; want 429", tc.path, tc.body, r.status)
		}
	}
	if r := f.do(c, "GET", "/apply/status", "", nil); r.status != http.StatusOK {
		t.Errorf("GET /apply/status: %d; want 200 (only posts are limited)", r.status)
	}
}
