package office

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestSummary is the dashboard's 依申请公开 panel for the user's own
// agency: open requests by state, what is due within 5 and 1 working days
// or overdue (regulation.md §7: warn before the due date), and the newest
// in-app notices.
type RequestSummary struct {
	States     []StateCount
	Due5, Due1 int
	Overdue    int
	Urgent     []RequestRow // overdue and due within 1 working day, most urgent first
	Notices    []casework.Notification
	// Scope, for a supervisor, holds the agencies it oversees with open
	// requests, most overdue first: the counts above are theirs.
	Scope []ScopeRow
}

// summaryTmpl draws the panel (templates/panels/request_summary.html).
var summaryTmpl = template.Must(template.New("").Funcs(web.Funcs).ParseFS(templateFS, "templates/panels/request_summary.html"))

// summaryPanel is the data of the panel's template.
type summaryPanel struct {
	web.Page
	Requests *RequestSummary
}

// Panel draws the dashboard's 依申请公开 panel (backoffice.Panel); it is
// empty for those who do not handle requests.
func (s *Site) Panel(r *http.Request, rq *backoffice.Request, p web.Page) template.HTML {
	sum := s.requestSummary(r, rq, p)
	if sum == nil {
		return ""
	}
	var buf bytes.Buffer
	if err := summaryTmpl.ExecuteTemplate(&buf, "panel", summaryPanel{Page: p, Requests: sum}); err != nil {
		s.deps.Log.ErrorContext(r.Context(), "render dashboard panel", "error", err.Error())
		return ""
	}
	return template.HTML(buf.String()) // html/template output, already escaped
}

// requestSummary returns the panel, or nil when the user does not handle
// requests or it cannot be computed (the dashboard still shows).
func (s *Site) requestSummary(r *http.Request, rq *backoffice.Request, p web.Page) *RequestSummary {
	if s.req == nil || !canReadRequests(rq.Subject) {
		return nil
	}
	ctx, st, ag := r.Context(), staffer(rq), rq.User.AgencyID
	sum := &RequestSummary{}
	var err error
	if sum.Notices, err = s.req.cw.StaffNotices(ctx, st, ag, 5); err != nil {
		return nil
	}
	if supervisesScope(rq) {
		// A supervisor's default scope is the subtree it oversees.
		sc, err := s.scopeOverview(r, rq, p)
		if err != nil {
			return nil
		}
		sum.Due5, sum.Due1, sum.Overdue, sum.Scope = sc.Due5, sc.Due1, sc.Overdue, sc.Rows
		if len(sum.Scope) > 10 {
			sum.Scope = sum.Scope[:10]
		}
		for _, row := range sc.Urgent {
			if row.urgency != request.DueIn5 && len(sum.Urgent) < 10 {
				sum.Urgent = append(sum.Urgent, row)
			}
		}
		for _, v := range stateOrder {
			if n := sc.States[v]; n > 0 && (v == casework.Submitted || !request.State(v).Ended()) {
				sum.States = append(sum.States, StateCount{Value: v, Label: p.Label("state", v), Count: n})
			}
		}
		return sum
	}
	ov, err := s.req.cw.Overview(ctx, st, ag, s.req.cw.Today())
	if err != nil {
		return nil
	}
	for _, v := range stateOrder {
		if n := ov.ByState[v]; n > 0 && (v == casework.Submitted || !request.State(v).Ended()) {
			sum.States = append(sum.States, StateCount{Value: v, Label: p.Label("state", v), Count: n})
		}
	}
	rems := ov.Reminders
	for _, rm := range rems {
		switch rm.Urgency {
		case request.DueIn5:
			sum.Due5++
		case request.DueIn1:
			sum.Due1++
		case request.Overdue:
			sum.Overdue++
		}
		if rm.Urgency != request.DueIn5 && len(sum.Urgent) < 10 {
			sum.Urgent = append(sum.Urgent, RequestRow{ID: rm.Record.ID, Tracking: rm.Record.Tracking, Due: rm.Due.String(),
				Urgency: p.Label("urgency", string(rm.Urgency)), Overdue: rm.Urgency == request.Overdue})
		}
	}
	return sum
}
