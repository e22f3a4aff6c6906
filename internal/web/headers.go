package web

import "net/http"

// ContentSecurityPolicy allows only this origin's own scripts, styles,
// images and fonts: no inline script or style, no framing, no plugins, and
// forms post only back to this site (SECURITY.md O-HDR-01).
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// PermissionsPolicy turns off browser features the site never uses.
const PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " +
	"interest-cohort=(), browsing-topics=()"

// securityHeaders are the values SecurityHeaders sets, built once: each
// response shares the slices (full to capacity, so a handler's Add copies
// them instead of writing into them).
var securityHeaders = []struct {
	key string
	val []string
}{
	{"Content-Security-Policy", []string{ContentSecurityPolicy}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"Referrer-Policy", []string{"same-origin"}},
	{"X-Frame-Options", []string{"DENY"}},
	{"Permissions-Policy", []string{PermissionsPolicy}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
	{"Cross-Origin-Resource-Policy", []string{"same-origin"}},
}

var hstsHeader = []string{"max-age=31536000; includeSubDomains"}

// SecurityHeaders sets the security headers on every response. hsts adds
// Strict-Transport-Security; set it when the site is served over TLS
// (directly or behind a TLS-terminating proxy), never on plain HTTP.
func SecurityHeaders(hsts bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			for _, sh := range securityHeaders {
				h[sh.key] = sh.val[:1:1]
			}
			if hsts || r.TLS != nil {
				h["Strict-Transport-Security"] = hstsHeader[:1:1]
			}
			next.ServeHTTP(w, r)
		})
	}
}

// NoStore marks a response as never to be cached: back-office pages and
// API answers carry personal and internal data.
func NoStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
