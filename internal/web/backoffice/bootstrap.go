package backoffice

import (
	"errors"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// BootstrapPage is the form that turns the one-time bootstrap token into
// the first system administrator (E-AC-01: no default account exists).
type BootstrapPage struct {
	web.Page
	Agency string
	Login  string
	Policy string
}

func (s *Site) bootstrapShow(w http.ResponseWriter, r *http.Request) {
	p := s.Page(r, nil, "bootstrap.title")
	s.rd.Render(w, r, http.StatusOK, "bootstrap", BootstrapPage{Page: p, Policy: policyHint(p, s.deps.Auth.PasswordPolicy())})
}

func (s *Site) bootstrapSubmit(w http.ResponseWriter, r *http.Request) {
	ip := s.deps.ClientIP(r)
	pg := BootstrapPage{Page: s.Page(r, nil, "bootstrap.title"), Agency: r.PostFormValue("agency"),
		Login: r.PostFormValue("login")}
	pg.Policy = policyHint(pg.Page, s.deps.Auth.PasswordPolicy())
	if !s.deps.LoginLimiter.Allow(ip) {
		pg.Errors = []string{pg.T("error.429")}
		s.rd.Render(w, r, http.StatusTooManyRequests, "bootstrap", pg)
		return
	}
	_, err := s.deps.Auth.Bootstrap(r.Context(), audit.Actor{IP: ip}, r.PostFormValue("token"),
		r.PostFormValue("agency"), r.PostFormValue("login"), r.PostFormValue("password"))
	if err != nil {
		switch {
		case errors.Is(err, apperr.Unauthenticated):
			pg.Errors = []string{pg.T("bootstrap.failed")}
		case errors.Is(err, apperr.Invalid), errors.Is(err, apperr.Conflict):
			pg.Errors = []string{pg.Err(err)}
		default:
			s.Fail(w, r, nil, err)
			return
		}
		s.rd.Render(w, r, web.StatusOf(err), "bootstrap", pg)
		return
	}
	s.Flash(r.Context(), "bootstrap.done")
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
