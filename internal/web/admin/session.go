package admin

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
)

// Session keys.
const (
	keyUserID      = "uid"
	keyPasswordAt  = "pwat" // PasswordChangedAt when the session was made (UnixNano)
	keyPendingTOTP = "totp_uid"
	keyPendingAt   = "totp_at"
	keyPendingStep = "pending_step" // the LoginStep after the second factor
	keyMustChange  = "must_change"  // the password expired or is one-time
	keyFlash       = "flash"
	keySecret      = "secret" // a one-time password or token to show once
)

// A Request is what an authenticated handler gets: the signed-in user,
// their permission subject and the audit actor for what they do.
type Request struct {
	User       account.User
	MustChange bool // only the password page and logout are open
	Subject    auth.Subject
	Actor      audit.Actor
}

// A Check decides from the subject alone whether a route may be entered;
// object-level checks (the agency of an id in the path) happen in the
// handler, also through auth.Can.
type Check func(s auth.Subject) bool

// Any lets every signed-in staff member in.
func Any(auth.Subject) bool { return true }

// Admin returns a Check for an installation-wide administrative action.
func Admin(a auth.Action) Check {
	return func(s auth.Subject) bool { return auth.Can(s, a, 0) }
}

// Business returns a Check passed when the subject may do a in its own
// agency or, for a supervisor, in any agency of its scope.
func Business(a auth.Action) Check {
	return func(s auth.Subject) bool {
		if auth.Can(s, a, s.AgencyID) {
			return true
		}
		for _, id := range s.Scope {
			if auth.Can(s, a, id) {
				return true
			}
		}
		return false
	}
}

// Either passes when any of the checks passes.
func Either(cs ...Check) Check {
	return func(s auth.Subject) bool {
		for _, c := range cs {
			if c(s) {
				return true
			}
		}
		return false
	}
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, rq *Request)

// guard loads the signed-in user from the session on every request, ends
// the session when the account was disabled or its password changed
// elsewhere (E-AC-03 c, O-SES-02), sends a user with a one-time password
// to the change-password page, and refuses the route when check fails.
// Anonymous visitors are sent to the login page. A panic or error here
// denies (O-AC-01: fail securely).
func (s *Site) guard(check Check, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq, err := s.current(r)
		if err != nil {
			if !errors.Is(err, apperr.Unauthenticated) {
				s.fail(w, r, nil, err)
				return
			}
			s.toLogin(w, r)
			return
		}
		if rq.MustChange && r.URL.Path != "/admin/password" && r.URL.Path != "/admin/logout" {
			http.Redirect(w, r, "/admin/password", http.StatusSeeOther)
			return
		}
		if !check(rq.Subject) {
			s.deny(w, r, rq)
			return
		}
		h(w, r, rq)
	}
}

