package web

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionOptions configure the back-office session cookie.
type SessionOptions struct {
	// Secure marks the cookie Secure and gives it the __Host- prefix; set
	// it whenever the site is reached over HTTPS.
	Secure bool
	// IdleTimeout ends a session after this much inactivity (30 minutes by
	// default, SECURITY.md E-AUTH-02 b, O-SES-03).
	IdleTimeout time.Duration
	// Lifetime is the absolute limit of a session (12 hours, O-SES-03).
	Lifetime time.Duration
}

// NewSessions returns the session manager for store (sqlite3store or
// postgresstore, so sessions live in the database and survive restarts
// and can be ended on the server). The cookie is HttpOnly, SameSite=Lax,
// Path=/, Secure with the __Host- prefix under TLS (O-SES-04).
func NewSessions(store scs.Store, o SessionOptions) *scs.SessionManager {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 30 * time.Minute
	}
	if o.Lifetime <= 0 {
		o.Lifetime = 12 * time.Hour
	}
	sm := scs.New()
	sm.Store = store
	sm.IdleTimeout = o.IdleTimeout
	sm.Lifetime = o.Lifetime
	sm.Cookie.Name = "gk_session"
	if o.Secure {
		sm.Cookie.Name = "__Host-gk_session"
	}
	sm.Cookie.HttpOnly = true
	sm.Cookie.Path = "/"
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = o.Secure
	sm.Cookie.Persist = false // a browser session cookie; the server enforces the timeouts
	return sm
}
