package casework

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// A Reminder is an open request whose reply is due within 5 working days,
// within 1, or overdue (regulation.md §7: warn before the due date).
type Reminder struct {
	Record  Record // personal data masked
	Due     calendar.Date
	Urgency request.Urgency
	Left    int // working days from today to the due date; negative when overdue
}

// reminders lists the running requests of agencyID (all agencies for 0)
// that need attention on today, most urgent first. The records are sealed:
// callers that show them mask them (maskReminders).
func (s *Service) reminders(ctx context.Context, agencyID int64, today calendar.Date) ([]Reminder, error) {
	recs, err := s.st.ListRequests(ctx, Filter{AgencyID: agencyID, OpenOnly: true})
	if err != nil {
		return nil, err
	}
	cals := map[int64]*calendar.Calendar{}
	var out []Reminder
	for _, rec := range recs {
		st := request.State(rec.State)
		if rec.State == Submitted || rec.Due.IsZero() || st.Paused() || st.Ended() {
			continue
		}
		cal := cals[rec.AgencyID]
		if cal == nil {
			if cal, err = s.Calendar(ctx, rec.AgencyID); err != nil {
				return nil, err
			}
			cals[rec.AgencyID] = cal
		}
		u := request.Classify(cal, today, rec.Due)
		if u == request.OnTrack {
			continue
		}
		left := cal.WorkdaysBetween(today, rec.Due)
		if u == request.Overdue {
			left = -cal.WorkdaysBetween(rec.Due, today)
		}
		out = append(out, Reminder{Record: rec, Due: rec.Due, Urgency: u, Left: left})
	}
	order := map[request.Urgency]int{request.Overdue: 0, request.DueIn1: 1, request.DueIn5: 2}
	slices.SortStableFunc(out, func(a, b Reminder) int {
		if order[a.Urgency] != order[b.Urgency] {
			return order[a.Urgency] - order[b.Urgency]
		}
		return a.Due.Compare(b.Due)
	})
	return out, nil
}

// Reminders returns what is due soon or overdue at an agency w may read.
func (s *Service) Reminders(ctx context.Context, w Staffer, agencyID int64, today calendar.Date) ([]Reminder, error) {
	if !canRead(w, agencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "request.reminders", Record{AgencyID: agencyID}, "deny.other_agency"))
	}
	rs, err := s.reminders(ctx, agencyID, today)
	s.maskReminders(rs)
	return rs, err
}

// maskReminders masks the personal data of the reminders' records for
// display; RunReminders, which only writes notices, never opens it.
func (s *Service) maskReminders(rs []Reminder) {
	for i := range rs {
		s.mask(&rs[i].Record)
	}
}

// RunReminders creates one in-app notice for the staff of each agency per
// request, urgency and day (a second run on the same day adds nothing) and
// returns how many it created. A ticker in `gongkai serve` calls it.
func (s *Service) RunReminders(ctx context.Context, now time.Time) (int, error) {
	today := calendar.Of(now.In(cst))
	rs, err := s.reminders(ctx, 0, today)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rs {
		var body string
		switch r.Urgency {
		case request.Overdue:
			body = fmt.Sprintf("申请 %s 已超过答复期限 %s（%d 个工作日），请尽快答复。", r.Record.Tracking, r.Due, -r.Left)
		case request.DueIn1:
			body = fmt.Sprintf("申请 %s 的答复期限 %s 即将届满（剩 %d 个工作日）。", r.Record.Tracking, r.Due, r.Left)
		default:
			body = fmt.Sprintf("申请 %s 的答复期限为 %s，还有 %d 个工作日。", r.Record.Tracking, r.Due, r.Left)
		}
		if r.Urgency != request.Overdue {
			ask, ok, err := s.pendingExtension(ctx, r.Record)
			if err != nil {
				return n, err
			}
			if ok {
				// An extension can only be granted before the due date
				// (条例第三十三条第二款).
				body += fmt.Sprintf("承办人 %s 于 %s 申请延期 %d 个工作日，须由负责人在期限届满前审批。", ask.By, ask.On, ask.Days)
			}
		}
		added, err := s.st.AddNotification(ctx, Notification{AgencyID: r.Record.AgencyID, RequestID: r.Record.ID, Audience: ToStaff,
			Kind: "remind." + string(r.Urgency), Dedupe: fmt.Sprintf("remind:%d:%s:%s", r.Record.ID, r.Urgency, today), Body: body, CreatedAt: now})
		if err != nil {
			return n, err
		}
		if added {
			n++
		}
	}
	return n, nil
}

// An Overview is an agency's dashboard: its requests by state and what
// is due soon or overdue.
type Overview struct {
	ByState   map[string]int // stored state (request.State or Submitted) → count
	Reminders []Reminder
}

// Overview returns the dashboard of an agency w may read.
func (s *Service) Overview(ctx context.Context, w Staffer, agencyID int64, today calendar.Date) (Overview, error) {
	if !canRead(w, agencyID) {
		return Overview{}, s.finish(ctx, s.deny(ctx, w, "request.overview", Record{AgencyID: agencyID}, "deny.other_agency"))
	}
	by, err := s.st.CountByState(ctx, agencyID)
	if err != nil {
		return Overview{}, err
	}
	rs, err := s.reminders(ctx, agencyID, today)
	if err != nil {
		return Overview{}, err
	}
	s.maskReminders(rs)
	return Overview{ByState: by, Reminders: rs}, nil
}

// pendingExtension returns the extension request of rec awaiting the
// head's decision, if any, from its history.
func (s *Service) pendingExtension(ctx context.Context, rec Record) (request.ExtensionAsk, bool, error) {
	stored, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return request.ExtensionAsk{}, false, err
	}
	r, err := replay(rec, stored)
	if err != nil {
		return request.ExtensionAsk{}, false, err
	}
	ask, ok := r.PendingExtension()
	return ask, ok, nil
}
