package office

import (
	"net/http"
	"slices"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestListPage lists an agency's requests with the overview the
// dashboard needs: counts by state, what is due within 5 and 1 working
// days or overdue, and the in-app notices to staff.
type RequestListPage struct {
	web.Page
	AgencyID    int64
	Agencies    []AgencyRow // the agencies the user may look into
	State       string
	States      []StateCount
	Due5, Due1  int
	Overdue     int
	Notices     []casework.Notification
	Rows        []RequestRow
	More        int // rows not shown beyond maxListRows
	CanRegister bool
	// Scope, for a supervisor who picked no agency, lists every agency it
	// oversees (its default scope); Rows are then the requests due soon or
	// overdue across them.
	Scope   []ScopeRow
	InScope bool
}

// maxListRows bounds the rows of one list page; filters narrow it down.
const maxListRows = 500

// A StateCount is one state with its number of requests.
type StateCount struct {
	Value, Label string
	Count        int
}

// A RequestRow is a request in a list, with its applicant masked.
type RequestRow struct {
	ID        int64
	Tracking  string
	Submitted string
	Received  string
	Applicant string
	Type      string
	Channel   string
	State     string
	Due       string
	Urgency   string // "" or the reminder's label
	Overdue   bool
	Agency    string // in a supervisor's overview of several agencies
	urgency   request.Urgency
}

// stateOrder is the order of states in the overview.
var stateOrder = []string{casework.Submitted, string(request.Registered), string(request.CorrectionRequested),
	string(request.Corrected), string(request.InProgress), string(request.Consulting), string(request.AwaitingFee),
	string(request.DraftReply), string(request.InReview), string(request.Approved), string(request.Replied),
	string(request.Closed), string(request.EndedNoCorrection), string(request.EndedFeeUnpaid), string(request.Withdrawn)}

// requestAgency picks the agency a page is about: ?agency= when the user
// may read its requests, else the user's own.
func requestAgency(r *http.Request, rq *backoffice.Request, a auth.Action) int64 {
	if id := formInt(r.URL.Query().Get("agency")); id > 0 && auth.Can(rq.Subject, a, id) {
		return id
	}
	return rq.User.AgencyID
}

func (s *Site) requestList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	ctx := r.Context()
	cw, st := s.req.cw, staffer(rq)
	if r.URL.Query().Get("agency") == "" && supervisesScope(rq) {
		s.requestScope(w, r, rq)
		return
	}
	agencyID := requestAgency(r, rq, auth.RequestRead)
	state := r.URL.Query().Get("state")
	f := casework.Filter{AgencyID: agencyID}
	switch state {
	case "":
	case "open":
		f.OpenOnly = true
	default:
		f.States = []string{state}
	}
	all, err := cw.List(ctx, st, f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	ov, err := cw.Overview(ctx, st, agencyID, cw.Today())
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	notices, err := cw.StaffNotices(ctx, st, agencyID, 20)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := RequestListPage{Page: s.bo.Page(r, rq, "rq.list.title"), AgencyID: agencyID, State: state,
		Notices: notices, CanRegister: canRegister(rq.Subject) && agencyID == rq.User.AgencyID}
	urg := map[int64]casework.Reminder{}
	for _, rm := range ov.Reminders {
		urg[rm.Record.ID] = rm
		switch rm.Urgency {
		case request.DueIn5:
			pg.Due5++
		case request.DueIn1:
			pg.Due1++
		case request.Overdue:
			pg.Overdue++
		}
	}
	for _, v := range stateOrder {
		if ov.ByState[v] > 0 {
			pg.States = append(pg.States, StateCount{Value: v, Label: pg.Label("state", v), Count: ov.ByState[v]})
		}
	}
	for _, rec := range all {
		row := requestRow(pg.Page, rec)
		if !rec.Due.IsZero() && !request.State(rec.State).Ended() {
			row.Due = rec.Due.String()
		}
		if rm, ok := urg[rec.ID]; ok {
			row.Urgency, row.Overdue = pg.Label("urgency", string(rm.Urgency)), rm.Urgency == request.Overdue
		}
		pg.Rows = append(pg.Rows, row)
	}
	slices.Reverse(pg.Rows) // newest first
	if len(pg.Rows) > maxListRows {
		pg.Rows, pg.More = pg.Rows[:maxListRows], len(pg.Rows)-maxListRows
	}
	pg.Agencies = s.agencyChoices(r, func(id int64) bool { return auth.Can(rq.Subject, auth.RequestRead, id) })
	s.renderReq(w, r, http.StatusOK, "request_list", pg)
}

// requestScope is the request list of a supervisor who picked no agency:
// its default scope is every agency it oversees, so that nothing overdue
// below it goes unseen.
func (s *Site) requestScope(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	sum, err := s.scopeOverview(r, rq, s.bo.Page(r, rq, "rq.list.title"))
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	notices, err := s.req.cw.StaffNotices(r.Context(), staffer(rq), rq.User.AgencyID, 20)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := RequestListPage{Page: s.bo.Page(r, rq, "rq.list.title"), InScope: true, Scope: sum.Rows, Notices: notices,
		Due5: sum.Due5, Due1: sum.Due1, Overdue: sum.Overdue, Rows: sum.Urgent}
	if len(pg.Rows) > maxListRows {
		pg.Rows, pg.More = pg.Rows[:maxListRows], len(pg.Rows)-maxListRows
	}
	for _, v := range stateOrder {
		if n := sum.States[v]; n > 0 {
			pg.States = append(pg.States, StateCount{Value: v, Label: pg.Label("state", v), Count: n})
		}
	}
	pg.Agencies = s.agencyChoices(r, func(id int64) bool { return auth.Can(rq.Subject, auth.RequestRead, id) })
	s.renderReq(w, r, http.StatusOK, "request_list", pg)
}

// agencyChoices lists the agencies for which keep holds, for an agency
// picker (none when the list cannot be read: the page still shows).
func (s *Site) agencyChoices(r *http.Request, keep func(agencyID int64) bool) []AgencyRow {
	all, err := s.deps.AgencyStore.ListAgencies(r.Context())
	if err != nil {
		return nil
	}
	var out []AgencyRow
	for _, a := range all {
		if keep(a.ID) {
			out = append(out, AgencyRow{ID: a.ID, Name: a.Name})
		}
	}
	return out
}

// requestRow is the list row of rec, with the applicant's name masked and
// its labels in the language of p.
func requestRow(p web.Page, rec casework.Record) RequestRow {
	row := RequestRow{ID: rec.ID, Tracking: rec.Tracking, Submitted: rec.Submitted.String(), Applicant: maskName(rec.ApplicantType, rec.ApplicantName),
		Type: p.Label("type", string(rec.ApplicantType)), Channel: p.Label("channel", rec.Channel), State: p.Label("state", rec.State)}
	if !rec.Received.IsZero() {
		row.Received = rec.Received.String()
	}
	return row
}
