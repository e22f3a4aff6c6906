package backoffice

import (
	"errors"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
)

// PasswordPage is the data of the change-password page.
type PasswordPage struct {
	web.Page
	Forced bool   // the user signed in with a one-time password
	Policy string // the password rules, shown as the field's hint
}

func (s *Site) passwordPage(r *http.Request, rq *Request) PasswordPage {
	p := s.Page(r, rq, "password.title")
	return PasswordPage{Page: p, Forced: rq.MustChange, Policy: policyHint(p, s.deps.Auth.PasswordPolicy())}
}

// policyHint tells a user choosing a password what the policy asks of it,
// in the page's language only (auth.Policy.Check's rules).
func policyHint(p web.Page, pol auth.Policy) string {
	if pol.MinClasses > 0 {
		return p.Format("password.hint.classes", pol.MinLength, pol.MinClasses)
	}
	return p.Format("password.hint", pol.MinLength)
}

func (s *Site) passwordShow(w http.ResponseWriter, r *http.Request, rq *Request) {
	s.rd.Render(w, r, http.StatusOK, "password", s.passwordPage(r, rq))
}

// passwordSubmit changes the password. The session that changed it is
// renewed and kept; every other session of the account ends at its next
// request, because it remembers the old PasswordChangedAt (O-SES-02).
func (s *Site) passwordSubmit(w http.ResponseWriter, r *http.Request, rq *Request) {
	next := r.PostFormValue("new")
	if next != r.PostFormValue("confirm") {
		pg := s.passwordPage(r, rq)
		pg.Errors = []string{pg.T("password.mismatch")}
		s.rd.Render(w, r, http.StatusBadRequest, "password", pg)
		return
	}
	err := s.deps.Auth.ChangePassword(r.Context(), rq.Actor, rq.User.ID, r.PostFormValue("current"), next)
	if err != nil {
		pg := s.passwordPage(r, rq)
		switch {
		case errors.Is(err, apperr.Unauthenticated):
			pg.Errors = []string{pg.T("password.wrong")}
		case errors.Is(err, apperr.Invalid):
			pg.Errors = []string{pg.Err(err)}
		default:
			s.Fail(w, r, rq, err)
			return
		}
		s.rd.Render(w, r, web.StatusOf(err), "password", pg)
		return
	}
	u, err := s.deps.Users.User(r.Context(), rq.User.ID)
	if err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	if err := s.startSession(r, u, false); err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	s.Flash(r.Context(), "password.changed")
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}
