package request

import (
	"errors"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

// TestArticle35Steps checks 条例第三十五条 as gongkai reads it: the agency
// asks for reasons (with a notice and a period) before it may decide
// 不予处理 (rejected_mass_repeated) or a later reply date (delay); a delay
// needs the applicant's reasons, a 不予处理 the reasons or the end of the
// period.
func TestArticle35Steps(t *testing.T) {
	cal := calendar.National()
	ask := Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-13"), Note: "您本月已提出申请42件，请说明理由"}
	given := Event{Action: ActReasonsGiven, On: md("2026-03-10"), Actor: clerk, Note: "课题研究需要"}
	mass := func(on string) Event {
		return Event{Action: ActDraft, On: md(on), Actor: clerk, Outcome: RejectedMassRepeated, Note: "理由不成立"}
	}
	delay := Event{Action: ActDelay, On: md("2026-03-16"), Actor: head, Until: md("2026-05-29"), Note: "数量大，无法按期答复"}
	tests := []struct {
		name   string
		before []Event
		e      Event
		key    string // "" when the step is allowed
	}{
		{"mass without asking", nil, mass("2026-03-20"), "request.mass_without_reasons"},
		{"mass while the period runs", []Event{ask}, mass("2026-03-13"), "request.reasons_running"},
		{"mass after the period", []Event{ask}, mass("2026-03-16"), ""},
		{"mass after the reasons", []Event{ask, given}, mass("2026-03-11"), ""},
		{"delay without asking", nil, delay, "request.delay_without_reasons"},
		{"delay before the reasons", []Event{ask}, delay, "request.delay_without_reasons"},
		{"delay after the reasons", []Event{ask, given}, delay, ""},
		{"ask twice", []Event{ask}, Event{Action: ActAskReasons, On: md("2026-03-04"), Actor: clerk, Until: md("2026-03-20"), Note: "x"}, "request.reasons_asked_twice"},
		{"ask without period", nil, Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Note: "x"}, "request.reasons_period"},
		{"ask without saying why", nil, Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-13")}, "request.reasons_note"},
		{"reasons never asked", nil, given, "request.reasons_not_asked"},
		{"reasons twice", []Event{ask, given}, Event{Action: ActReasonsGiven, On: md("2026-03-11"), Actor: clerk, Note: "补充"}, "request.reasons_already"},
		{"reasons without text", []Event{ask}, Event{Action: ActReasonsGiven, On: md("2026-03-10"), Actor: clerk}, "request.reasons_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t, "2026-03-02")
			mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
			mustApply(t, r, cal, tt.before...)
			err := r.Apply(cal, tt.e)
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

// TestArticle35Offered: the page offers 要求说明理由 once, the reasons once
// asked, and 延迟答复 to the head only after the reasons.
func TestArticle35Offered(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
	has := func(role Role, a Action) bool { return slices.Contains(r.Allowed(role), a) }
	if !has(Clerk, ActAskReasons) || has(Clerk, ActReasonsGiven) || has(Head, ActDelay) {
		t.Errorf("before asking: clerk %v, head %v", r.Allowed(Clerk), r.Allowed(Head))
	}
	mustApply(t, r, cal, Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-13"), Note: "x"})
	if has(Clerk, ActAskReasons) || !has(Clerk, ActReasonsGiven) || has(Head, ActDelay) {
		t.Errorf("asked: clerk %v, head %v", r.Allowed(Clerk), r.Allowed(Head))
	}
	mustApply(t, r, cal, Event{Action: ActReasonsGiven, On: md("2026-03-05"), Actor: clerk, Note: "研究需要"})
	if has(Clerk, ActReasonsGiven) || !has(Head, ActDelay) {
		t.Errorf("answered: clerk %v, head %v", r.Allowed(Clerk), r.Allowed(Head))
	}
	if r.ReasonsAsked != md("2026-03-03") || r.ReasonsUntil != md("2026-03-13") || r.ReasonsGiven != md("2026-03-05") {
		t.Errorf("fields %s %s %s", r.ReasonsAsked, r.ReasonsUntil, r.ReasonsGiven)
	}
}

// TestArticle35OldHistoriesLoad: a history recorded before the 说明理由
// step existed (a 不予处理 or a delay without it) still loads.
func TestArticle35OldHistoriesLoad(t *testing.T) {
	reg := Event{Action: ActRegister, On: md("2025-03-02"), Actor: clerk, Applicant: Applicant{Type: NaturalPerson, Name: "赵某"},
		Channel: Internet, Content: "清单"}
	evs := []Event{reg, {Action: ActStart, On: md("2025-03-02"), Actor: clerk},
		{Action: ActDelay, On: md("2025-03-10"), Actor: head, Until: md("2025-05-29"), Note: "数量大"},
		{Action: ActDraft, On: md("2025-03-20"), Actor: clerk, Outcome: RejectedMassRepeated, Note: "不合理"}}
	r, err := Load("2025-001", evs)
	if err != nil || r.State != DraftReply || r.DelayedTo != md("2025-05-29") {
		t.Fatalf("load: %v, %+v", err, r)
	}
	if err := r.Apply(nil, Event{Action: ActDraft, On: md("2025-03-21"), Actor: clerk, Outcome: RejectedMassRepeated, Note: "x"}); err == nil {
		t.Error("a new 不予处理 draft without reasons was accepted after Load")
	}
}

// TestDelayThenConsult: a consultation started after the 第三十五条 delay
// moves the delayed reply date by the working days it lasted.
func TestDelayThenConsult(t *testing.T) {
	cal := calendar.National()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActAskReasons, On: md("2026-03-03"), Actor: clerk, Until: md("2026-03-13"), Note: "请说明理由"},
		Event{Action: ActReasonsGiven, On: md("2026-03-10"), Actor: clerk, Note: "课题研究需要"},
		Event{Action: ActDelay, On: md("2026-03-16"), Actor: head, Until: md("2026-05-29"), Note: "数量大"},
		Event{Action: ActConsult, On: md("2026-04-01"), Actor: clerk, Pause: PauseThirdParty, Party: "某公司"},
		Event{Action: ActConsultAnswered, On: md("2026-04-08"), Actor: clerk, Opinion: OpinionAgreed})
	got, err := r.DueDate(cal, md("2026-04-09"))
	want := cal.AddWorkdays(md("2026-05-29"), cal.WorkdaysBetween(md("2026-04-01"), md("2026-04-08")))
	if err != nil || got != want || want == md("2026-05-29") {
		t.Errorf("due %s, %v; want %s", got, err, want)
	}
}
