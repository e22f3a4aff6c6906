package request

import (
	"errors"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

// inReview returns a request registered on 2026-03-02 whose draft is in
// review since 2026-03-10.
func inReview(t *testing.T, cal *calendar.Calendar) *Request {
	t.Helper()
	r := register(t, "2026-03-02")
	mustApply(t, r, cal,
		Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActDraft, On: md("2026-03-09"), Actor: clerk, Outcome: Granted},
		Event{Action: ActSubmit, On: md("2026-03-10"), Actor: clerk})
	return r
}

// TestReviewPassed checks that the 审核人's pass is an event of the
// history with the reviewer as actor, offered once per draft, cleared by a
// return, and that the head may still approve without it.
func TestReviewPassed(t *testing.T) {
	cal := calendar.National()
	r := inReview(t, cal)
	if got := r.Allowed(Reviewer); !slices.Equal(got, []Action{ActReview, ActReturn}) {
		t.Errorf("reviewer offered %v; want [review return]", got)
	}
	mustApply(t, r, cal, Event{Action: ActReview, On: md("2026-03-11"), Actor: reviewer, Note: "同意"})
	last := r.Events[len(r.Events)-1]
	if r.State != InReview || r.Reviewed != md("2026-03-11") || r.ReviewedBy != reviewer.Name ||
		last.Action != ActReview || last.Actor != reviewer {
		t.Fatalf("after review: state %s reviewed %s by %q, last event %+v", r.State, r.Reviewed, r.ReviewedBy, last)
	}
	if got := r.Allowed(Reviewer); !slices.Equal(got, []Action{ActReturn}) {
		t.Errorf("reviewer offered %v after passing; want [return]", got)
	}
	err := r.Apply(cal, Event{Action: ActReview, On: md("2026-03-11"), Actor: reviewer})
	if !errors.Is(err, ErrRule) {
		t.Errorf("second review of the same draft: %v; want ErrRule", err)
	}
	// Returned by the head: the new draft needs a new review.
	mustApply(t, r, cal,
		Event{Action: ActReturn, On: md("2026-03-12"), Actor: head, Note: "请补充法律依据"},
		Event{Action: ActDraft, On: md("2026-03-12"), Actor: clerk, Outcome: Granted},
		Event{Action: ActSubmit, On: md("2026-03-12"), Actor: clerk})
	if !r.Reviewed.IsZero() || !slices.Contains(r.Allowed(Reviewer), ActReview) {
		t.Errorf("after a return: reviewed %s; review not offered again", r.Reviewed)
	}
	// Small offices: the head approves without a separate review.
	mustApply(t, r, cal, Event{Action: ActApprove, On: md("2026-03-13"), Actor: head})
	back, err := Load(r.ID, r.Events)
	if err != nil || back.State != Approved || back.Reviewed != r.Reviewed {
		t.Errorf("Load: %v, state %s", err, back.State)
	}

	tests := []struct {
		name string
		e    Event
		kind error
	}{
		{"by the clerk", Event{Action: ActReview, On: md("2026-03-11"), Actor: clerk}, ErrRole},
		{"by the head", Event{Action: ActReview, On: md("2026-03-11"), Actor: head}, ErrRole},
		{"return without reason", Event{Action: ActReturn, On: md("2026-03-11"), Actor: reviewer}, ErrRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := inReview(t, cal).Apply(cal, tt.e); !errors.Is(err, tt.kind) {
				t.Errorf("got %v; want %v", err, tt.kind)
			}
		})
	}
	r = register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
	if err := r.Apply(cal, Event{Action: ActReview, On: md("2026-03-03"), Actor: reviewer}); !errors.Is(err, ErrTransition) {
		t.Errorf("review outside in_review: %v; want ErrTransition", err)
	}
}

