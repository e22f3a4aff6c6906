package admin

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
)

// A Route is one back-office route: its pattern, who may enter it, its
// handler and its limits. Public routes (sign-in, bootstrap) have no Check.
type Route struct {
	Pattern string
	Check   Check // nil for public routes
	Public  http.HandlerFunc
	Handler handlerFunc
	// Limit is what the route's requests may carry (body size, uploads);
	// the zero value is a form's.
	Limit web.RouteLimit
}

// Permissions of the back-office areas. Seeing an agency needs the right
// to manage agencies (系统管理员) or to read requests there (business
// roles in their own agency, supervisors in their scope).
var (
	canSeeAgencies = Either(Admin(auth.AgencyManage), Business(auth.RequestRead))
	canAddAgency   = Admin(auth.AgencyManage)
	canManageUsers = Admin(auth.UserManage)
	canReadAudit   = Admin(auth.AuditRead)
	canGrantRoles  = Admin(auth.RoleGrant)
	canIssueTokens = Admin(auth.SettingsManage)
)

// Routes lists every back-office route: the one place they are declared.
// The authorization matrix test iterates this list, so a new route
// without a row in its table fails the test.
func (s *Site) Routes() []Route {
	rs := []Route{
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

		{Pattern: "GET /admin/agencies", Check: canSeeAgencies, Handler: s.agenciesList},
		{Pattern: "GET /admin/agencies/new", Check: canAddAgency, Handler: s.agencyNew},
		{Pattern: "POST /admin/agencies", Check: canAddAgency, Handler: s.agencyCreate},
		{Pattern: "GET /admin/agencies/{id}", Check: canSeeAgencies, Handler: s.agencyShow},
		{Pattern: "POST /admin/agencies/{id}/kind", Check: canAddAgency, Handler: s.agencyKind},

		{Pattern: "GET /admin/users", Check: canManageUsers, Handler: s.usersList},
		{Pattern: "GET /admin/users/new", Check: canManageUsers, Handler: s.userNew},
		{Pattern: "POST /admin/users", Check: canManageUsers, Handler: s.userCreate},
		{Pattern: "GET /admin/users/{id}", Check: canManageUsers, Handler: s.userShow},
		{Pattern: "POST /admin/users/{id}/disable", Check: canManageUsers, Handler: s.userDisable},
		{Pattern: "POST /admin/users/{id}/reset", Check: canManageUsers, Handler: s.userReset},

		{Pattern: "GET /admin/roles", Check: canGrantRoles, Handler: s.rolesList},
		{Pattern: "GET /admin/roles/{id}", Check: canGrantRoles, Handler: s.rolesEdit},
		{Pattern: "POST /admin/roles/{id}", Check: canGrantRoles, Handler: s.rolesSave},

		{Pattern: "GET /admin/audit", Check: canReadAudit, Handler: s.auditSearch},
		{Pattern: "GET /admin/audit/export.csv", Check: canReadAudit, Handler: s.auditExport},
	}
	rs = append(rs,
		Route{Pattern: "GET /admin/tokens", Check: canIssueTokens, Handler: s.tokensList},
		Route{Pattern: "POST /admin/tokens", Check: canIssueTokens, Handler: s.tokenCreate},
		Route{Pattern: "POST /admin/tokens/{id}/revoke", Check: canIssueTokens, Handler: s.tokenRevoke},
		Route{Pattern: "GET /admin/sessions", Check: Any, Handler: s.sessionsList},
		Route{Pattern: "POST /admin/sessions/others/end", Check: Any, Handler: s.sessionsEndOthers},
		Route{Pattern: "POST /admin/sessions/{id}/end", Check: Any, Handler: s.sessionEnd},
	)
	rs = append(rs, s.catalogRoutes()...)
	return append(rs, s.requestRoutes()...)
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
		s.rd.Error(w, r, http.StatusNotFound, s.page(r, rq, "error.title"))
	})))
	mux.Handle("GET /admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
}

// A link is a navigation entry and a dashboard card.
type link struct {
	Href, Key, TextKey string
	Check              Check
}

var links = []link{
	{"/admin/", "nav.dashboard", "", Any},
	{"/admin/agencies", "nav.agencies", "dashboard.agencies.text", canSeeAgencies},
	{"/admin/users", "nav.users", "dashboard.users.text", canManageUsers},
	{"/admin/roles", "nav.roles", "dashboard.roles.text", canGrantRoles},
	{"/admin/audit", "nav.audit", "dashboard.audit.text", canReadAudit},
	{"/admin/tokens", "nav.tokens", "dashboard.tokens.text", canIssueTokens},
	{"/admin/sessions", "nav.sessions", "dashboard.sessions.text", Any},
	{"/admin/password", "nav.password", "dashboard.password.text", Any},
}

// links returns the navigation entries rq's user may follow.
func (s *Site) links(rq *Request) []link {
	var out []link
	for _, l := range s.allLinks() {
		if l.Check(rq.Subject) {
			out = append(out, l)
		}
	}
	return out
}
