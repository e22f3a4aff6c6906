package app

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPortalRateLimits: applications above the per-address threshold are
// accepted and flagged for staff, only the ceiling refuses them (SECURITY.md
// A-06), and the limits count an IPv6 /64 as one address; one address
// cannot guess query codes (O-BL-01); a right code is never limited.
func TestPortalRateLimits(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	a, err := New(context.Background(), st, configDefault(), Options{ApplyBurst: 2, ApplyEvery: time.Hour,
		ApplyCeiling: 3, ApplyCeilingEvery: time.Hour, LookupBurst: 2, LookupEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	f.srv.Config.Handler = a.Handler
	c := f.client()
	form := applyForm(f).Encode()
	var tracking, code string
	for i := 0; i < 3; i++ {
		r := f.do(c, "POST", "/apply", form, nil)
		if r.status != http.StatusOK {
			t.Fatalf("submission %d: %d; want 200 (the threshold flags, it does not refuse)", i+1, r.status)
		}
		tracking, code = reTracking.FindStringSubmatch(r.body)[1], reCode.FindStringSubmatch(r.body)[1]
		recs, err := a.Store.RequestsByTracking(context.Background(), tracking)
		if err != nil || len(recs) == 0 {
			t.Fatalf("submission %d not stored: %v", i+1, err)
		}
		var flagged bool
		for _, rec := range recs {
			flagged = flagged || strings.Contains(rec.Suspicious, "提醒阈值")
		}
		if flagged != (i == 2) {
			t.Errorf("submission %d flagged for staff = %v; want %v", i+1, flagged, i == 2)
		}
	}
	r := f.do(c, "POST", "/apply", form, nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("4th submission, above the ceiling: %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
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
