package request

import (
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

// consulted returns a request in progress whose third party (or other
// agency, kind) answered with opinion.
func consulted(t *testing.T, kind PauseKind, op Opinion) *Request {
	t.Helper()
	r := register(t, "2026-03-02")
	mustApply(t, r, calendar.National(),
		Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActConsult, On: md("2026-03-03"), Actor: clerk, Pause: kind, Party: "宁波某某建设有限公司"},
		Event{Action: ActConsultAnswered, On: md("2026-03-10"), Actor: clerk, Opinion: op, Note: "涉及投标报价，属于商业秘密"},
	)
	return r
}

func draft(o Outcome, note string, d ReplyDetail) Event {
	return Event{Action: ActDraft, On: md("2026-03-12"), Actor: clerk, Outcome: o, Note: note, Reply: d}
}

// TestThirdPartyRules checks the draft rules of 条例第三十二条 and
// 第十五条: each case fails without its rule.
func TestThirdPartyRules(t *testing.T) {
	over := ReplyDetail{Override: "该项目涉及公共资金使用，不公开将对公共利益造成重大影响"}
	cases := []struct {
		name string
		kind PauseKind
		op   Opinion
		e    Event
		key  string // "" = allowed
	}{
		{"refusal after the third party agreed", PauseThirdParty, OpinionAgreed,
			draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}), "request.third_party_agreed"},
		{"refusal after an objection", PauseThirdParty, OpinionObjected,
			draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}), ""},
		{"refusal after no answer", PauseThirdParty, OpinionNone,
			draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}), ""},
		{"grant over an objection without reasons", PauseThirdParty, OpinionObjected,
			draft(Granted, "", ReplyDetail{}), "request.override_reason"},
		{"grant over an objection with reasons", PauseThirdParty, OpinionObjected,
			draft(Granted, "", over), ""},
		{"partial grant withholding the third party's part", PauseThirdParty, OpinionObjected,
			draft(PartiallyGranted, "报价部分属于商业秘密", ReplyDetail{Withheld: "投标报价", Ground: WithheldThirdParty}), ""},
		{"partial grant on another ground without reasons", PauseThirdParty, OpinionObjected,
			draft(PartiallyGranted, "内部流程", ReplyDetail{Withheld: "审批流转单", Ground: WithheldInternalAffairs}), "request.override_reason"},
		{"override without an objection", PauseThirdParty, OpinionAgreed,
			draft(Granted, "", over), "request.override_no_objection"},
		{"another agency's objection is not a third party's", PauseOtherAgency, OpinionObjected,
			draft(Granted, "", ReplyDetail{}), ""},
		{"grant after consent", PauseThirdParty, OpinionAgreed, draft(Granted, "", ReplyDetail{}), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := consulted(t, c.kind, c.op)
			c.e.Reply = c.e.Reply.For(c.e.Outcome)
			err := r.Apply(calendar.National(), c.e)
			var re *Error
			switch {
			case c.key == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.key != "" && (!errors.As(err, &re) || re.Key != c.key):
				t.Fatalf("got %v; want %s", err, c.key)
			}
		})
	}
}

func TestConsultOpinion(t *testing.T) {
	r := register(t, "2026-03-02")
	mustApply(t, r, nil,
		Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		Event{Action: ActConsult, On: md("2026-03-03"), Actor: clerk, Pause: PauseThirdParty, Party: "甲公司"})
	err := r.Apply(nil, Event{Action: ActConsultAnswered, On: md("2026-03-05"), Actor: clerk, Opinion: "maybe"})
	var re *Error
	if !errors.As(err, &re) || re.Key != "request.consult_opinion" {
		t.Fatalf("unknown opinion: %v", err)
	}
	mustApply(t, r, nil, Event{Action: ActConsultAnswered, On: md("2026-03-05"), Actor: clerk, Opinion: OpinionObjected})
	cs := r.Consultations()
	if len(cs) != 1 || cs[0].Party != "甲公司" || cs[0].Answered != md("2026-03-05") || cs[0].Opinion != OpinionObjected {
		t.Fatalf("consultations: %+v", cs)
	}
	if len(r.Objections()) != 1 {
		t.Errorf("objections: %+v", r.Objections())
	}
}

// TestNotConsultedFinding: a third-party refusal drafted without a
// consultation is flagged (条例第三十二条), and not once a consultation is
// on record.
func TestNotConsultedFinding(t *testing.T) {
	cal := calendar.National()
	has := func(r *Request) bool {
		for _, f := range r.Findings(cal, md("2026-03-12")) {
			if f.ID == "third-party-not-consulted" {
				return true
			}
		}
		return false
	}
	r := register(t, "2026-03-02")
	mustApply(t, r, cal, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk},
		draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}))
	if !has(r) {
		t.Errorf("no warning for a third-party refusal without a consultation")
	}
	r = consulted(t, PauseThirdParty, OpinionObjected)
	mustApply(t, r, cal, draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}))
	if has(r) {
		t.Errorf("warning although the third party was consulted")
	}
	r = consulted(t, PauseOtherAgency, OpinionObjected)
	mustApply(t, r, cal, draft(WithheldThirdParty, "涉及商业秘密", ReplyDetail{}))
	if !has(r) {
		t.Errorf("a 第三十四条 consultation of another agency is not one of the third party")
	}
}
