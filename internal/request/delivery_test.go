package request

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

// feeNotice is a fee notice of 100元 sent on on by d.
func feeNotice(on string, d Dispatch) Event {
	return Event{Action: ActFeeNotice, On: md(on), Actor: clerk, Fee: FeeQuote{Method: PerRequest, Units: 11, Yuan: 100}, Dispatch: d}
}

// TestFeePeriodFromDelivery: the 20 working days to pay count from the day
// after the notice arrived (regulation.md §3: 收到收费通知次日起20个工作日
// 内), not from the day it was sent. Sent by post on Monday 2 March 2026,
// arrived Friday 6 March: the period ends on 3 April, not on 30 March.
func TestFeePeriodFromDelivery(t *testing.T) {
	cal := calendar.National()
	tests := []struct {
		name    string
		notice  Event
		deliver string // "" for none
		expire  string
		key     string // "" when fee_expired is allowed
	}{
		{"in person: from the day sent", feeNotice("2026-03-02", DispatchInPerson), "", "2026-03-31", ""},
		{"unstated dispatch: from the day sent", feeNotice("2026-03-02", ""), "", "2026-03-31", ""},
		{"post, arrival not recorded", feeNotice("2026-03-02", DispatchPost), "", "2026-04-30", "request.fee_delivery_unknown"},
		{"post, within the period from arrival", feeNotice("2026-03-02", DispatchPost), "2026-03-06", "2026-03-31", "request.fee_running"},
		{"post, last day of the period", feeNotice("2026-03-02", DispatchPost), "2026-03-06", "2026-04-03", "request.fee_running"},
		{"post, after the period", feeNotice("2026-03-02", DispatchPost), "2026-03-06", "2026-04-07", ""},
		{"electronic, arrival recorded later", func() Event {
			e := feeNotice("2026-03-02", DispatchElectronic)
			e.Delivered = md("2026-03-06")
			return e
		}(), "", "2026-03-31", "request.fee_running"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t, "2026-02-24")
			mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-02-24"), Actor: clerk}, tt.notice)
			if tt.deliver != "" {
				mustApply(t, r, cal, Event{Action: ActDeliver, On: md("2026-03-09"), Actor: clerk, Delivered: md(tt.deliver)})
			}
			err := r.Apply(cal, Event{Action: ActFeeExpired, On: md(tt.expire), Actor: clerk})
			var re *Error
			switch {
			case tt.key == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.key != "" && (!errors.As(err, &re) || re.Key != tt.key):
				t.Fatalf("err = %v; want %s", err, tt.key)
			}
		})
	}
}

// TestConsultCapFromDelivery: a third party has 15 working days from
// receiving the 征求意见书 (条例第三十二条), so the pause's cap counts from
// the delivery. Sent 2 March 2026 by post, arrived 6 March, answered 30
// April: the cap ends on 27 March (not 23 March), 4 working days more.
func TestConsultCapFromDelivery(t *testing.T) {
	cal := calendar.National()
	due := func(delivered string) calendar.Date {
		t.Helper()
		r := register(t, "2026-02-24")
		mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-02-24"), Actor: clerk},
			Event{Action: ActConsult, On: md("2026-03-02"), Actor: clerk, Pause: PauseThirdParty, Party: "甲公司", Dispatch: DispatchPost})
		if delivered != "" {
			mustApply(t, r, cal, Event{Action: ActDeliver, On: md("2026-03-10"), Actor: clerk, Delivered: md(delivered)})
		}
		mustApply(t, r, cal, Event{Action: ActConsultAnswered, On: md("2026-04-30"), Actor: clerk})
		dl, err := r.Deadline(cal, md("2026-04-30"))
		if err != nil {
			t.Fatal(err)
		}
		return dl.Due
	}
	unknown, known := due(""), due("2026-03-06")
	if got := cal.WorkdaysBetween(unknown, known); got != 4 {
		t.Errorf("due %s without the delivery day, %s with it: %d working days apart; want 4", unknown, known, got)
	}
	c := Clock{Received: md("2026-02-24"), Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-03-02"), To: md("2026-04-30"), Delivered: md("2026-03-06")}}}
	dl, err := Due(cal, c)
	if err != nil || dl.Due != known {
		t.Fatalf("Due = %s, %v; want %s", dl.Due, err, known)
	}
	found := false
	for _, l := range dl.Lines {
		if l.Kind == LinePause {
			found = true
			if want := "自 2026-03-06 送达之日起超过 15 个工作日的部分（2026-03-27 之后）照常计算"; !strings.Contains(l.Zh, want) {
				t.Errorf("pause line %q lacks %q", l.Zh, want)
			}
		}
	}
	if !found {
		t.Error("no pause line")
	}
}

// TestDeliverRules: a delivery day is recorded only for a posted notice
// still awaiting it, and lies between the day sent and the day recorded.
func TestDeliverRules(t *testing.T) {
	cal := calendar.National()
	deliver := func(on, d string) Event {
		return Event{Action: ActDeliver, On: md(on), Actor: clerk, Delivered: md(d)}
	}
	tests := []struct {
		name   string
		notice Event
		e      Event
		key    string
	}{
		{"posted fee notice", feeNotice("2026-03-02", DispatchPost), deliver("2026-03-09", "2026-03-05"), ""},
		{"posted correction notice", Event{Action: ActRequestCorrection, On: md("2026-03-02"), Actor: clerk, Until: md("2026-03-20"), Note: "x", Dispatch: DispatchPost},
			deliver("2026-03-09", "2026-03-04"), ""},
		{"handed over", feeNotice("2026-03-02", DispatchInPerson), deliver("2026-03-09", "2026-03-05"), "request.nothing_to_deliver"},
		{"before it was sent", feeNotice("2026-03-02", DispatchPost), deliver("2026-03-09", "2026-02-27"), "request.delivered_before_sent"},
		{"after the day recorded", feeNotice("2026-03-02", DispatchPost), deliver("2026-03-09", "2026-03-10"), "request.delivered_after_record"},
		{"no day", feeNotice("2026-03-02", DispatchPost), Event{Action: ActDeliver, On: md("2026-03-09"), Actor: clerk}, "request.delivered_missing"},
		{"unknown dispatch", feeNotice("2026-03-02", "pigeon"), Event{}, "request.dispatch_unknown"},
		{"delivered before sent on the notice", func() Event {
			e := feeNotice("2026-03-02", DispatchElectronic)
			e.Delivered = md("2026-03-01")
			return e
		}(),
			Event{}, "request.delivered_before_sent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t, "2026-02-24")
			if tt.notice.Action != ActRequestCorrection {
				mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-02-24"), Actor: clerk})
			}
			err := r.Apply(cal, tt.notice)
			if tt.e.Action != "" {
				if err != nil {
					t.Fatal(err)
				}
				if want := tt.notice.Dispatch == DispatchPost; slices.Contains(r.Allowed(Clerk), ActDeliver) != want {
					t.Errorf("deliver offered = %v; want %v", !want, want)
				}
				err = r.Apply(cal, tt.e)
			}
			var re *Error
			switch {
			case tt.key == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.key != "" && (!errors.As(err, &re) || re.Key != tt.key):
				t.Fatalf("err = %v; want %s", err, tt.key)
			}
			if tt.key == "" {
				n, _ := r.LastNotice(tt.notice.Action)
				if n.Delivered != tt.e.Delivered || slices.Contains(r.Allowed(Clerk), ActDeliver) {
					t.Errorf("notice %+v after delivery; deliver still offered: %v", n, r.Allowed(Clerk))
				}
			}
		})
	}
}
