package request

import (
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/internal/calendar"
)

// DefaultWorkdays is the reply period of 条例第三十三条第二款: 20 working
// days from receipt of the application.
const DefaultWorkdays = 20

// MaxExtension is the longest extension 条例第三十三条第二款 allows: 20
// working days, once, with the approval of the disclosure office's head.
const MaxExtension = 20

// maxWorkdays bounds a period given by hand; longer is a typing error.
const maxWorkdays = 400

// A PauseKind is a reason the reply clock stops.
type PauseKind string

// The pauses of regulation.md §7. 补正 is not a pause: it restarts the
// clock (Clock.Corrected).
const (
	// PauseThirdParty is a consultation of a third party (第三十二条): the
	// third party has 15 working days to answer.
	PauseThirdParty PauseKind = "third_party"
	// PauseOtherAgency is a consultation of another agency that made the
	// information jointly (第三十四条): 15 working days as well.
	PauseOtherAgency PauseKind = "other_agency"
	// PauseFee runs from a fee notice to payment (regulation.md §3, §7):
	// the applicant has 20 working days to pay.
	PauseFee PauseKind = "fee"
)

// pauseKinds describes each kind: its cap in working days and labels.
var pauseKinds = map[PauseKind]struct {
	cap    int
	zh, en string
	basis  string
}{
	PauseThirdParty:  {15, "征求第三方意见", "third-party consultation", "条例第三十二条、第三十三条第三款"},
	PauseOtherAgency: {15, "征求其他行政机关意见", "consultation of another agency", "条例第三十四条、第三十三条第三款"},
	PauseFee:         {20, "收费通知至缴费", "fee notice to payment", "《政府信息公开信息处理费管理办法》"},
}

// Valid reports whether k is a known pause kind.
func (k PauseKind) Valid() bool { _, ok := pauseKinds[k]; return ok }

// Cap returns the most working days a pause of kind k can stop the clock.
func (k PauseKind) Cap() int { return pauseKinds[k].cap }

// Label returns the Chinese name of the pause.
func (k PauseKind) Label() string { return pauseKinds[k].zh }

// A Pause stops the clock for the working days after From up to and
// including To (the day the answer or the payment arrived), at most the
// kind's cap counted from From.
type Pause struct {
	Kind PauseKind
	From calendar.Date // the day the consultation letter or fee notice went out
	To   calendar.Date // the day the answer or the payment was received
	// Delivered is the day the letter or notice reached its addressee;
	// the cap counts from it (条例第三十二条、第三十四条: 自收到征求意见书
	// 之日起15个工作日). Zero: not known (a posted letter whose arrival is
	// not recorded), and the cap counts from From, the earliest it can.
	Delivered calendar.Date
}

// capFrom is the day a pause's cap counts from: its delivery, else From.
func (p Pause) capFrom() calendar.Date {
	if p.Delivered.After(p.From) {
		return p.Delivered
	}
	return p.From
}

// A Clock is everything the reply due date depends on.
type Clock struct {
	Received  calendar.Date // receipt date under 条例第三十一条
	Workdays  int           // the reply period; 0 means DefaultWorkdays
	Corrected calendar.Date // receipt of the corrected application (第三十条), if any
	Pauses    []Pause
	Extension int // approved extension in working days, 0–MaxExtension
	// DelayedTo is the later reply date an agency set and told the
	// applicant under 条例第三十五条 (many requests for good reason that
	// cannot be answered in time); zero if none. It replaces the computed
	// due date when it is later.
	DelayedTo calendar.Date
	// DelayedOn is the day the 第三十五条 date was set. A consultation or
	// fee pause that starts on or after it and before the delayed date
	// moves the delayed date by its working days, as it would move the
	// computed one (条例第三十三条第三款: 征求意见、缴费所需时间不计算在
	// 答复期限内). Zero: no pause moves it.
	DelayedOn calendar.Date
}

// A FieldError is bad input to the clock: which field and why, as a
// message key with its arguments (the web layer and the CLI translate
// it), so a form or a command line can name the field.
type FieldError struct {
	Field string // received, workdays, corrected, pause, extend
	Key   string
	Args  []any
}

// Error returns the field with the message key and its values.
func (e *FieldError) Error() string {
	return fmt.Sprintf("request: clock: %s: %s%v", e.Field, e.Key, e.Args)
}

func fieldErr(field, key string, args ...any) error {
	return &FieldError{Field: field, Key: key, Args: args}
}

