package request

import "github.com/gongkai/gongkai/internal/calendar"

// An Urgency is how close a running request is to its due date, for
// reminders and the dashboard (regulation.md §7: warn before it is late).
type Urgency string

// The urgencies. Reminders go out at DueIn5 and DueIn1.
const (
	NotRunning Urgency = "not_running" // ended, or the clock is paused
	OnTrack    Urgency = "on_track"    // more than 5 working days left
	DueIn5     Urgency = "due_in_5"    // 2–5 working days left
	DueIn1     Urgency = "due_in_1"    // due tomorrow or today
	Overdue    Urgency = "overdue"     // past the due date without a reply
)

// Label returns the urgency's Chinese name.
func (u Urgency) Label() string {
	return map[Urgency]string{NotRunning: "未计时", OnTrack: "正常", DueIn5: "5个工作日内到期", DueIn1: "即将到期", Overdue: "已超期"}[u]
}

// Classify compares today with a due date: the working days left are those
// after today up to and including the due date.
func Classify(cal *calendar.Calendar, today, due calendar.Date) Urgency {
	if today.After(due) {
		return Overdue
	}
	switch left := cal.WorkdaysBetween(today, due); {
	case left <= 1:
		return DueIn1
	case left <= 5:
		return DueIn5
	}
	return OnTrack
}

// Urgency classifies the request today; paused and ended requests are
// NotRunning.
func (r *Request) Urgency(cal *calendar.Calendar, today calendar.Date) Urgency {
	if r.State.Ended() || r.State.Paused() {
		return NotRunning
	}
	due, err := r.DueDate(cal, today)
	if err != nil {
		return NotRunning
	}
	return Classify(cal, today, due)
}

// CorrectionNoticeWorkdays is the time to send a 补正 notice: within 7
// working days of receipt (条例第三十条).
const CorrectionNoticeWorkdays = 7

// CorrectionNoticeDue returns the last day to send the 补正 notice.
func CorrectionNoticeDue(cal *calendar.Calendar, received calendar.Date) calendar.Date {
	return cal.AddWorkdays(received, CorrectionNoticeWorkdays)
}

// A Finding is something about a request that staff should see: a
// statutory time limit missed or near.
type Finding struct {
	ID string // correction-notice-late, replied-late, overdue, due-soon
	Zh string
}

// Findings lists what is wrong or urgent with the request as of today.
func (r *Request) Findings(cal *calendar.Calendar, today calendar.Date) []Finding {
	out := r.consultFindings()
	if !r.CorrectionAsked.IsZero() {
		if last := CorrectionNoticeDue(cal, r.Received); r.CorrectionAsked.After(last) {
			out = append(out, Finding{"correction-notice-late",
				"补正告知于 " + r.CorrectionAsked.String() + " 发出，晚于收到申请后 7 个工作日的 " + last.String() + "（条例第三十条）。"})
		}
	}
	due, err := r.DueDate(cal, today)
	if err != nil {
		return out
	}
	switch {
	case r.State == Replied || r.State == Closed:
		if r.Ended.After(due) {
			out = append(out, Finding{"replied-late", "答复于 " + r.Ended.String() + " 送达，晚于答复期限 " + due.String() + "。"})
		}
	case r.State.Ended() || r.State.Paused():
	default:
		switch Classify(cal, today, due) {
		case Overdue:
			out = append(out, Finding{"overdue", "已超过答复期限 " + due.String() + "。"})
		case DueIn1, DueIn5:
			out = append(out, Finding{"due-soon", "答复期限 " + due.String() + " 即将到期。"})
		}
	}
	return out
}
