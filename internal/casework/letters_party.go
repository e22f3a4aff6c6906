package casework

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// toParty reports whether letter kind goes to a consulted party, never to
// the applicant: the 征求第三方意见书 and the 决定公开告知书 (条例第三十二条)
// and the 征求意见函 to another agency (第三十四条).
func toParty(kind letter.Kind) bool {
	switch kind {
	case letter.KindThirdParty, letter.KindDisclosure, letter.KindOtherAgency:
		return true
	}
	return false
}

// sendsParty refines which step sends a letter: a consultation sends the
// 征求第三方意见书 when it asks a third party (第三十二条) and the 征求意见函
// when it asks another agency (第三十四条).
func sendsParty(kind letter.Kind, e request.Event) bool {
	switch kind {
	case letter.KindThirdParty:
		return e.Pause == request.PauseThirdParty
	case letter.KindOtherAgency:
		return e.Pause == request.PauseOtherAgency
	}
	return true
}

// overridden reports whether the last draft of evs discloses over a third
// party's objection (request.ReplyDetail.Override; package request refuses
// one without an objection): the reply then sends a 决定公开告知书.
func overridden(evs []request.Event) bool {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == request.ActDraft {
			return strings.TrimSpace(evs[i].Reply.Override) != ""
		}
	}
	return false
}

// consulted fills in what a 第十五条 refusal says of the third party's
// consultation (条例第三十二条): whether it was asked, when, and its answer.
func consulted(tracking string, evs []request.Event, in *letter.ReplyInput) error {
	r, err := request.Load(tracking, evs)
	if err != nil {
		return fmt.Errorf("casework: letter %s: %w", tracking, err)
	}
	if c, ok := r.ThirdPartyConsultation(); ok {
		in.Consulted, in.ConsultedOn, in.Opinion = true, c.Sent, c.Opinion
	}
	return nil
}

// disclosureLetter writes the 决定公开告知书 of the request whose history up
// to the letter's step is evs: to every third party that objected, with the
// draft's reasons (条例第三十二条: "将决定公开的政府信息内容和理由书面告知
// 第三方").
func disclosureLetter(tracking string, c letter.Case, evs []request.Event, s letter.Settings, m letter.Meta) (*letter.Letter, error) {
	r, err := request.Load(tracking, evs)
	if err != nil {
		return nil, fmt.Errorf("casework: letter %s: %w", tracking, err)
	}
	obj := r.Objections()
	var draft *request.Event
	for i := range evs {
		if evs[i].Action == request.ActDraft {
			draft = &evs[i]
		}
	}
	if len(obj) == 0 || draft == nil {
		return nil, errNoLetter
	}
	var parties []string
	for _, o := range obj {
		if p := strings.TrimSpace(o.Party); p != "" && !contains(parties, p) {
			parties = append(parties, p)
		}
	}
	info := strings.TrimSuffix(strings.TrimSpace(c.Content), "。")
	if draft.Outcome == request.PartiallyGranted && draft.Reply.Withheld != "" {
		info += "（其中" + strings.TrimSuffix(draft.Reply.Withheld, "。") + "不予公开）"
	}
	return letter.Disclosure(s, m, letter.DisclosureInput{Case: c, ThirdParty: strings.Join(parties, "、"),
		Consulted: obj[0].Sent, Objected: obj[len(obj)-1].Answered, Information: info, Reason: draft.Reply.Override})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
