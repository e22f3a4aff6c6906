package web

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRequireHTTPS(t *testing.T) {
	c, _ := NewClientIP([]string{"10.0.0.1"})
	h := RequireHTTPS(c, "gk.example.gov.cn", "/healthz")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tests := []struct {
		name, method, path, remote, proto string
		tls                               bool
		status                            int
		location                          string
	}{
		{"get over http redirects to the configured host, not Host", "GET", "/admin/login?x=1", "203.0.113.1:1", "", false, 308, "https://gk.example.gov.cn/admin/login?x=1"},
		{"login post over http refused", "POST", "/admin/login", "203.0.113.1:1", "", false, 403, ""},
		{"tls passes", "POST", "/admin/login", "203.0.113.1:1", "", true, 200, ""},
		{"trusted proxy https passes", "POST", "/admin/login", "10.0.0.1:1", "https", false, 200, ""},
		{"trusted proxy http refused", "POST", "/admin/login", "10.0.0.1:1", "http", false, 403, ""},
		{"spoofed proto from client refused", "POST", "/admin/login", "203.0.113.1:1", "https", false, 403, ""},
		{"health probe over http", "GET", "/healthz", "203.0.113.1:1", "", false, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://example.com"+tc.path, nil)
			r.RemoteAddr = tc.remote
			if tc.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tc.status || rec.Header().Get("Location") != tc.location {
				t.Errorf("got %d %q; want %d %q", rec.Code, rec.Header().Get("Location"), tc.status, tc.location)
			}
		})
	}
}

// TestRequireHTTPSWithoutHost: with no public host configured, a GET over
// HTTP is refused, never redirected to the request's Host header.
func TestRequireHTTPSWithoutHost(t *testing.T) {
	c, _ := NewClientIP(nil)
	h := RequireHTTPS(c, "")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	r := httptest.NewRequest("GET", "http://evil.example/admin/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden || rec.Header().Get("Location") != "" {
		t.Errorf("got %d %q; want 403 and no redirect", rec.Code, rec.Header().Get("Location"))
	}
}