// TestExtensionRequest checks 条例第三十三条第二款 as a two-step decision:
// the clerk asks with a reason, only the head's approval moves the due
// date, a refusal leaves it, and the head's one-step extension still works.
func TestExtensionRequest(t *testing.T) {
	cal := calendar.National()
	started := func() *Request {
		r := register(t, "2026-03-02") // due 2026-03-30
		mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
		return r
	}
	due := func(r *Request) calendar.Date {
		t.Helper()
		dl, err := r.Deadline(cal, md("2026-03-20"))
		if err != nil {
			t.Fatal(err)
		}
		return dl.Due
	}

	r := started()
	if !slices.Contains(r.Allowed(Clerk), ActRequestExtension) || slices.Contains(r.Allowed(Head), ActRefuseExtension) {
		t.Errorf("clerk offered %v, head offered %v", r.Allowed(Clerk), r.Allowed(Head))
	}
	mustApply(t, r, cal, Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 10, Note: "涉及多个科室"})
	ask, ok := r.PendingExtension()
	if !ok || ask.Days != 10 || ask.Reason != "涉及多个科室" || ask.By != clerk.Name || r.Extension != 0 {
		t.Fatalf("pending %+v %v, extension %d", ask, ok, r.Extension)
	}
	if got := due(r); got != md("2026-03-30") {
		t.Errorf("a request moved the due date to %s", got)
	}
	if slices.Contains(r.Allowed(Clerk), ActRequestExtension) || !slices.Contains(r.Allowed(Head), ActRefuseExtension) {
		t.Errorf("while pending: clerk offered %v, head offered %v", r.Allowed(Clerk), r.Allowed(Head))
	}
	// The head approves with neither days nor reason: the request's are taken and recorded.
	mustApply(t, r, cal, Event{Action: ActExtend, On: md("2026-03-17"), Actor: head})
	last := r.Events[len(r.Events)-1]
	if last.Days != 10 || last.Note != "涉及多个科室" || last.Actor != head || r.Extension != 10 {
		t.Errorf("approval recorded %+v, extension %d", last, r.Extension)
	}
	if _, ok := r.PendingExtension(); ok {
		t.Errorf("request still pending after approval")
	}
	if got := due(r); got != md("2026-04-14") { // 10 working days after 03-30, over 清明 (04-04–04-06)
		t.Errorf("due after approval %s; want 2026-04-14", got)
	}
	back, err := Load(r.ID, r.Events)
	if err != nil || back.Extension != 10 {
		t.Errorf("Load: %v, extension %d", err, back.Extension)
	}

	// Refused: the due date stays, and the clerk may ask again.
	r = started()
	mustApply(t, r, cal,
		Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 20, Note: "材料多"},
		Event{Action: ActRefuseExtension, On: md("2026-03-17"), Actor: head, Note: "可以按期答复"})
	if _, ok := r.PendingExtension(); ok || r.Extension != 0 || due(r) != md("2026-03-30") {
		t.Errorf("after refusal: extension %d due %s", r.Extension, due(r))
	}
	mustApply(t, r, cal, Event{Action: ActRequestExtension, On: md("2026-03-18"), Actor: clerk, Days: 5, Note: "第三方材料未到"},
		Event{Action: ActExtend, On: md("2026-03-19"), Actor: head, Days: 3, Note: "同意延长 3 日"})
	if r.Extension != 3 {
		t.Errorf("head shortened to 3 days; extension %d", r.Extension)
	}

	// The one-step path: the head extends without a request.
	r = started()
	mustApply(t, r, cal, Event{Action: ActExtend, On: md("2026-03-16"), Actor: head, Days: 20, Note: "情况复杂"})
	if r.Extension != 20 || slices.Contains(r.Allowed(Clerk), ActRequestExtension) {
		t.Errorf("one-step extension %d; clerk offered %v", r.Extension, r.Allowed(Clerk))
	}

	tests := []struct {
		name   string
		before []Event
		e      Event
		kind   error
	}{
		{"request by the head", nil, Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: head, Days: 5, Note: "x"}, ErrRole},
		{"request by the reviewer", nil, Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: reviewer, Days: 5, Note: "x"}, ErrRole},
		{"request without reason", nil, Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5}, ErrRule},
		{"request too long", nil, Event{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 21, Note: "x"}, ErrRule},
		{"request after due", nil, Event{Action: ActRequestExtension, On: md("2026-03-31"), Actor: clerk, Days: 5, Note: "x"}, ErrRule},
		{"second request while pending", []Event{{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActRequestExtension, On: md("2026-03-17"), Actor: clerk, Days: 5, Note: "y"}, ErrRule},
		{"request after an extension", []Event{{Action: ActExtend, On: md("2026-03-16"), Actor: head, Days: 5, Note: "x"}},
			Event{Action: ActRequestExtension, On: md("2026-03-17"), Actor: clerk, Days: 5, Note: "y"}, ErrRule},
		{"approval by the clerk", []Event{{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActExtend, On: md("2026-03-17"), Actor: clerk}, ErrRole},
		{"approval after due", []Event{{Action: ActRequestExtension, On: md("2026-03-27"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActExtend, On: md("2026-03-31"), Actor: head}, ErrRule},
		{"approval over 20 days", []Event{{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActExtend, On: md("2026-03-17"), Actor: head, Days: 25}, ErrRule},
		{"refusal with nothing pending", nil, Event{Action: ActRefuseExtension, On: md("2026-03-17"), Actor: head, Note: "x"}, ErrRule},
		{"refusal without reason", []Event{{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActRefuseExtension, On: md("2026-03-17"), Actor: head}, ErrRule},
		{"refusal by the clerk", []Event{{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 5, Note: "x"}},
			Event{Action: ActRefuseExtension, On: md("2026-03-17"), Actor: clerk, Note: "x"}, ErrRole},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := started()
			mustApply(t, r, cal, tt.before...)
			n := len(r.Events)
			err := r.Apply(cal, tt.e)
			var re *Error
			if !errors.Is(err, tt.kind) || !errors.As(err, &re) || re.Key == "" {
				t.Fatalf("got %v; want %v with a message", err, tt.kind)
			}
			if len(r.Events) != n || r.Extension != 0 && len(tt.before) == 0 {
				t.Errorf("a refused step changed the request")
			}
		})
	}
}

// BenchmarkLoad replays a history with an extension request and its
// approval, a return and a review pass: what every request page and
// every step does before it acts.
func BenchmarkLoad(b *testing.B) {
	cal := calendar.National()
	r, err := New("2026-001", Event{Action: ActRegister, On: md("2026-03-02"), Actor: clerk,
		Applicant: Applicant{Type: NaturalPerson, Name: "赵某"}, Channel: Internet, Content: "项目清单"})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range []Event{
		{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		{Action: ActConsult, On: md("2026-03-03"), Actor: clerk, Pause: PauseThirdParty},
		{Action: ActConsultAnswered, On: md("2026-03-10"), Actor: clerk},
		{Action: ActRequestExtension, On: md("2026-03-16"), Actor: clerk, Days: 10, Note: "涉及多个科室"},
		{Action: ActExtend, On: md("2026-03-17"), Actor: head},
		{Action: ActDraft, On: md("2026-03-18"), Actor: clerk, Outcome: Granted},
		{Action: ActSubmit, On: md("2026-03-18"), Actor: clerk},
		{Action: ActReturn, On: md("2026-03-19"), Actor: reviewer, Note: "补充依据"},
		{Action: ActDraft, On: md("2026-03-20"), Actor: clerk, Outcome: Granted},
		{Action: ActSubmit, On: md("2026-03-20"), Actor: clerk},
		{Action: ActReview, On: md("2026-03-23"), Actor: reviewer},
		{Action: ActApprove, On: md("2026-03-24"), Actor: head},
		{Action: ActReply, On: md("2026-03-25"), Actor: clerk},
	} {
		if err := r.Apply(cal, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(r.ID, r.Events); err != nil {
			b.Fatal(err)
		}
	}
}
