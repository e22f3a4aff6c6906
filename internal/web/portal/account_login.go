package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// AccountLoginPage is the sign-in form of a public account.
type AccountLoginPage struct {
	Page
	Login string
}

func (s *Site) accountLoginShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(r); ok {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	p := s.accountPage(r, "acct.login.title", nil)
	switch {
	case r.URL.Query().Get("out") == "1":
		p.Flash = p.T("acct.logout.done")
	case r.URL.Query().Get("registered") == "1":
		p.Flash = p.T("acct.register.done")
	}
	s.rd.Render(w, r, http.StatusOK, "account_login", AccountLoginPage{Page: p})
}

// accountLoginSubmit signs in. Every failure shows one message, whether
// the login is unknown, the password wrong or the account locked
// (SECURITY.md E-AUTH-02 a); a per-IP limit stops one address from trying
// many accounts (O-AUTH-03), as on the staff sign-in.
func (s *Site) accountLoginSubmit(w http.ResponseWriter, r *http.Request) {
	ip := s.clientIP(r)
	login := strings.TrimSpace(r.PostFormValue("login"))
	if !s.deps.AccountLimiter.Allow(ip) {
		p := s.accountPage(r, "acct.login.title", nil)
		p.Errors = []string{p.T("error.429")}
		s.rd.Render(w, r, http.StatusTooManyRequests, "account_login", AccountLoginPage{Page: p, Login: login})
		return
	}
	a, err := s.deps.Accounts.Login(r.Context(), login, r.PostFormValue("password"), ip)
	if err != nil {
		if !errors.Is(err, apperr.Unauthenticated) {
			s.fail(w, r, err)
			return
		}
		p := s.accountPage(r, "acct.login.title", nil)
		p.Errors = []string{p.T("acct.login.failed")}
		s.rd.Render(w, r, http.StatusUnauthorized, "account_login", AccountLoginPage{Page: p, Login: login})
		return
	}
	if err := s.startPublicSession(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// accountLogout ends the portal session on the server (O-SES-02).
func (s *Site) accountLogout(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.signedIn(r); ok {
		if err := s.deps.Accounts.Logout(r.Context(), a.ID, s.clientIP(r)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.deps.PublicSessions.Destroy(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/login?out=1", http.StatusSeeOther)
}
