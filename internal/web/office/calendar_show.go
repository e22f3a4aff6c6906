package office

import (
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CalendarPage shows an agency's local closures and openings (the
// national holidays and 调休 are built in) and, for its 负责人, the form
// to change them.
type CalendarPage struct {
	web.Page
	Agency              string
	Rows                []calendar.Override
	CanEdit             bool
	FirstYear, LastYear int
	Today               string
}

// calendarShow shows the calendar of the user's own agency.
func (s *Site) calendarShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.calendarPage(w, r, rq, http.StatusOK, nil)
}

func (s *Site) calendarPage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, errs []string) {
	cal, err := s.req.cw.Calendar(r.Context(), rq.User.AgencyID)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := CalendarPage{Page: s.bo.Page(r, rq, "cal.title"), Rows: cal.Overrides().All(), CanEdit: canEditCalendar(rq.Subject),
		Today: s.req.cw.Today().String()}
	pg.FirstYear, pg.LastYear = cal.CoveredYears()
	pg.Errors = errs
	if a, err := s.deps.AgencyStore.Agency(r.Context(), rq.User.AgencyID); err == nil {
		pg.Agency = a.Name
	}
	s.renderReq(w, r, status, "calendar", pg)
}

// calendarSet records a closure or an opening of the 负责人's agency.
func (s *Site) calendarSet(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	d, err := formDate(r, "date")
	if err == nil && d.IsZero() {
		err = apperr.New(apperr.Invalid, "calendar.date_required")
	}
	if err == nil {
		err = s.req.cw.SetOverride(r.Context(), staffer(rq), calendar.Override{Date: d, Open: r.PostFormValue("kind") == "open",
			Reason: strings.TrimSpace(r.PostFormValue("reason"))})
	}
	s.calendarDone(w, r, rq, err, "cal.saved")
}

// calendarRemove deletes a closure or opening of the 负责人's agency.
func (s *Site) calendarRemove(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	d, err := formDate(r, "date")
	if err == nil && d.IsZero() {
		err = apperr.New(apperr.Invalid, "calendar.date_required")
	}
	if err == nil {
		err = s.req.cw.RemoveOverride(r.Context(), staffer(rq), d)
	}
	s.calendarDone(w, r, rq, err, "cal.removed")
}

func (s *Site) calendarDone(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, err error, flash string) {
	if err != nil {
		status := web.StatusOf(err)
		if status >= 500 || status == http.StatusNotFound {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.calendarPage(w, r, rq, status, []string{s.bo.ErrText(r, err)})
		return
	}
	s.bo.Flash(r.Context(), flash)
	http.Redirect(w, r, "/admin/calendar", http.StatusSeeOther)
}
