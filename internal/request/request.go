// Package request is the domain of 依申请公开: a disclosure request from
// receipt to reply, on the statutory clock of 条例第三十~三十五条 as fixed
// in regulation.md §7. It knows the 21 outcomes of the annual report, the
// applicant columns, the receipt-date rules, the workflow and the roles it
// needs, the reply clock with its explanation, fees, the 第三十五条 volume
// flag and likely repeats. It stores nothing: a later layer persists the
// Request's events and replays them with Load.
package request

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// An Actor is the member of staff who took an action.
type Actor struct {
	Name string
	Role Role
}

// An Event is one recorded step of a request. On is the legal date of the
// step (the day a notice went out, a correction or answer arrived, the
// reply was delivered); At is when it was recorded. Only the fields the
// Action uses are set.
type Event struct {
	Action Action
	On     calendar.Date
	At     time.Time
	Actor  Actor
	Note   string // reason, items to correct, review comments

	// register
	Applicant Applicant
	Channel   Channel
	Content   string // the information asked for (条例第二十九条（二）)
	Form      string // preferred form and delivery (第二十九条（三）)

	Until   calendar.Date // request_correction: the correction period ends; delay: the new reply date
	Pause   PauseKind     // consult: third_party or other_agency
	Party   string        // consult: the third party (第三十二条) or agency (第三十四条) consulted
	Opinion Opinion       `json:",omitempty"` // consult_answered: what the party answered
	Days    int           // request_extension, extend: working days (extend: 0 takes the days requested)
	Outcome Outcome       // draft
	Reply   ReplyDetail   `json:",omitzero"` // draft: what the letter says besides Note
	Fee     FeeQuote      // fee_notice

	// Dispatch is how a notice or consultation letter went out
	// (request_correction, consult, fee_notice, ask_reasons); Delivered the
	// day it reached its addressee, on the sending step when known and on a
	// deliver step (whose On is the day it is recorded) for a posted one.
	Dispatch  Dispatch      `json:",omitempty"`
	Delivered calendar.Date `json:",omitzero"`
	// split (拆分登记): Content is the item kept, Items those split off
	// and Split the tracking numbers they were registered under, in order;
	// register: SplitFrom is the tracking number of the request split.
	Items     []string `json:",omitempty"`
	Split     []string `json:",omitempty"`
	SplitFrom string   `json:",omitempty"`
}

// A Request is the aggregate of one disclosure request: its current
// state, derived from its events, which it keeps in order.
type Request struct {
	ID        string
	Applicant Applicant
	Channel   Channel
	Content   string
	Form      string
	Received  calendar.Date
	State     State

	CorrectionAsked calendar.Date // the 补正 notice went out
	CorrectionUntil calendar.Date // the period the notice gave
	Corrected       calendar.Date // the corrected application arrived
	Pauses          []Pause       // closed pauses
	Extension       int           // approved extension, working days
	ExtensionAsked  *ExtensionAsk // a clerk's extension request awaiting the head, if any
	Reviewed        calendar.Date // the 审核人 passed the current draft (ActReview); zero until then
	ReviewedBy      string        // the 审核人 who passed it
	DelayedTo       calendar.Date // reply date set under 第三十五条, if any
	DelayedOn       calendar.Date // the day DelayedTo was set
	ReasonsAsked    calendar.Date // 第三十五条: the applicant was asked for reasons
	ReasonsUntil    calendar.Date // the period the 说明理由通知书 gave
	ReasonsGiven    calendar.Date // the applicant's reasons arrived
	Outcome         Outcome       // drafted or ending outcome
	Fee             FeeQuote      // the fee notified, if any
	FeePaid         calendar.Date
	Ended           calendar.Date // reply or ending date: the report year counts it here

	open    *Pause   // the pause running now, if any
	notices []Notice // the notices sent, with their delivery
	loading bool     // Load is replaying a stored history
	Events  []Event
}

