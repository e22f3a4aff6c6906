package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// AccountClaimPage is the form that adds an earlier request, filed
// without an account, by its tracking number and query code.
type AccountClaimPage struct {
	Page
	Tracking string
}

func (s *Site) accountClaimShow(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	s.rd.Render(w, r, http.StatusOK, "account_claim", AccountClaimPage{Page: s.accountPage(r, "acct.claim.title", &a)})
}

// accountClaimSubmit checks the code as the public lookup does; a wrong
// code and an unknown number look the same (404, counted by the lookup
// rate limit of internal/app).
func (s *Site) accountClaimSubmit(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	tracking := strings.TrimSpace(r.PostFormValue("tracking"))
	_, err := s.deps.Accounts.Claim(r.Context(), a.ID, tracking, r.PostFormValue("code"), s.clientIP(r))
	if err != nil {
		var key string
		status := http.StatusNotFound
		switch {
		case errors.Is(err, apperr.NotFound):
			key = "req.lookup.failed"
		case errors.Is(err, apperr.Conflict):
			key, status = "acct.claim.taken", http.StatusConflict
		default:
			s.fail(w, r, err)
			return
		}
		pg := AccountClaimPage{Page: s.accountPage(r, "acct.claim.title", &a), Tracking: tracking}
		pg.Errors = []string{pg.T(key)}
		s.rd.Render(w, r, status, "account_claim", pg)
		return
	}
	s.deps.PublicSessions.Put(r.Context(), keyPublicMsg, "acct.claim.done")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