// validate checks c and returns it with defaults filled in.
func (c Clock) validate() (Clock, error) {
	if c.Received.IsZero() {
		return c, fieldErr("received", "clock.received_missing")
	}
	if c.Workdays == 0 {
		c.Workdays = DefaultWorkdays
	}
	if c.Workdays < 1 || c.Workdays > maxWorkdays {
		return c, fieldErr("workdays", "clock.workdays", maxWorkdays, c.Workdays)
	}
	if c.Extension < 0 || c.Extension > MaxExtension {
		return c, fieldErr("extend", "clock.extension", MaxExtension, c.Extension)
	}
	if !c.Corrected.IsZero() && c.Corrected.Before(c.Received) {
		return c, fieldErr("corrected", "clock.corrected_early", c.Corrected, c.Received)
	}
	if !c.DelayedTo.IsZero() && !c.DelayedTo.After(c.Start()) {
		return c, fieldErr("delayed", "clock.delayed_early", c.DelayedTo, c.Start())
	}
	for _, p := range c.Pauses {
		if !p.Kind.Valid() {
			return c, fieldErr("pause", "clock.pause_kind", string(p.Kind))
		}
		if p.From.IsZero() || p.To.IsZero() {
			return c, fieldErr("pause", "clock.pause_dates")
		}
		if p.To.Before(p.From) {
			return c, fieldErr("pause", "clock.pause_reversed", p.To, p.From)
		}
		if p.From.Before(c.Received) {
			return c, fieldErr("pause", "clock.pause_early", p.From, c.Received)
		}
	}
	return c, nil
}

// A span is a pause as it applies to the clock: the working days after
// from up to and including to are not counted.
type span struct {
	pause   Pause
	from    calendar.Date // effective start: not before the clock's start or an earlier pause's end
	to      calendar.Date // effective end: the pause's end or its cap
	capped  bool          // the cap ended the pause before To
	days    int           // working days the pause added
	ignored bool          // began on or after the due date of the moment
	start   calendar.Date // the clock's start, to tell overlap from restart
}

// Start returns the day the reply period runs from: receipt, or receipt
// of the corrected application, which restarts the period from zero
// (条例第三十条: 答复期限自行政机关收到补正的申请之日起计算).
func (c Clock) Start() calendar.Date {
	if !c.Corrected.IsZero() {
		return c.Corrected
	}
	return c.Received
}

// dueDate computes the due date and the spans; it does not explain.
func dueDate(cal *calendar.Calendar, c Clock) (calendar.Date, []span) {
	start := c.Start()
	due := cal.AddWorkdays(start, c.Workdays+c.Extension)
	ps := slices.Clone(c.Pauses)
	slices.SortStableFunc(ps, func(a, b Pause) int { return a.From.Compare(b.From) })
	spans := make([]span, 0, len(ps))
	accounted := start // pause days up to here are already out of the count
	for _, p := range ps {
		s := span{pause: p, to: p.To, start: start}
		if limit := cal.AddWorkdays(p.capFrom(), p.Kind.Cap()); limit.Before(p.To) {
			s.to, s.capped = limit, true
		}
		s.from = p.From
		if s.from.Before(accounted) {
			s.from = accounted
		}
		switch {
		case !s.from.Before(due):
			s.ignored = !p.From.Before(due)
		case s.to.After(s.from):
			s.days = cal.WorkdaysBetween(s.from, s.to)
			due = cal.AddWorkdays(due, s.days)
		}
		if s.to.After(accounted) {
			accounted = s.to
		}
		spans = append(spans, s)
	}
	return due, spans
}

// DueDate is Due without the explanation: the due date alone, for lists,
// dashboards and reminders that compute many of them.
func DueDate(cal *calendar.Calendar, c Clock) (calendar.Date, error) {
	c, err := c.validate()
	if err != nil {
		return calendar.Date{}, err
	}
	due, _ := dueDate(cal, c)
	if d, _ := delayedDue(cal, c); d.After(due) {
		due = d
	}
	return due, nil
}

// delayedDue returns the 第三十五条 date moved by the pauses that began on
// or after the day it was set and before it, and the working days they
// added (overlapping pauses count once; each stops at its cap like any
// pause of the reply period).
func delayedDue(cal *calendar.Calendar, c Clock) (calendar.Date, int) {
	d := c.DelayedTo
	if d.IsZero() || c.DelayedOn.IsZero() {
		return d, 0
	}
	ps := slices.Clone(c.Pauses)
	slices.SortStableFunc(ps, func(a, b Pause) int { return a.From.Compare(b.From) })
	added := 0
	accounted := c.DelayedOn
	for _, p := range ps {
		if p.From.Before(c.DelayedOn) || !p.From.Before(d) {
			continue
		}
		to := p.To
		if limit := cal.AddWorkdays(p.capFrom(), p.Kind.Cap()); limit.Before(to) {
			to = limit
		}
		from := p.From
		if from.Before(accounted) {
			from = accounted
		}
		if to.After(from) {
			n := cal.WorkdaysBetween(from, to)
			d = cal.AddWorkdays(d, n)
			added += n
		}
		if to.After(accounted) {
			accounted = to
		}
	}
	return d, added
}