// Error kinds; every error Apply returns wraps one of them.
var (
	ErrTransition = errors.New("action not allowed in this state")
	ErrRole       = errors.New("role may not take this action")
	ErrRule       = errors.New("action breaks a rule")
)

// An Error is a refused action with the message key and arguments that
// tell the user why (the web layer translates them).
type Error struct {
	Kind   error  // ErrTransition, ErrRole or ErrRule
	Action Action // the action refused
	Key    string // message key, e.g. request.wrong_state
	Args   []any  // the message's values, safe to show
}

// Error returns the kind with the message key and its values.
func (e *Error) Error() string {
	return fmt.Sprintf("request: %s: %v: %s%v", e.Action, e.Kind, e.Key, e.Args)
}

// Unwrap returns the kind.
func (e *Error) Unwrap() error { return e.Kind }

func refuse(kind error, a Action, key string, args ...any) error {
	return &Error{Kind: kind, Action: a, Key: key, Args: args}
}

// New registers a request: e must be a register event whose On is the
// receipt date of 第三十一条 (Submission.ReceiptDate).
func New(id string, e Event) (*Request, error) {
	r := &Request{ID: id}
	if e.Action != ActRegister {
		return nil, refuse(ErrTransition, e.Action, "request.register_first")
	}
	if err := r.Apply(nil, e); err != nil {
		return nil, err
	}
	return r, nil
}

// Load rebuilds a request from its stored events. It checks states and
// roles but not the calendar, so a history stays loadable after the
// calendar's local overrides change.
func Load(id string, events []Event) (*Request, error) {
	r := &Request{ID: id, loading: true}
	defer func() { r.loading = false }()
	for i, e := range events {
		if err := r.Apply(nil, e); err != nil {
			return nil, fmt.Errorf("request: load %s: event %d: %w", id, i+1, err)
		}
	}
	return r, nil
}

// Apply validates e against the workflow, its role and the rules of the
// 条例, then records it. cal is needed for the rules that count working
// days (extension before the due date, fee non-payment after 20 working
// days); with a nil cal those checks are skipped.
func (r *Request) Apply(cal *calendar.Calendar, e Event) error {
	t, ok := transitions[e.Action]
	if !ok {
		return refuse(ErrTransition, e.Action, "request.action_unknown", string(e.Action))
	}
	if e.Action == ActRegister {
		if r.State != "" {
			return refuse(ErrTransition, e.Action, "request.already_registered")
		}
	} else if !contains(t.from, r.State) {
		return refuse(ErrTransition, e.Action, "request.wrong_state", r.State.Key(), e.Action.Key())
	}
	if !contains(t.roles, e.Actor.Role) {
		return refuse(ErrRole, e.Action, "request.wrong_role", e.Action.Key(), roleKeys(t.roles))
	}
	if e.On.IsZero() {
		return refuse(ErrRule, e.Action, "request.date_missing")
	}
	e = r.fill(e)
	if n := len(r.Events); n > 0 && e.On.Before(r.Events[n-1].On) {
		return refuse(ErrRule, e.Action, "request.date_before_previous", e.On, r.Events[n-1].On)
	}
	if err := r.check(cal, e); err != nil {
		return err
	}
	if sendsNotice(e.Action) {
		r.recordNotice(e)
	}
	r.record(e)
	r.recordReview(e)
	r.recordReasons(e)
	if t.to != "" {
		r.State = t.to
	}
	r.Events = append(r.Events, e)
	return nil
}

