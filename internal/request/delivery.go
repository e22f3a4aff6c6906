package request

import (
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
)

// A Dispatch is how a notice or a consultation letter went to its
// addressee (送达方式). The periods that run "from receipt" count from the
// day it arrived: the third party's 15 working days (条例第三十二条:
// 自收到征求意见书之日起), another agency's 15 (第三十四条) and the
// applicant's 20 to pay a fee (regulation.md §3: 收到收费通知次日起).
type Dispatch string

// The dispatches. "" (not given) is read as delivery on the day sent, as
// histories recorded before dispatches existed were counted.
const (
	// DispatchInPerson is handed over (直接送达): it arrives the day it
	// is sent, unless the clerk records another day.
	DispatchInPerson Dispatch = "in_person"
	// DispatchElectronic is sent by e-mail or through the online platform
	// (电子送达): it arrives the day it is sent, unless recorded otherwise.
	DispatchElectronic Dispatch = "electronic"
	// DispatchPost is posted (邮寄送达): the clerk records the day it
	// arrived (the signed receipt) with a deliver step.
	DispatchPost Dispatch = "post"
)

var dispatchLabels = map[Dispatch][2]string{
	DispatchInPerson:   {"直接送达", "in person"},
	DispatchElectronic: {"电子送达", "electronically"},
	DispatchPost:       {"邮寄送达", "by post"},
}

// Dispatches lists the dispatches in the order a form offers them.
func Dispatches() []Dispatch { return []Dispatch{DispatchInPerson, DispatchElectronic, DispatchPost} }

// Valid reports whether d is a known dispatch.
func (d Dispatch) Valid() bool { _, ok := dispatchLabels[d]; return ok }

// Label returns the dispatch's Chinese name.
func (d Dispatch) Label() string { return dispatchLabels[d][0] }

// Key names the dispatch in the web layer's messages.
func (d Dispatch) Key() apperr.Key { return apperr.Key("request.dispatch." + string(d)) }

// noticeActions are the steps that send a notice or consultation letter
// whose delivery is recorded.
var noticeActions = []Action{ActRequestCorrection, ActConsult, ActFeeNotice, ActAskReasons}

// sendsNotice reports whether a is a step that sends a notice.
func sendsNotice(a Action) bool { return contains(noticeActions, a) }

// deliveredOn is the day the notice of e arrived as e itself says: the
// day recorded, else the day sent for a notice handed over, sent
// electronically or of unstated dispatch; zero for a posted notice whose
// arrival is not recorded yet.
func (e Event) deliveredOn() calendar.Date {
	switch {
	case !e.Delivered.IsZero():
		return e.Delivered
	case e.Dispatch == DispatchPost:
		return calendar.Date{}
	}
	return e.On
}

// A Notice is a notice or consultation letter the request has sent, with
// the day it reached its addressee.
type Notice struct {
	Action    Action // request_correction, consult, fee_notice or ask_reasons
	Sent      calendar.Date
	Dispatch  Dispatch
	Delivered calendar.Date // zero: posted, arrival not recorded yet
	Until     calendar.Date // the period the notice gave, if it set one
}

// LastNotice returns the latest notice sent by step a, with its delivery.
func (r *Request) LastNotice(a Action) (Notice, bool) {
	for i := len(r.notices) - 1; i >= 0; i-- {
		if r.notices[i].Action == a {
			return r.notices[i], true
		}
	}
	return Notice{}, false
}

// AwaitingDelivery returns the notice whose arrival the clerk still has to
// record: the latest posted notice without a delivery day whose wait is
// still open (the correction asked for, the consultation, the fee, the
// reasons under 第三十五条).
func (r *Request) AwaitingDelivery() (Notice, bool) {
	if len(r.notices) == 0 {
		return Notice{}, false
	}
	n := r.notices[len(r.notices)-1]
	if !n.Delivered.IsZero() || !r.waiting(n.Action) {
		return Notice{}, false
	}
	return n, true
}

// waiting reports whether the wait a notice of step a started is open.
func (r *Request) waiting(a Action) bool {
	switch a {
	case ActRequestCorrection:
		return r.State == CorrectionRequested
	case ActConsult:
		return r.State == Consulting
	case ActFeeNotice:
		return r.State == AwaitingFee
	case ActAskReasons:
		return !r.ReasonsAsked.IsZero() && r.ReasonsGiven.IsZero() && !r.State.Ended()
	}
	return false
}

// checkNotice applies the dispatch rules to a step that sends a notice.
func checkNotice(e Event) error {
	if e.Dispatch != "" && !e.Dispatch.Valid() {
		return refuse(ErrRule, e.Action, "request.dispatch_unknown", string(e.Dispatch))
	}
	if !e.Delivered.IsZero() && e.Delivered.Before(e.On) {
		return refuse(ErrRule, e.Action, "request.delivered_before_sent", e.Delivered, e.On)
	}
	return nil
}

// checkDeliver applies the rules of a deliver step: a posted notice awaits
// its delivery day, which is neither before the day it was sent nor after
// the day it is recorded.
func (r *Request) checkDeliver(e Event) error {
	n, ok := r.AwaitingDelivery()
	if !ok {
		return refuse(ErrRule, e.Action, "request.nothing_to_deliver")
	}
	switch {
	case e.Delivered.IsZero():
		return refuse(ErrRule, e.Action, "request.delivered_missing")
	case e.Delivered.Before(n.Sent):
		return refuse(ErrRule, e.Action, "request.delivered_before_sent", e.Delivered, n.Sent)
	case e.Delivered.After(e.On):
		return refuse(ErrRule, e.Action, "request.delivered_after_record", e.Delivered, e.On)
	}
	return nil
}

// recordNotice keeps the notice e sends.
func (r *Request) recordNotice(e Event) {
	r.notices = append(r.notices, Notice{Action: e.Action, Sent: e.On, Dispatch: e.Dispatch, Delivered: e.deliveredOn(),
		Until: e.Until})
}

// recordDeliver sets the delivery day of the notice awaiting it, and of
// the pause that notice started.
func (r *Request) recordDeliver(e Event) {
	n, ok := r.AwaitingDelivery()
	if !ok {
		return
	}
	r.notices[len(r.notices)-1].Delivered = e.Delivered
	// A consultation's or fee notice's wait is the pause running now.
	if (n.Action == ActConsult || n.Action == ActFeeNotice) && r.open != nil {
		r.open.Delivered = e.Delivered
	}
}
