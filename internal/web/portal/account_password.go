package portal

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
)

// AccountPasswordPage is the form that changes the password of a public
// account.
type AccountPasswordPage struct {
	Page
}

func (s *Site) accountPasswordShow(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	s.rd.Render(w, r, http.StatusOK, "account_password", AccountPasswordPage{Page: s.accountPage(r, "acct.password.title", &a)})
}

// accountPasswordSubmit changes the password; the session is renewed and
// keeps the new change time, so every other session of the account ends
// (SECURITY.md O-SES-02).
func (s *Site) accountPasswordSubmit(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	next := r.PostFormValue("new")
	if next != r.PostFormValue("new2") {
		pg := AccountPasswordPage{Page: s.accountPage(r, "acct.password.title", &a)}
		pg.Errors = []string{pg.T("acct.password.mismatch")}
		s.rd.Render(w, r, http.StatusBadRequest, "account_password", pg)
		return
	}
	at, err := s.deps.Accounts.ChangePassword(r.Context(), a.ID, r.PostFormValue("current"), next, s.clientIP(r))
	if err != nil {
		if web.StatusOf(err) != http.StatusBadRequest {
			s.fail(w, r, err)
			return
		}
		pg := AccountPasswordPage{Page: s.accountPage(r, "acct.password.title", &a)}
		pg.Errors = []string{pg.Err(err)}
		s.rd.Render(w, r, http.StatusBadRequest, "account_password", pg)
		return
	}
	a.PasswordChangedAt = at
	if err := s.startPublicSession(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	s.deps.PublicSessions.Put(r.Context(), keyPublicMsg, "acct.password.done")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