// check applies the rules of each action.
func (r *Request) check(cal *calendar.Calendar, e Event) error {
	a := e.Action
	switch a {
	case ActRegister:
		if !e.Applicant.Type.Valid() {
			return refuse(ErrRule, a, "request.applicant_type_required")
		}
		if strings.TrimSpace(e.Applicant.Name) == "" {
			return refuse(ErrRule, a, "request.applicant_name_missing")
		}
		if strings.TrimSpace(e.Content) == "" {
			return refuse(ErrRule, a, "request.content_missing")
		}
		if !e.Channel.Valid() {
			return refuse(ErrRule, a, "request.channel_required")
		}
	case ActRequestCorrection:
		if e.Until.IsZero() || !e.Until.After(e.On) {
			return refuse(ErrRule, a, "request.correction_deadline")
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.correction_items")
		}
	case ActCorrectionExpired:
		if !e.On.After(r.CorrectionUntil) {
			return refuse(ErrRule, a, "request.correction_running", r.CorrectionUntil)
		}
	case ActConsult:
		if e.Pause != PauseThirdParty && e.Pause != PauseOtherAgency {
			return refuse(ErrRule, a, "request.consult_kind")
		}
	case ActConsultAnswered:
		if err := checkConsultAnswer(e); err != nil {
			return err
		}
	case ActFeeNotice:
		if e.Fee.Yuan <= 0 {
			return refuse(ErrRule, a, "request.fee_zero")
		}
	case ActFeeExpired:
		// 20 working days from the day after the notice arrived
		// (regulation.md §3: 收到收费通知次日起20个工作日内): a posted notice
		// whose arrival is not recorded cannot have expired.
		if cal != nil && r.open != nil {
			got := r.open.Delivered
			if got.IsZero() {
				if n, ok := r.LastNotice(ActFeeNotice); ok && n.Dispatch == DispatchPost {
					return refuse(ErrRule, a, "request.fee_delivery_unknown")
				}
				got = r.open.From
			}
			if last := cal.AddWorkdays(got, FeePaymentWorkdays); !e.On.After(last) {
				return refuse(ErrRule, a, "request.fee_running", last, FeePaymentWorkdays)
			}
		}
	case ActDeliver:
		return r.checkDeliver(e)
	case ActExtend, ActRequestExtension:
		return r.checkExtension(cal, e)
	case ActDelay:
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.delay_reason")
		}
		if cal != nil {
			if due, err := r.DueDate(cal, e.On); err == nil && !e.Until.After(due) {
				return refuse(ErrRule, a, "request.delay_not_later", due)
			}
		} else if !e.Until.After(e.On) {
			return refuse(ErrRule, a, "request.delay_past")
		}
	case ActDraft:
		info, ok := e.Outcome.Info()
		if !ok {
			return refuse(ErrRule, a, "request.outcome_required")
		}
		if !info.Reply {
			return refuse(ErrRule, a, "request.outcome_not_reply", e.Outcome.Key())
		}
		if e.Outcome == UnavailableUnclear && r.Corrected.IsZero() {
			return refuse(ErrRule, a, "request.unclear_after_correction")
		}
		if err := checkReply(e); err != nil {
			return err
		}
		if err := r.checkParties(e); err != nil {
			return err
		}
	case ActReturn, ActWithdraw:
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.reason_required")
		}
	case ActSplit:
		if err := r.checkSplit(e); err != nil {
			return err
		}
	}
	if sendsNotice(a) {
		if err := checkNotice(e); err != nil {
			return err
		}
	}
	if err := r.checkReasons(e); err != nil {
		return err
	}
	return r.checkReview(e)
}