// current returns the signed-in user of r, or apperr.Unauthenticated.
func (s *Site) current(r *http.Request) (*Request, error) {
	ctx := r.Context()
	sm := s.deps.Sessions
	id := sm.GetInt64(ctx, keyUserID)
	if id == 0 {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	u, err := s.deps.Users.User(ctx, id)
	if errors.Is(err, apperr.NotFound) {
		s.endCurrent(ctx)
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled || u.PasswordChangedAt.UnixNano() != sm.GetInt64(ctx, keyPasswordAt) {
		s.endCurrent(ctx)
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if x := s.deps.SessionIndex; x != nil {
		// A session whose index row is gone was ended from "my sessions".
		live, err := x.Touch(ctx, sm.Token(ctx), u.ID, s.deps.Now(), s.deps.ClientIP(r))
		if err != nil {
			return nil, err
		}
		if !live {
			s.endCurrent(ctx)
			return nil, apperr.New(apperr.Unauthenticated, "")
		}
	}
	var scope []int64
	if u.Has(account.Supervisor) {
		if scope, err = agency.Scope(ctx, s.deps.AgencyStore, u.AgencyID); err != nil {
			return nil, err
		}
	}
	return &Request{
		User:       u,
		MustChange: u.MustChangePassword || sm.GetBool(ctx, keyMustChange),
		Subject:    auth.NewSubject(u, scope),
		Actor:      audit.Actor{UserID: u.ID, Login: u.Login, IP: s.deps.ClientIP(r)},
	}, nil
}

// endCurrent destroys the session of ctx and its index row.
func (s *Site) endCurrent(ctx context.Context) {
	sm := s.deps.Sessions
	if x := s.deps.SessionIndex; x != nil {
		if err := x.Forget(ctx, sm.Token(ctx)); err != nil {
			s.log.WarnContext(ctx, "admin: forget session", slog.String("error", err.Error()))
		}
	}
	_ = sm.Destroy(ctx)
}

// startSession makes a new session for u: a fresh token (renewal on
// login prevents session fixation, O-SES-01), indexed under u for the
// "my sessions" page.
func (s *Site) startSession(r *http.Request, u account.User, mustChange bool) error {
	ctx := r.Context()
	sm := s.deps.Sessions
	old := sm.Token(ctx)
	if err := sm.RenewToken(ctx); err != nil {
		return err
	}
	if x := s.deps.SessionIndex; x != nil {
		if err := x.Forget(ctx, old); err != nil {
			return err
		}
		if err := x.Start(ctx, sm.Token(ctx), u.ID, u.PasswordChangedAt.UnixNano(), s.deps.Now(),
			s.deps.ClientIP(r), r.UserAgent()); err != nil {
			return err
		}
	}
	sm.Remove(ctx, keyPendingTOTP)
	sm.Remove(ctx, keyPendingAt)
	sm.Remove(ctx, keyPendingStep)
	sm.Put(ctx, keyUserID, u.ID)
	sm.Put(ctx, keyMustChange, mustChange || u.MustChangePassword)
	sm.Put(ctx, keyPasswordAt, u.PasswordChangedAt.UnixNano())
	return nil
}

func (s *Site) toLogin(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	// A POST without a session (expired) cannot be replayed after login.
	w.Header().Set("Location", "/admin/login")
	s.rd.Error(w, r, http.StatusUnauthorized, s.page(r, nil, "login.title"))
}

// ActAccessDenied is the audit action of a refused back-office request
// (SECURITY.md O-LOG-02: access-control failures are logged).
const ActAccessDenied = "access.denied"

func (s *Site) deny(w http.ResponseWriter, r *http.Request, rq *Request) {
	s.log.WarnContext(r.Context(), "access denied", slog.String("request_id", web.RequestID(r.Context())),
		slog.Int64("user_id", rq.User.ID), slog.String("method", r.Method), slog.String("path", r.URL.Path))
	ev := rq.Actor.Event(ActAccessDenied, "route", 0, audit.ResultDenied, r.Method+" "+r.URL.Path)
	if err := s.deps.Audit.Record(r.Context(), ev); err != nil {
		s.fail(w, r, rq, err)
		return
	}
	s.rd.Error(w, r, http.StatusForbidden, s.page(r, rq, "error.title"))
}

// fail renders the error page for err. Internal errors are logged with
// the request id; the page shows only the id.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, rq *Request, err error) {
	status := web.StatusOf(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "admin", slog.String("request_id", web.RequestID(r.Context())),
			slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	}
	p := s.page(r, rq, "error.title")
	if status == http.StatusBadRequest || status == http.StatusConflict {
		p.Errors = []string{p.Err(err)}
	}
	s.rd.Error(w, r, status, p)
}

// errText translates err's safe message into the language of r's page.
func (s *Site) errText(r *http.Request, err error) string {
	return s.cat.Err(web.PrefsFrom(r.Context()).Lang, err)
}

// roleLabel names a role in the page's language.
func roleLabel(p web.Page, r account.Role) string {
	if l := p.T("role." + string(r)); l != "role."+string(r) {
		return l
	}
	return r.Label()
}

// roleLabels joins the names of roles in the page's language.
func roleLabels(p web.Page, rs []account.Role) string {
	var out []string
	for _, r := range rs {
		out = append(out, roleLabel(p, r))
	}
	return strings.Join(out, "、")
}

// flash stores a one-time notice (a message key) for the next page.
func (s *Site) flash(ctx context.Context, key string) { s.deps.Sessions.Put(ctx, keyFlash, key) }

// page returns the frame of a back-office page; with a signed-in user it
// carries the navigation the user's roles allow.
func (s *Site) page(r *http.Request, rq *Request, titleKey string) web.Page {
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
		roles = append(roles, roleLabel(p, ro))
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
