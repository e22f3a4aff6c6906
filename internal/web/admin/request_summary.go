package admin

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
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
}

// requestSummary returns the panel, or nil when the user does not handle
// requests or it cannot be computed (the dashboard still shows).
func (s *Site) requestSummary(r *http.Request, rq *Request) *RequestSummary {
	if s.req == nil || !canReadRequests(rq.Subject) {
		return nil
	}
	ctx, st, ag := r.Context(), staffer(rq), rq.User.AgencyID
	ov, err := s.req.cw.Overview(ctx, st, ag, s.req.cw.Today())
	if err != nil {
		return nil
	}
	sum := &RequestSummary{}
	if sum.Notices, err = s.req.cw.StaffNotices(ctx, st, ag, 5); err != nil {
		return nil
	}
	for _, v := range stateOrder {
		if n := ov.ByState[v]; n > 0 && (v == casework.Submitted || !request.State(v).Ended()) {
			sum.States = append(sum.States, StateCount{Value: v, Label: stateLabel(v), Count: n})
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
				Urgency: rm.Urgency.Label(), Overdue: rm.Urgency == request.Overdue})
		}
	}
	return sum
}
