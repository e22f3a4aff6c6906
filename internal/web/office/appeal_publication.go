package office

import (
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// AppealsPage lists the agency's 行政复议 and 行政诉讼 about its 主动公开
// that no request gave rise to (条例第五十一条), which table 四 counts,
// with the forms to record one and its conclusion.
type AppealsPage struct {
	web.Page
	Rows     []PublicationAppealRow
	CanEdit  bool
	Today    string
	Kinds    []OutcomeChoice
	Subjects []OutcomeChoice
}

// A PublicationAppealRow is one appeal as the page shows it.
type PublicationAppealRow struct {
	AppealRow
	ReportID, Subject, Matter string
	// ItemID and ItemIndex name the catalogue item the appeal concerns
	// (0 and "" when none): the row links to it.
	ItemID    int64
	ItemIndex string
}

// appealsShow shows the user's agency's appeals not tied to a request.
func (s *Site) appealsShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.appealsPage(w, r, rq, http.StatusOK, nil)
}

func (s *Site) appealsPage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, errs []string) {
	as, err := s.req.cw.PublicationAppeals(r.Context(), staffer(rq), rq.User.AgencyID)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := AppealsPage{Page: s.bo.Page(r, rq, "ap.title"), CanEdit: canActRequests(rq.Subject), Today: s.req.cw.Today().String()}
	pg.Errors = errs
	for _, k := range []casework.AppealKind{casework.Review, casework.LitigationDirect, casework.LitigationAfterReview} {
		pg.Kinds = append(pg.Kinds, OutcomeChoice{Value: string(k), Label: appealKinds[k]})
	}
	for _, sub := range casework.AppealSubjects() {
		pg.Subjects = append(pg.Subjects, OutcomeChoice{Value: string(sub), Label: sub.Label()})
	}
	for _, a := range as {
		row := PublicationAppealRow{AppealRow: AppealRow{ID: a.ID, Kind: appealKinds[a.Kind], Filed: a.Filed.String(),
			Result: appealResults[a.Result], Note: a.Note, Open: a.Concluded.IsZero()}, ReportID: a.ReportID(), Subject: a.Subject.Label(), Matter: a.Matter,
			ItemID: a.ItemID, ItemIndex: a.ItemIndex}
		if !row.Open {
			row.Concluded = a.Concluded.String()
		}
		pg.Rows = append(pg.Rows, row)
	}
	s.renderReq(w, r, status, "appeals", pg)
}

// appealsAdd records an appeal about the agency's 主动公开.
func (s *Site) appealsAdd(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	a := casework.PublicationAppeal{Kind: casework.AppealKind(r.PostFormValue("kind")),
		Subject: casework.AppealSubject(r.PostFormValue("subject")), Matter: strings.TrimSpace(r.PostFormValue("matter")),
		ItemIndex: strings.TrimSpace(r.PostFormValue("item")),
		Note:      strings.TrimSpace(r.PostFormValue("note"))}
	var err error
	if a.Filed, err = formDate(r, "filed"); err == nil {
		_, err = s.req.cw.AddPublicationAppeal(r.Context(), staffer(rq), a)
	}
	s.appealsDone(w, r, rq, err)
}

// appealsConclude records the conclusion and result of one.
func (s *Site) appealsConclude(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	a := casework.PublicationAppeal{ID: id, Result: casework.AppealResult(r.PostFormValue("result"))}
	if a.Concluded, err = formDate(r, "concluded"); err == nil {
		err = s.req.cw.ConcludePublicationAppeal(r.Context(), staffer(rq), a)
	}
	s.appealsDone(w, r, rq, err)
}

func (s *Site) appealsDone(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, err error) {
	if err != nil {
		status := web.StatusOf(err)
		if status >= 500 || status == http.StatusNotFound {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.appealsPage(w, r, rq, status, []string{s.bo.ErrText(r, err)})
		return
	}
	s.bo.Flash(r.Context(), "rq.appeal.added")
	http.Redirect(w, r, "/admin/appeals", http.StatusSeeOther)
}
