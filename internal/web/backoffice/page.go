package backoffice

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

func (s *Site) toLogin(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	// A POST without a session (expired) cannot be replayed after login.
	w.Header().Set("Location", "/admin/login")
	s.rd.Error(w, r, http.StatusUnauthorized, s.Page(r, nil, "login.title"))
}

// ActAccessDenied is the audit action of a refused back-office request
// (SECURITY.md O-LOG-02: access-control failures are logged).
const ActAccessDenied = "access.denied"

func (s *Site) deny(w http.ResponseWriter, r *http.Request, rq *Request) {
	s.log.WarnContext(r.Context(), "access denied", slog.String("request_id", web.RequestID(r.Context())),
		slog.Int64("user_id", rq.User.ID), slog.String("method", r.Method), slog.String("path", r.URL.Path))
	ev := rq.Actor.Event(ActAccessDenied, "route", 0, audit.ResultDenied, r.Method+" "+r.URL.Path)
	if err := s.deps.Audit.Record(r.Context(), ev); err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	s.rd.Error(w, r, http.StatusForbidden, s.Page(r, rq, "error.title"))
}

// Fail renders the error page for err. Internal errors are logged with
// the request id; the page shows only the id.
func (s *Site) Fail(w http.ResponseWriter, r *http.Request, rq *Request, err error) {
	status := web.StatusOf(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "admin", slog.String("request_id", web.RequestID(r.Context())),
			slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	}
	p := s.Page(r, rq, "error.title")
	if status == http.StatusBadRequest || status == http.StatusConflict {
		p.Errors = []string{p.Err(err)}
	}
	s.rd.Error(w, r, status, p)
}

// ErrText translates err's safe message into the language of r's page.
func (s *Site) ErrText(r *http.Request, err error) string {
	return s.cat.Err(web.PrefsFrom(r.Context()).Lang, err)
}

// RoleLabel names a role in the page's language.
func RoleLabel(p web.Page, r account.Role) string {
	if l := p.T("role." + string(r)); l != "role."+string(r) {
		return l
	}
	return r.Label()
}

// RoleLabels joins the names of roles in the page's language.
func RoleLabels(p web.Page, rs []account.Role) string {
	var out []string
	for _, r := range rs {
		out = append(out, RoleLabel(p, r))
	}
	return strings.Join(out, "、")
}

// Flash stores a one-time notice (a message key) for the next page.
func (s *Site) Flash(ctx context.Context, key string) { s.deps.Sessions.Put(ctx, keyFlash, key) }

// Page returns the frame of a back-office page; with a signed-in user it
// carries the navigation the user's roles allow.
func (s *Site) Page(r *http.Request, rq *Request, titleKey string) web.Page {
	p := web.NewPage(r, s.cat, s.deps.Assets, titleKey)
	p.SiteName = p.T("site.admin")
	p.SiteHome = "/admin/"
	p.LogoutURL = "/admin/logout"
	if key := s.deps.Sessions.PopString(r.Context(), keyFlash); key != "" {
		p.Flash = p.T(key)
	}
	if rq == nil {
		return p
	}
	var roles []string
	for _, ro := range rq.User.Roles {
		roles = append(roles, RoleLabel(p, ro))
	}
	name := rq.User.DisplayName
	if name == "" {
		name = rq.User.Login
	}
	p.Viewer = &web.Viewer{Name: name, Roles: strings.Join(roles, "、")}
	if rq.MustChange {
		return p
	}
	var nav []web.NavItem
	for _, l := range s.links(rq) {
		nav = append(nav, web.NavItem{Href: l.Href, Label: p.T(l.Key)})
	}
	p.SetNav(nav)
	return p
}
