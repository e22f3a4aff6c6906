package backoffice

import (
	"errors"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// LoginPage is the data of the sign-in page.
type LoginPage struct {
	web.Page
	Login string
}

// TOTPPage is the data of the second-factor page.
type TOTPPage struct {
	web.Page
}

// pendingTOTPTimeout is how long the second factor may take after the
// password was accepted.
const pendingTOTPTimeout = 5 * time.Minute

func (s *Site) loginShow(w http.ResponseWriter, r *http.Request) {
	if rq, err := s.current(r); err == nil && rq != nil {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	p := s.Page(r, nil, "login.title")
	if r.URL.Query().Get("out") == "1" {
		p.Flash = p.T("logout.done")
	}
	s.rd.Render(w, r, http.StatusOK, "login", LoginPage{Page: p})
}

// loginSubmit checks the password. Every failure shows the same message,
// whether the login is unknown, the password wrong or the account locked
// (SECURITY.md E-AUTH-02 a); a per-IP limit stops one address from trying
// many accounts (O-AUTH-03).
func (s *Site) loginSubmit(w http.ResponseWriter, r *http.Request) {
	ip := s.deps.ClientIP(r)
	login := r.PostFormValue("login")
	if !s.deps.LoginLimiter.Allow(ip) {
		p := s.Page(r, nil, "login.title")
		p.Errors = []string{p.T("error.429")}
		s.rd.Render(w, r, http.StatusTooManyRequests, "login", LoginPage{Page: p, Login: login})
		return
	}
	u, step, err := s.deps.Auth.Login(r.Context(), audit.Actor{IP: ip}, login, r.PostFormValue("password"))
	if err != nil {
		if !errors.Is(err, apperr.Unauthenticated) {
			s.Fail(w, r, nil, err)
			return
		}
		p := s.Page(r, nil, "login.title")
		p.Errors = []string{p.T("login.failed")}
		s.rd.Render(w, r, http.StatusUnauthorized, "login", LoginPage{Page: p, Login: login})
		return
	}
	ctx := r.Context()
	if step == StepTOTP || step == StepEnroll {
		if err := s.deps.Sessions.RenewToken(ctx); err != nil {
			s.Fail(w, r, nil, err)
			return
		}
		s.deps.Sessions.Put(ctx, keyPendingTOTP, u.ID)
		s.deps.Sessions.Put(ctx, keyPendingAt, s.deps.Now().Unix())
		s.deps.Sessions.Put(ctx, keyPendingStep, int(step))
		if step == StepEnroll {
			http.Redirect(w, r, "/admin/login/enroll", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/admin/login/totp", http.StatusSeeOther)
		return
	}
	if err := s.startSession(r, u, step == StepChangePassword); err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/admin/", http.StatusSeeOther) // guard sends a one-time password to /admin/password
}

// pendingUser returns the user waiting for the second factor at step
// want (StepTOTP or StepEnroll), or 0.
func (s *Site) pendingUser(r *http.Request, want LoginStep) int64 {
	ctx := r.Context()
	id := s.deps.Sessions.GetInt64(ctx, keyPendingTOTP)
	at := time.Unix(s.deps.Sessions.GetInt64(ctx, keyPendingAt), 0)
	if id == 0 || s.deps.Now().Sub(at) > pendingTOTPTimeout || LoginStep(s.deps.Sessions.GetInt(ctx, keyPendingStep)) != want {
		return 0
	}
	return id
}

func (s *Site) totpShow(w http.ResponseWriter, r *http.Request) {
	if s.pendingUser(r, StepTOTP) == 0 {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	s.rd.Render(w, r, http.StatusOK, "totp", TOTPPage{Page: s.Page(r, nil, "totp.title")})
}

func (s *Site) totpSubmit(w http.ResponseWriter, r *http.Request) {
	id := s.pendingUser(r, StepTOTP)
	if id == 0 {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	ip := s.deps.ClientIP(r)
	if !s.deps.LoginLimiter.Allow(ip) {
		p := s.Page(r, nil, "totp.title")
		p.Errors = []string{p.T("error.429")}
		s.rd.Render(w, r, http.StatusTooManyRequests, "totp", TOTPPage{Page: p})
		return
	}
	step, err := s.deps.Auth.VerifyTOTP(r.Context(), audit.Actor{UserID: id, IP: ip}, id, r.PostFormValue("code"))
	if err != nil {
		if !errors.Is(err, apperr.Unauthenticated) {
			s.Fail(w, r, nil, err)
			return
		}
		p := s.Page(r, nil, "totp.title")
		p.Errors = []string{p.T("totp.failed")}
		s.rd.Render(w, r, http.StatusUnauthorized, "totp", TOTPPage{Page: p})
		return
	}
	u, err := s.deps.Users.User(r.Context(), id)
	if err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	if err := s.startSession(r, u, step == StepChangePassword); err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// logout ends the session on the server, so the old cookie is worthless
// (O-SES-02), and records the sign-out.
func (s *Site) logout(w http.ResponseWriter, r *http.Request, rq *Request) {
	if err := s.deps.Auth.Logout(r.Context(), rq.Actor); err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	if x := s.deps.SessionIndex; x != nil {
		if err := x.Forget(r.Context(), s.deps.Sessions.Token(r.Context())); err != nil {
			s.Fail(w, r, rq, err)
			return
		}
	}
	if err := s.deps.Sessions.Destroy(r.Context()); err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	http.Redirect(w, r, "/admin/login?out=1", http.StatusSeeOther)
}
