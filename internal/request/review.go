package request

import (
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// An ExtensionAsk is a clerk's request to extend the reply period, waiting
// for the decision of the disclosure office's head: the extension needs
// the head's consent (条例第三十三条第二款: 经政府信息公开工作机构负责人
// 同意), so only the head's approval (ActExtend) moves the due date.
type ExtensionAsk struct {
	On     calendar.Date // the day the clerk asked
	Days   int           // working days asked for, 1–MaxExtension
	Reason string        // the reason, told to the applicant once approved
	By     string        // the clerk's name
}

// fill completes e from the request before the rules check it: the head's
// approval of a pending extension request takes the days and the reason
// asked for when it gives none. The filled event is the one recorded, so
// a stored history replays without the request.
func (r *Request) fill(e Event) Event {
	if e.Action == ActExtend && r.ExtensionAsked != nil {
		if e.Days == 0 {
			e.Days = r.ExtensionAsked.Days
		}
		if strings.TrimSpace(e.Note) == "" {
			e.Note = r.ExtensionAsked.Reason
		}
	}
	return e
}

// checkExtension applies the rules of an extension to a clerk's request
// for one (ActRequestExtension) and to the head's approval (ActExtend):
// once, 1–20 working days, with a reason for the applicant, before the
// due date has passed (条例第三十三条第二款).
func (r *Request) checkExtension(cal *calendar.Calendar, e Event) error {
	a := e.Action
	if r.Extension > 0 {
		return refuse(ErrRule, a, "request.extension_once")
	}
	if a == ActRequestExtension && r.ExtensionAsked != nil {
		return refuse(ErrRule, a, "request.extension_pending", r.ExtensionAsked.On, r.ExtensionAsked.Days)
	}
	if e.Days < 1 || e.Days > MaxExtension {
		return refuse(ErrRule, a, "request.extension_days", MaxExtension)
	}
	if strings.TrimSpace(e.Note) == "" {
		return refuse(ErrRule, a, "request.extension_reason")
	}
	if cal != nil {
		if due, err := r.DueDate(cal, e.On); err == nil && e.On.After(due) {
			return refuse(ErrRule, a, "request.extension_expired", due)
		}
	}
	return nil
}

// checkReview applies the rules of the review and extension-decision
// steps; it returns nil for other actions.
func (r *Request) checkReview(e Event) error {
	a := e.Action
	switch a {
	case ActReview:
		if !r.Reviewed.IsZero() {
			return refuse(ErrRule, a, "request.already_reviewed", r.Reviewed)
		}
	case ActRefuseExtension:
		if r.ExtensionAsked == nil {
			return refuse(ErrRule, a, "request.no_extension_pending")
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.refusal_reason")
		}
	}
	return nil
}

// recordReview updates the fields of the review and extension steps.
func (r *Request) recordReview(e Event) {
	switch e.Action {
	case ActReview:
		r.Reviewed, r.ReviewedBy = e.On, e.Actor.Name
	case ActDraft, ActReturn:
		// A new or returned draft needs a new review.
		r.Reviewed, r.ReviewedBy = calendar.Date{}, ""
	case ActRequestExtension:
		r.ExtensionAsked = &ExtensionAsk{On: e.On, Days: e.Days, Reason: strings.TrimSpace(e.Note), By: e.Actor.Name}
	case ActExtend, ActRefuseExtension:
		r.ExtensionAsked = nil
	}
}

// PendingExtension returns the clerk's extension request awaiting the
// head's decision, if any.
func (r *Request) PendingExtension() (ExtensionAsk, bool) {
	if r.ExtensionAsked == nil {
		return ExtensionAsk{}, false
	}
	return *r.ExtensionAsked, true
}

// offered reports whether the request's own history still allows action a
// (the state machine allows it already): one extension, one pending
// request for it, a decision only on a pending request, one review pass
// per draft; reasons asked once (条例第三十五条) and recorded once, a
// delay only after them; a delivery day only for a posted notice awaiting
// one.
func (r *Request) offered(a Action) bool {
	switch a {
	case ActExtend:
		return r.Extension == 0
	case ActRequestExtension:
		return r.Extension == 0 && r.ExtensionAsked == nil
	case ActRefuseExtension:
		return r.ExtensionAsked != nil
	case ActReview:
		return r.Reviewed.IsZero()
	case ActAskReasons:
		return r.ReasonsAsked.IsZero()
	case ActReasonsGiven:
		return !r.ReasonsAsked.IsZero() && r.ReasonsGiven.IsZero()
	case ActDelay:
		return !r.ReasonsGiven.IsZero()
	case ActDeliver:
		_, ok := r.AwaitingDelivery()
		return ok
	}
	return true
}
