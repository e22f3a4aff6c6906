package office

import (
	"net/http"
	"slices"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// A ScopeRow is one agency of a supervisor's scope: its open requests and
// those due within 5 and 1 working days or overdue.
type ScopeRow struct {
	AgencyID                  int64
	Agency                    string
	Open, Due5, Due1, Overdue int
}

// scopeSummary is a supervisor's overview of every agency it oversees.
type scopeSummary struct {
	Rows       []ScopeRow // agencies with open requests, most overdue first
	States     map[string]int
	Due5, Due1 int
	Overdue    int
	Urgent     []RequestRow // overdue and due soon, most urgent first, with the agency
}

// supervisesScope reports whether the user's default scope is the subtree
// it oversees (条例第三条: 监督员 of a 政务公开办 or a government office)
// rather than its own agency: a 监督员 whose scope holds more than its
// own agency.
func supervisesScope(rq *backoffice.Request) bool {
	return slices.Contains(rq.User.Roles, account.Supervisor) && len(rq.Subject.Scope) > 1 && canReadRequests(rq.Subject)
}

// scopeOverview sums the overviews of the agencies in the supervisor's
// scope; agencies it cannot read are left out (casework checks each).
func (s *Site) scopeOverview(r *http.Request, rq *backoffice.Request, p web.Page) (scopeSummary, error) {
	ctx, st, cw := r.Context(), staffer(rq), s.req.cw
	today := cw.Today()
	names := map[int64]string{}
	for _, a := range s.agencyChoices(r, func(int64) bool { return true }) {
		names[a.ID] = a.Name
	}
	sum := scopeSummary{States: map[string]int{}}
	var rems []casework.Reminder
	for _, id := range rq.Subject.Scope {
		ov, err := cw.Overview(ctx, st, id, today)
		if err != nil {
			return sum, err
		}
		row := ScopeRow{AgencyID: id, Agency: names[id]}
		for k, n := range ov.ByState {
			sum.States[k] += n
			if k == casework.Submitted || !request.State(k).Ended() {
				row.Open += n
			}
		}
		for _, rm := range ov.Reminders {
			switch rm.Urgency {
			case request.DueIn5:
				row.Due5++
			case request.DueIn1:
				row.Due1++
			case request.Overdue:
				row.Overdue++
			}
		}
		sum.Due5, sum.Due1, sum.Overdue = sum.Due5+row.Due5, sum.Due1+row.Due1, sum.Overdue+row.Overdue
		rems = append(rems, ov.Reminders...)
		if row.Open > 0 {
			sum.Rows = append(sum.Rows, row)
		}
	}
	slices.SortStableFunc(sum.Rows, func(a, b ScopeRow) int {
		if a.Overdue != b.Overdue {
			return b.Overdue - a.Overdue
		}
		return (b.Due1 + b.Due5) - (a.Due1 + a.Due5)
	})
	order := map[request.Urgency]int{request.Overdue: 0, request.DueIn1: 1, request.DueIn5: 2}
	slices.SortStableFunc(rems, func(a, b casework.Reminder) int {
		if order[a.Urgency] != order[b.Urgency] {
			return order[a.Urgency] - order[b.Urgency]
		}
		return a.Due.Compare(b.Due)
	})
	for _, rm := range rems {
		row := requestRow(p, rm.Record)
		row.Agency, row.Due, row.urgency = names[rm.Record.AgencyID], rm.Due.String(), rm.Urgency
		row.Urgency, row.Overdue = p.Label("urgency", string(rm.Urgency)), rm.Urgency == request.Overdue
		sum.Urgent = append(sum.Urgent, row)
	}
	return sum, nil
}
