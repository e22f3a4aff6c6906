package backoffice

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
)

// A Route is one back-office route: its pattern, who may enter it, its
// handler and its limits. Public routes (sign-in, bootstrap) have no Check.
type Route struct {
	Pattern string
	Check   Check // nil for public routes
	Public  http.HandlerFunc
	Handler HandlerFunc
	// Limit is what the route's requests may carry (body size, uploads);
	// the zero value is a form's.
	Limit web.RouteLimit
}

// routes lists the shell's own routes: the one place they are declared.
func (s *Site) routes() []Route {
	return []Route{
		{Pattern: "GET /admin/login", Public: s.loginShow},
		{Pattern: "POST /admin/login", Public: s.loginSubmit},
		{Pattern: "GET /admin/login/totp", Public: s.totpShow},
		{Pattern: "POST /admin/login/totp", Public: s.totpSubmit},
		{Pattern: "GET /admin/login/enroll", Public: s.enrollShow},
		{Pattern: "POST /admin/login/enroll", Public: s.enrollSubmit},
		{Pattern: "GET /admin/bootstrap", Public: s.bootstrapShow},
		{Pattern: "POST /admin/bootstrap", Public: s.bootstrapSubmit},

		{Pattern: "POST /admin/logout", Check: Any, Handler: s.logout},
		{Pattern: "GET /admin/password", Check: Any, Handler: s.passwordShow},
		{Pattern: "POST /admin/password", Check: Any, Handler: s.passwordSubmit},
		{Pattern: "GET /admin/{$}", Check: Any, Handler: s.dashboardShow},
		{Pattern: "GET /admin/sessions", Check: Any, Handler: s.sessionsList},
		{Pattern: "POST /admin/sessions/others/end", Check: Any, Handler: s.sessionsEndOthers},
		{Pattern: "POST /admin/sessions/{id}/end", Check: Any, Handler: s.sessionEnd},
	}
}

// Routes lists every back-office route: the shell's and those of each
// mounted section. The authorization matrix test iterates this list, so a
// new route without a row in its table fails the test.
func (s *Site) Routes() []Route {
	rs := s.routes()
	for _, sec := range s.sections {
		rs = append(rs, sec.Routes()...)
	}
	return rs
}

// Register adds the back office's routes to mux, each behind the session
// middleware and marked not to be cached, plus a catch-all 404 under
// /admin/ (which also needs a signed-in user, so it reveals nothing).
func (s *Site) Register(mux *http.ServeMux) {
	wrap := func(h http.Handler) http.Handler { return web.NoStore(s.deps.Sessions.LoadAndSave(h)) }
	for _, rt := range s.Routes() {
		h := rt.Public
		if rt.Check != nil {
			h = s.guard(rt.Check, rt.Handler)
		}
		mux.Handle(rt.Pattern, wrap(h))
	}
	mux.Handle("/admin/", wrap(s.guard(Any, func(w http.ResponseWriter, r *http.Request, rq *Request) {
		s.rd.Error(w, r, http.StatusNotFound, s.Page(r, rq, "error.title"))
	})))
	mux.Handle("GET /admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
}

// A Link is a navigation entry and, with a TextKey, a dashboard card:
// Key and TextKey are message keys; the link shows to those who pass
// Check.
type Link struct {
	Href, Key, TextKey string
	Check              Check
}

// The shell's links: the dashboard leads the navigation, the user's own
// sessions and password close it; the sections' links come between.
var (
	headLinks = []Link{{"/admin/", "nav.dashboard", "", Any}}
	tailLinks = []Link{
		{"/admin/sessions", "nav.sessions", "dashboard.sessions.text", Any},
		{"/admin/password", "nav.password", "dashboard.password.text", Any},
	}
)

// links returns the navigation entries rq's user may follow.
func (s *Site) links(rq *Request) []Link {
	all := append([]Link(nil), headLinks...)
	for _, sec := range s.sections {
		all = append(all, sec.Links()...)
	}
	all = append(all, tailLinks...)
	var out []Link
	for _, l := range all {
		if l.Check(rq.Subject) {
			out = append(out, l)
		}
	}
	return out
}
