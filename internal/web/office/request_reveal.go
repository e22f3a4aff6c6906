package office

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestRevealPage shows an applicant's personal data in clear, once, in
// the answer to the POST that asked for it with a reason (casework audits
// it; back-office pages are never cached).
type RequestRevealPage struct {
	web.Page
	ID       int64
	Tracking string
	Personal casework.Personal
}

func (s *Site) requestReveal(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var p casework.Personal
	if err == nil {
		p, err = s.req.cw.Reveal(r.Context(), staffer(rq), id, r.PostFormValue("reason"))
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	v, err := s.req.cw.Get(r.Context(), staffer(rq), id)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.renderReq(w, r, http.StatusOK, "request_reveal", RequestRevealPage{Page: s.bo.Page(r, rq, "rq.reveal.title"),
		ID: id, Tracking: v.Record.Tracking, Personal: p})
}
