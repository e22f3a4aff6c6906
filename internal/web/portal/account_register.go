package portal

import (
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/web"
)

// AccountRegisterPage is the form that opens a public account.
type AccountRegisterPage struct {
	Page
	Login       string
	DisplayName string
}

func (s *Site) accountRegisterShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(r); ok {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	s.rd.Render(w, r, http.StatusOK, "account_register", AccountRegisterPage{Page: s.accountPage(r, "acct.register.title", nil)})
}

// accountRegisterSubmit opens an account. It answers a taken login
// exactly as a free one (#10 item 7; SECURITY.md O-AUTH): the service
// does the same work and notifies the owner, and the page neither signs
// in nor says which it was — it sends the visitor to sign in with the
// password just chosen. The per-IP limit of the sign-in form applies, so
// the form cannot be used to probe many logins quickly.
func (s *Site) accountRegisterSubmit(w http.ResponseWriter, r *http.Request) {
	ip := s.clientIP(r)
	pg := AccountRegisterPage{Login: strings.TrimSpace(r.PostFormValue("login")), DisplayName: strings.TrimSpace(r.PostFormValue("name"))}
	if !s.deps.AccountLimiter.Allow(ip) {
		pg.Page = s.accountPage(r, "acct.register.title", nil)
		pg.Errors = []string{pg.T("error.429")}
		s.rd.Render(w, r, http.StatusTooManyRequests, "account_register", pg)
		return
	}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("password2") {
		pg.Page = s.accountPage(r, "acct.register.title", nil)
		pg.Errors = []string{pg.T("acct.password.mismatch")}
		s.rd.Render(w, r, http.StatusBadRequest, "account_register", pg)
		return
	}
	if _, err := s.deps.Accounts.Register(r.Context(), publicuser.Registration{Login: pg.Login, DisplayName: pg.DisplayName, Password: pw}, ip); err != nil {
		st := web.StatusOf(err)
		if st != http.StatusBadRequest {
			s.fail(w, r, err)
			return
		}
		pg.Page = s.accountPage(r, "acct.register.title", nil)
		pg.Errors = []string{pg.Err(err)}
		s.rd.Render(w, r, st, "account_register", pg)
		return
	}
	http.Redirect(w, r, "/account/login?registered=1", http.StatusSeeOther)
}
