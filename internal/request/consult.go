package request

import (
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// An Opinion is what a consulted third party (条例第三十二条) or agency
// (第三十四条) answered, recorded with consult_answered. "" is an answer
// recorded before the opinion was asked for: nothing follows from it.
type Opinion string

// The opinions.
const (
	OpinionAgreed   Opinion = "agreed"   // 同意公开
	OpinionObjected Opinion = "objected" // 不同意公开（附理由）
	// OpinionNone: no answer within the 15 working days. 第三十二条: the
	// agency decides under the 条例; 第三十四条: taken as consent.
	OpinionNone Opinion = "none"
)

var opinionLabels = map[Opinion]string{OpinionAgreed: "同意公开", OpinionObjected: "不同意公开", OpinionNone: "逾期未提出意见"}

// Valid reports whether o is a known opinion.
func (o Opinion) Valid() bool { _, ok := opinionLabels[o]; return ok }

// Label returns the opinion's Chinese name, "" for none recorded.
func (o Opinion) Label() string { return opinionLabels[o] }

// Opinions lists the opinions a form offers.
func Opinions() []Opinion { return []Opinion{OpinionAgreed, OpinionObjected, OpinionNone} }

// A Consultation is one consult step with its answer, if any.
type Consultation struct {
	Kind     PauseKind     // third_party (第三十二条) or other_agency (第三十四条)
	Party    string        // whom the 征求意见书 was addressed to
	Sent     calendar.Date // the consult step
	Answered calendar.Date // the consult_answered step; zero while waiting
	Opinion  Opinion
	Note     string // the answer's reasons as recorded
}

// Consultations lists the request's consultations in order.
func (r *Request) Consultations() []Consultation {
	var out []Consultation
	for _, e := range r.Events {
		switch e.Action {
		case ActConsult:
			out = append(out, Consultation{Kind: e.Pause, Party: e.Party, Sent: e.On})
		case ActConsultAnswered:
			if n := len(out); n > 0 && out[n-1].Answered.IsZero() {
				c := &out[n-1]
				c.Answered, c.Opinion, c.Note = e.On, e.Opinion, e.Note
			}
		}
	}
	return out
}

// ThirdPartyConsultation returns the last consultation of a third party
// under 第三十二条, if there was one.
func (r *Request) ThirdPartyConsultation() (Consultation, bool) {
	cs := r.Consultations()
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Kind == PauseThirdParty {
			return cs[i], true
		}
	}
	return Consultation{}, false
}

// Objections returns the third-party consultations answered with an
// objection (第三十二条 "第三方不同意公开"), in order.
func (r *Request) Objections() []Consultation {
	var out []Consultation
	for _, c := range r.Consultations() {
		if c.Kind == PauseThirdParty && c.Opinion == OpinionObjected {
			out = append(out, c)
		}
	}
	return out
}

// checkConsultAnswer: the answer's opinion, when given, is a known one.
func checkConsultAnswer(e Event) error {
	if e.Opinion != "" && !e.Opinion.Valid() {
		return refuse(ErrRule, e.Action, "request.consult_opinion")
	}
	return nil
}

// checkParties applies 条例第三十二条 and 第十五条 to a draft:
//
//   - a third party that agreed to disclosure cannot be the ground of a
//     refusal (第十五条 "第三方同意公开…的，予以公开");
//   - disclosing over a third party's objection is allowed only where the
//     agency holds that withholding would seriously harm the public
//     interest, and the reasons must be stated, because they go to the
//     third party in writing (第三十二条 "将决定公开的政府信息内容和理由
//     书面告知第三方"): a granted draft, or a partially_granted one whose
//     withheld part does not rest on the third party's rights, needs
//     ReplyDetail.Override;
//   - Override without an objection has nobody to be sent to.
func (r *Request) checkParties(e Event) error {
	a, d := e.Action, e.Reply
	tp, consulted := r.ThirdPartyConsultation()
	if e.Outcome == WithheldThirdParty && consulted && tp.Opinion == OpinionAgreed {
		return refuse(ErrRule, a, "request.third_party_agreed", tp.Party)
	}
	objected := len(r.Objections()) > 0
	override := strings.TrimSpace(d.Override) != ""
	if override && !objected {
		return refuse(ErrRule, a, "request.override_no_objection")
	}
	if objected && !override && OverridesObjection(e.Outcome, d.Ground) {
		return refuse(ErrRule, a, "request.override_reason")
	}
	return nil
}

// OverridesObjection reports whether a reply with outcome o (and, for
// partially_granted, the withheld part's ground) discloses what a third
// party objected to: a grant, or a partial grant that does not withhold
// under 第十五条.
func OverridesObjection(o, ground Outcome) bool {
	return o == Granted || o == PartiallyGranted && ground != WithheldThirdParty
}

// consultFindings warns of a third-party refusal drafted without a
// consultation: 条例第三十二条 requires the third party to be asked in
// writing before information that may harm it is decided on.
func (r *Request) consultFindings() []Finding {
	if r.Outcome != WithheldThirdParty {
		return nil
	}
	if _, ok := r.ThirdPartyConsultation(); ok {
		return nil
	}
	return []Finding{{"third-party-not-consulted",
		"拟以“保护第三方合法权益”不予公开，但未书面征求第三方意见（条例第三十二条）。"}}
}
