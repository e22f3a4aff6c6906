package web

import (
	"net/http"
	"strings"
)

// RequireHTTPS makes a site that is meant to be reached over HTTPS refuse
// plain HTTP (SECURITY.md E-AUTH-03): a GET or HEAD is redirected to the
// same path over HTTPS on host — the configured public host, never the
// request's Host header, which a client chooses (#10 item 7: an open
// redirect to any host otherwise); with no host configured it is refused
// like anything else. Anything else — a login form posted in clear — is
// refused without being read. A request counts as HTTPS when it came over
// TLS, or from a trusted proxy that says X-Forwarded-Proto: https. Paths
// in exempt (health probes) stay reachable over HTTP.
func RequireHTTPS(c *ClientIP, host string, exempt ...string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			secure := r.TLS != nil ||
				(c.FromTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
			if secure {
				next.ServeHTTP(w, r)
				return
			}
			for _, p := range exempt {
				if r.URL.Path == p {
					next.ServeHTTP(w, r)
					return
				}
			}
			if host != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
				http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), http.StatusPermanentRedirect)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte("请使用 HTTPS 访问 / use HTTPS\n"))
		})
	}
}
