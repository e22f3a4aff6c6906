package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/request"
)

func init() { actionNames[request.ActSplit] = "拆分登记" }

// split takes the 拆分登记 step (request.ActSplit) on request id: the
// request keeps items[0] as its content and each further item is
// registered as a request of its own — same applicant, channel, form and
// receipt date (条例第三十一条), the same query code, its own tracking
// number — in one transaction. The children are registered by w, so a
// clerk who may not split the request creates nothing. Each request then
// has its own outcome and letters and counts once in the annual report
// (regulation.md §7; request.ActSplit states the counting rule).
func (s *Service) split(ctx context.Context, w Staffer, id int64, st Step) (View, error) {
	var items []string
	for _, it := range st.Items {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) < 2 {
		return View{}, apperr.New(apperr.Invalid, "request.split_items")
	}
	if len(items) > request.MaxSplitItems {
		return View{}, apperr.New(apperr.Invalid, "request.split_too_many", request.MaxSplitItems)
	}
	var v View
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		year := rec.Submitted.Year()
		if rec.Submitted.IsZero() {
			year = rec.Received.Year()
		}
		// The children's numbers first, so that the parent's history names
		// them; a refused step rolls the numbers back with everything else.
		trackings := make([]string, len(items)-1)
		for i := range trackings {
			n, err := s.st.NextTracking(ctx, rec.AgencyID, year)
			if err != nil {
				return err
			}
			trackings[i] = fmt.Sprintf("%d-%04d", year, n)
		}
		e := request.Event{Action: request.ActSplit, On: st.On, Note: st.Note, Content: items[0], Items: items[1:], Split: trackings}
		if _, err := s.applyTx(ctx, w, rec, e, splitNotice(rec, items, trackings)); err != nil {
			return err
		}
		stored, err := s.st.RequestEvents(ctx, id)
		if err != nil {
			return err
		}
		if len(stored) == 0 {
			return apperr.New(apperr.Conflict, "request.not_confirmed")
		}
		reg := stored[0].Event
		for i, tr := range trackings {
			if err := s.splitChild(ctx, w, rec, reg, tr, items[i+1]); err != nil {
				return err
			}
		}
		v, err = s.view(ctx, w, id)
		return err
	})
	return v, err
}

// splitChild registers item of the request rec (whose register event is
// reg) as a request of its own under tracking number tr.
func (s *Service) splitChild(ctx context.Context, w Staffer, rec Record, reg request.Event, tr, item string) error {
	c := Record{AgencyID: rec.AgencyID, Tracking: tr, QueryHash: rec.QueryHash, Origin: rec.Origin, Channel: rec.Channel,
		Submitted: rec.Submitted, ApplicantType: rec.ApplicantType, ApplicantName: rec.ApplicantName, ApplicantKey: rec.ApplicantKey,
		IDNumber: rec.IDNumber, Phone: rec.Phone, Address: rec.Address, Email: rec.Email, Content: item, Form: rec.Form,
		Delivery: rec.Delivery, State: Submitted, Suspicious: rec.Suspicious, PIPLNotice: rec.PIPLNotice}
	c.CreatedAt = s.now()
	c.UpdatedAt = c.CreatedAt
	c, err := s.st.CreateRequest(ctx, c)
	if err != nil {
		return err
	}
	// The applicant who filed or claimed the application in a public
	// account (我的申请) finds each item there too.
	if err := s.st.InheritPublicLink(ctx, rec.ID, c.ID, c.CreatedAt); err != nil {
		return err
	}
	e := request.Event{Action: request.ActRegister, On: rec.Received, Channel: reg.Channel,
		Applicant: request.Applicant{Type: rec.ApplicantType, Name: rec.ApplicantName}, Content: item, Form: reg.Form,
		Note: "由申请 " + rec.Tracking + " 拆分登记（一事一申请）", SplitFrom: rec.Tracking}
	_, err = s.applyTx(ctx, w, c, e, fmt.Sprintf("您的申请（编号 %s）中的“%s”已拆分登记为编号 %s，收到申请之日为 %s，可凭原查询码查询。",
		rec.Tracking, clipText(item, 60), tr, rec.Received))
	return err
}

// splitNotice tells the applicant of rec how the application was split.
func splitNotice(rec Record, items, trackings []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "您的申请（编号 %s）包含多项内容，依照“一事一申请”原则分项登记：本编号办理“%s”", rec.Tracking, clipText(items[0], 60))
	for i, tr := range trackings {
		fmt.Fprintf(&b, "；“%s”登记为编号 %s", clipText(items[i+1], 60), tr)
	}
	fmt.Fprintf(&b, "。各项的收到申请之日均为 %s，分别答复，可凭原查询码分别查询。", rec.Received)
	return b.String()
}

// contentAt is what the request asked for as of the last event of evs:
// the register event's content, or the item a 拆分登记 kept (letters
// dated before a split name the whole application).
func contentAt(evs []request.Event, current string) string {
	out := ""
	for _, e := range evs {
		if e.Action == request.ActRegister || e.Action == request.ActSplit {
			out = e.Content
		}
	}
	if out == "" {
		return current
	}
	return out
}