// record updates the derived fields for e.
func (r *Request) record(e Event) {
	switch e.Action {
	case ActRegister:
		r.Applicant, r.Channel, r.Content, r.Form, r.Received = e.Applicant, e.Channel, e.Content, e.Form, e.On
	case ActRequestCorrection:
		r.CorrectionAsked, r.CorrectionUntil = e.On, e.Until
	case ActReceiveCorrection:
		r.Corrected = e.On
	case ActCorrectionExpired:
		r.Outcome, r.Ended = OtherNoCorrection, e.On
	case ActConsult:
		r.open = &Pause{Kind: e.Pause, From: e.On, Delivered: e.deliveredOn()}
	case ActFeeNotice:
		r.Fee = e.Fee
		r.open = &Pause{Kind: PauseFee, From: e.On, Delivered: e.deliveredOn()}
	case ActDeliver:
		r.recordDeliver(e)
	case ActConsultAnswered, ActFeePaid:
		if r.open == nil { // only a hand-built Request gets here
			break
		}
		p := *r.open
		p.To = e.On
		r.Pauses = append(r.Pauses, p)
		r.open = nil
		if e.Action == ActFeePaid {
			r.FeePaid = e.On
		}
	case ActFeeExpired:
		r.Outcome, r.Ended, r.open = OtherFeeUnpaid, e.On, nil
	case ActExtend:
		r.Extension = e.Days
	case ActDelay:
		r.DelayedTo, r.DelayedOn = e.Until, e.On
	case ActDraft:
		r.Outcome = e.Outcome
	case ActReply:
		r.Ended = e.On
	case ActWithdraw:
		r.Outcome, r.Ended, r.open = OtherOther, e.On, nil
	case ActSplit:
		r.Content = e.Content
	}
}

// OpenPause returns the pause running now, if the clock is stopped by a
// consultation or a fee notice.
func (r *Request) OpenPause() (Pause, bool) {
	if r.open == nil {
		return Pause{}, false
	}
	return *r.open, true
}

// Clock returns the request's reply clock from its closed pauses.
func (r *Request) Clock() Clock {
	return Clock{Received: r.Received, Corrected: r.Corrected, Pauses: append([]Pause(nil), r.Pauses...),
		Extension: r.Extension, DelayedTo: r.DelayedTo, DelayedOn: r.DelayedOn}
}

// ClockAt returns the clock as of today: a running pause counts as ending
// today, so the due date is the earliest it can still be.
func (r *Request) ClockAt(today calendar.Date) Clock {
	c := r.Clock()
	if p, ok := r.OpenPause(); ok && !today.Before(p.From) {
		p.To = today
		c.Pauses = append(c.Pauses, p)
	}
	return c
}

// Deadline computes the due date and its explanation as of today.
func (r *Request) Deadline(cal *calendar.Calendar, today calendar.Date) (Deadline, error) {
	return Due(cal, r.ClockAt(today))
}

// DueDate is Deadline without the explanation: the due date alone, for
// checks and lists that do not show the day-by-day walk.
func (r *Request) DueDate(cal *calendar.Calendar, today calendar.Date) (calendar.Date, error) {
	return DueDate(cal, r.ClockAt(today))
}

// Allowed returns what role may do now, without actions the request's own
// history forbids: a second extension, a second request for one, a
// decision with no request pending, a second review of the same draft.
func (r *Request) Allowed(role Role) []Action {
	var out []Action
	for _, a := range Allowed(r.State, role) {
		if r.offered(a) {
			out = append(out, a)
		}
	}
	return out
}

var actionLabels = map[Action]string{
	ActRegister: "登记", ActRequestCorrection: "告知补正", ActReceiveCorrection: "登记补正",
	ActCorrectionExpired: "按逾期未补正终止", ActStart: "开始办理", ActConsult: "征求意见",
	ActConsultAnswered: "登记意见", ActFeeNotice: "发出收费通知", ActFeePaid: "登记缴费",
	ActFeeExpired: "按逾期未缴费终止", ActRequestExtension: "申请延期", ActExtend: "延期", ActRefuseExtension: "不同意延期", ActAskReasons: "要求说明理由", ActReasonsGiven: "登记申请人说明的理由", ActDelay: "确定延迟答复期限", ActDeliver: "登记送达日期", ActDraft: "拟写答复", ActSubmit: "提交审核",
	ActReview: "审核通过", ActReturn: "退回修改", ActApprove: "批准答复", ActReply: "送达答复", ActClose: "办结归档", ActWithdraw: "登记撤回",
}

var roleLabels = map[Role]string{Clerk: "承办人", Reviewer: "审核人", Head: "负责人"}

// Label returns the role's Chinese name.
func (r Role) Label() string { return roleLabels[r] }
