package request

import (
	"errors"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

var (
	clerk    = Actor{"张承办", Clerk}
	reviewer = Actor{"李审核", Reviewer}
	head     = Actor{"王主任", Head}
)

func register(t *testing.T, on string) *Request {
	t.Helper()
	r, err := New("2026-001", Event{Action: ActRegister, On: md(on), Actor: clerk,
		Applicant: Applicant{Type: NaturalPerson, Name: "赵某", ID: "11010519491231002X"},
		Channel:   Internet, Content: "2025年本区老旧小区改造项目清单"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustApply(t *testing.T, r *Request, cal *calendar.Calendar, events ...Event) {
	t.Helper()
	for _, e := range events {
		if err := r.Apply(cal, e); err != nil {
			t.Fatalf("%s on %s: %v", e.Action, e.On, err)
		}
	}
}

// TestWorkflowFull walks 补正, consultation, extension, review and approval.
func TestWorkflowFull(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-02-02")
	mustApply(t, r, cal,
		Event{Action: ActRequestCorrection, On: md("2026-02-05"), Actor: clerk, Until: md("2026-02-27"), Note: "请说明项目所在街道"},
		Event{Action: ActReceiveCorrection, On: md("2026-02-10"), Actor: clerk},
		Event{Action: ActStart, On: md("2026-02-10"), Actor: clerk},
		Event{Action: ActConsult, On: md("2026-02-12"), Actor: clerk, Pause: PauseThirdParty},
	)
	if u := r.Urgency(cal, md("2026-02-13")); u != NotRunning {
		t.Errorf("urgency while consulting: %s; want not_running", u)
	}
	mustApply(t, r, cal,
		Event{Action: ActConsultAnswered, On: md("2026-03-03"), Actor: clerk},
		Event{Action: ActExtend, On: md("2026-03-20"), Actor: head, Days: 15, Note: "涉及多个街道，需汇总"},
		Event{Action: ActDraft, On: md("2026-03-25"), Actor: clerk, Outcome: PartiallyGranted, Note: "涉及个人隐私",
			Reply: ReplyDetail{Withheld: "住址栏", Ground: WithheldThirdParty}},
		Event{Action: ActSubmit, On: md("2026-03-25"), Actor: clerk},
		Event{Action: ActReturn, On: md("2026-03-26"), Actor: reviewer, Note: "请补充不予公开部分的理由"},
		Event{Action: ActDraft, On: md("2026-03-27"), Actor: clerk, Outcome: PartiallyGranted, Note: "涉及个人隐私，已征求意见",
			Reply: ReplyDetail{Withheld: "住址栏", Ground: WithheldThirdParty}},
		Event{Action: ActSubmit, On: md("2026-03-27"), Actor: clerk},
		Event{Action: ActApprove, On: md("2026-03-30"), Actor: head},
		Event{Action: ActReply, On: md("2026-03-31"), Actor: clerk},
		Event{Action: ActClose, On: md("2026-04-01"), Actor: clerk},
	)
	if r.State != Closed || r.Outcome != PartiallyGranted || r.Ended != md("2026-03-31") || r.Extension != 15 {
		t.Errorf("got state %s outcome %s ended %s extension %d", r.State, r.Outcome, r.Ended, r.Extension)
	}
	// Clock: restarts 2026-02-10; third party 02-12..03-03 (9 working days
	// incl. make-up 02-14 and 02-28); 20 + 15 working days.
	dl, err := Due(cal, r.Clock())
	if err != nil {
		t.Fatal(err)
	}
	if want := cal.AddWorkdays(md("2026-02-10"), 35+dl.Paused); dl.Due != want || dl.Paused != 9 {
		t.Errorf("due %s paused %d; want %s and 9", dl.Due, dl.Paused, want)
	}
	if f := r.Findings(cal, md("2026-04-02")); len(f) != 0 {
		t.Errorf("findings: %+v; want none", f)
	}
	// The stored events replay to the same request.
	back, err := Load(r.ID, r.Events)
	if err != nil {
		t.Fatal(err)
	}
	if back.State != r.State || back.Outcome != r.Outcome || back.Ended != r.Ended || !slices.Equal(back.Pauses, r.Pauses) {
		t.Errorf("Load: got %+v; want %+v", back, r)
	}
}

func TestWorkflowRefusals(t *testing.T) {
	cal := calendar.National()
	tests := []struct {
		name   string
		before []Event
		e      Event
		kind   error
	}{
		{"approve by clerk", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
			{Action: ActDraft, On: md("2026-03-03"), Actor: clerk, Outcome: Granted},
			{Action: ActSubmit, On: md("2026-03-03"), Actor: clerk}},
			Event{Action: ActApprove, On: md("2026-03-04"), Actor: clerk}, ErrRole},
		{"reply before approval", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
			{Action: ActDraft, On: md("2026-03-03"), Actor: clerk, Outcome: Granted}},
			Event{Action: ActReply, On: md("2026-03-04"), Actor: clerk}, ErrTransition},
		{"extension by clerk", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActExtend, On: md("2026-03-04"), Actor: clerk, Days: 10, Note: "x"}, ErrRole},
		{"extension too long", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActExtend, On: md("2026-03-04"), Actor: head, Days: 21, Note: "x"}, ErrRule},
		{"second extension", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
			{Action: ActExtend, On: md("2026-03-03"), Actor: head, Days: 5, Note: "x"}},
			Event{Action: ActExtend, On: md("2026-03-04"), Actor: head, Days: 5, Note: "y"}, ErrRule},
		{"extension after due", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActExtend, On: md("2026-03-31"), Actor: head, Days: 5, Note: "x"}, ErrRule},
		{"correction without period", nil,
			Event{Action: ActRequestCorrection, On: md("2026-03-03"), Actor: clerk, Note: "x"}, ErrRule},
		{"correction expired early", []Event{{Action: ActRequestCorrection, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-17"), Note: "x"}},
			Event{Action: ActCorrectionExpired, On: md("2026-03-17"), Actor: clerk}, ErrRule},
		{"unclear without correction", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActDraft, On: md("2026-03-03"), Actor: clerk, Outcome: UnavailableUnclear}, ErrRule},
		{"draft a termination outcome", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActDraft, On: md("2026-03-03"), Actor: clerk, Outcome: OtherFeeUnpaid}, ErrRule},
		{"fee expired early", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
			{Action: ActFeeNotice, On: md("2026-03-03"), Actor: clerk, Fee: QuotePerPage(150)}},
			Event{Action: ActFeeExpired, On: md("2026-03-31"), Actor: clerk}, ErrRule},
		{"back-dated", []Event{{Action: ActStart, On: md("2026-03-05"), Actor: clerk}},
			Event{Action: ActConsult, On: md("2026-03-04"), Actor: clerk, Pause: PauseThirdParty}, ErrRule},
		{"delay not later than due", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActDelay, On: md("2026-03-05"), Actor: head, Until: md("2026-03-30"), Note: "数量大"}, ErrRule},
		{"delay by clerk", []Event{{Action: ActStart, On: md("2026-03-02"), Actor: clerk}},
			Event{Action: ActDelay, On: md("2026-03-05"), Actor: clerk, Until: md("2026-05-29"), Note: "数量大"}, ErrRole},
		{"withdraw without reason", nil, Event{Action: ActWithdraw, On: md("2026-03-04"), Actor: clerk}, ErrRule},
		{"unknown action", nil, Event{Action: "delete", On: md("2026-03-04"), Actor: clerk}, ErrTransition},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t, "2026-03-02")
			mustApply(t, r, cal, tt.before...)
			state := r.State
			err := r.Apply(cal, tt.e)
			var re *Error
			if !errors.Is(err, tt.kind) || !errors.As(err, &re) || re.Key == "" {
				t.Fatalf("got %v; want %v with a message", err, tt.kind)
			}
			if r.State != state || len(r.Events) != len(tt.before)+1 {
				t.Errorf("a refused action changed the request")
			}
		})
	}
}

