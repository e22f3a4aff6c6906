package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/publicuser"
)

// AccountPage lists the requests of the signed-in account ("my requests").
type AccountPage struct {
	Page
	Login    string
	Requests []AccountRequestRow
	// Notices are shown once, on the first visit after a sign-in: a
	// lockout, an attempt to register the login (#10 item 7).
	Notices []string
}

// An AccountRequestRow is one request of the account: what the applicant
// may see without the code, and the link to its status.
type AccountRequestRow struct {
	ID        int64
	Tracking  string
	Agency    string
	State     string
	Submitted calendar.Date
	Due       calendar.Date
	Ended     calendar.Date
	Claimed   bool
}

func (s *Site) accountShow(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	list, err := s.deps.Accounts.Requests(r.Context(), a.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	notices, err := s.deps.Accounts.TakeNotices(r.Context(), a.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := AccountPage{Page: s.accountPage(r, "acct.title", &a), Login: a.Login}
	pg.Notices = pg.Page.Notices(notices)
	for _, l := range list {
		pg.Requests = append(pg.Requests, AccountRequestRow{ID: l.RequestID, Tracking: l.Tracking, Agency: l.Agency,
			State: pg.Label("state", l.State), Submitted: l.Submitted, Due: l.Due, Ended: l.Ended, Claimed: l.How == publicuser.LinkClaim})
	}
	s.rd.Render(w, r, http.StatusOK, "account_show", pg)
}

// accountRequestShow shows a request of the account through its stored
// link, without the query code: the status page of the public lookup
// (never personal data). A request of another account, or none, is 404.
func (s *Site) accountRequestShow(w http.ResponseWriter, r *http.Request) {
	a, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	v, err := s.deps.Accounts.Status(r.Context(), a.ID, id)
	if errors.Is(err, apperr.NotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := statusPage(s.accountPage(r, "req.status.title", &a), v)
	pg.AccountRequest = id
	s.rd.Render(w, r, http.StatusOK, "request_status", pg)
}
