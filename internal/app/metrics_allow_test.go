package app

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestMetricsBehindAdminAllow: with --admin-allow, /metrics (route
// counts, Go runtime and version) is reachable from the allowed networks
// only; the health probes stay open for the load balancer.
func TestMetricsBehindAdminAllow(t *testing.T) {
	cfg := config.Default()
	cfg.AdminAllow = []string{"10.0.0.0/8"}
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	a, err := New(context.Background(), st, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, tc := range []struct {
		path, from string
		status     int
	}{
		{"/metrics", "192.0.2.1:1234", 403},
		{"/metrics", "10.1.2.3:1234", 200},
		{"/healthz", "192.0.2.1:1234", 200},
	} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", tc.path, nil)
		r.RemoteAddr = tc.from
		a.Handler.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("GET %s from %s: %d; want %d", tc.path, tc.from, rec.Code, tc.status)
		}
	}
}