func TestEndings(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal,
		Event{Action: ActRequestCorrection, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-17"), Note: "请明确文号"},
		Event{Action: ActCorrectionExpired, On: md("2026-03-18"), Actor: clerk})
	if r.State != EndedNoCorrection || r.Outcome != OtherNoCorrection || r.Ended != md("2026-03-18") {
		t.Errorf("no correction: got %s %s %s", r.State, r.Outcome, r.Ended)
	}

	r = register(t, "2026-03-02")
	mustApply(t, r, cal,
		Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActFeeNotice, On: md("2026-03-03"), Actor: clerk, Fee: QuotePerPage(150)})
	// 20 working days after 2026-03-03 is 2026-03-31; ending is allowed the day after.
	mustApply(t, r, cal, Event{Action: ActFeeExpired, On: md("2026-04-01"), Actor: clerk})
	if r.State != EndedFeeUnpaid || r.Outcome != OtherFeeUnpaid || r.Fee.Yuan != 1700 {
		t.Errorf("fee unpaid: got %s %s %d", r.State, r.Outcome, r.Fee.Yuan)
	}
	if a := r.Allowed(Clerk); len(a) != 0 {
		t.Errorf("actions after the end: %v", a)
	}

	r = register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActWithdraw, On: md("2026-03-05"), Actor: clerk, Note: "申请人书面撤回"})
	if r.State != Withdrawn || r.Outcome != OtherOther || !r.State.Ended() {
		t.Errorf("withdrawn: got %s %s", r.State, r.Outcome)
	}
}

func TestAllowed(t *testing.T) {
	if got := Allowed(InReview, Head); !slices.Equal(got, []Action{ActExtend, ActRefuseExtension, ActDelay, ActReturn, ActApprove}) {
		t.Errorf("Allowed(in_review, head) = %v", got)
	}
	if got := Allowed(InReview, Reviewer); !slices.Equal(got, []Action{ActReview, ActReturn}) {
		t.Errorf("Allowed(in_review, reviewer) = %v; want [review return]", got)
	}
	cal := calendar.National()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActExtend, On: md("2026-03-03"), Actor: head, Days: 5, Note: "x"})
	if slices.Contains(r.Allowed(Head), ActExtend) {
		t.Errorf("extension still offered after one")
	}
}

func TestUrgencyAndFindings(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-03-02") // due 2026-03-30
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
	tests := []struct {
		today string
		want  Urgency
	}{
		{"2026-03-20", OnTrack}, {"2026-03-23", DueIn5}, {"2026-03-27", DueIn1},
		{"2026-03-30", DueIn1}, {"2026-03-31", Overdue},
	}
	for _, tt := range tests {
		if got := r.Urgency(cal, md(tt.today)); got != tt.want {
			t.Errorf("Urgency(%s) = %s; want %s", tt.today, got, tt.want)
		}
	}
	if f := r.Findings(cal, md("2026-03-31")); len(f) != 1 || f[0].ID != "overdue" {
		t.Errorf("findings: %+v; want overdue", f)
	}
	late := register(t, "2026-02-13")
	mustApply(t, late, cal, Event{Action: ActRequestCorrection, On: md("2026-02-27"), Actor: clerk, Until: md("2026-03-13"), Note: "x"})
	// 7 working days after 2026-02-13: 02-14, 24, 25, 26, 27, 28, 03-02 → on time.
	if f := late.Findings(cal, md("2026-02-27")); len(f) != 0 {
		t.Errorf("findings: %+v; want none (notice on day 5)", f)
	}
	if got := CorrectionNoticeDue(cal, md("2026-02-13")); got != md("2026-03-02") {
		t.Errorf("CorrectionNoticeDue = %s; want 2026-03-02", got)
	}
	later := register(t, "2026-03-02")
	mustApply(t, later, cal, Event{Action: ActRequestCorrection, On: md("2026-03-12"), Actor: clerk, Until: md("2026-03-26"), Note: "x"})
	if f := later.Findings(cal, md("2026-03-12")); len(f) != 1 || f[0].ID != "correction-notice-late" {
		t.Errorf("findings: %+v; want correction-notice-late", f)
	}
}

func TestDelayArticle35(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-09"), Note: "本月已申请42件"},
		Event{Action: ActReasonsGiven, On: md("2026-03-06"), Actor: clerk, Note: "课题研究需要"},
		Event{Action: ActDelay, On: md("2026-03-10"), Actor: head, Until: md("2026-05-29"), Note: "申请数量大，理由合理，已告知申请人"})
	dl, err := r.Deadline(cal, md("2026-03-10"))
	if err != nil || dl.Due != md("2026-05-29") {
		t.Errorf("due %s, %v; want 2026-05-29", dl.Due, err)
	}
	if u := r.Urgency(cal, md("2026-04-01")); u != OnTrack {
		t.Errorf("urgency after the computed date: %s; want on_track", u)
	}
}
