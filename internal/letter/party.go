package letter

import (
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// The letters to others than the applicant, besides the 征求第三方意见书.
const (
	// KindDisclosure is the 决定公开告知书 to a third party whose objection
	// the agency overrides (条例第三十二条).
	KindDisclosure Kind = "disclosure"
	// KindOtherAgency is the 征求意见函 to another agency that made the
	// information jointly (条例第三十四条).
	KindOtherAgency Kind = "other_agency"
)

// A DisclosureInput is what a 决定公开告知书 says. The applicant is not
// named to the third party.
type DisclosureInput struct {
	Case
	ThirdParty string        // the addressee: every party that objected
	Consulted  calendar.Date // the 征求意见书 went out
	Objected   calendar.Date // the objection arrived
	// Information is what will be disclosed: the content asked for, or
	// for 部分公开 the part provided.
	Information string
	// Reason is why withholding would seriously harm the public interest.
	Reason string
}

// Disclosure writes the 决定公开告知书 of 条例第三十二条: the third party
// objected, but the agency holds that withholding would seriously harm
// the public interest and discloses; it tells the third party in writing
// what it will disclose and why, and (regulation.md §8) where the third
// party may challenge the decision — 复议 within sixty days or suit
// within six months: for the third party it is not a 不予公开, so no
// 复议前置.
func Disclosure(s Settings, m Meta, in DisclosureInput) (*Letter, error) {
	const op = "disclosure"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	party, info, why := strings.TrimSpace(in.ThirdParty), info(in.Information, in.Content), strings.TrimSpace(in.Reason)
	switch {
	case party == "":
		return nil, invalid(op, "letter.third_party_missing")
	case info == "":
		return nil, invalid(op, "letter.third_party_info")
	case why == "":
		return nil, invalid(op, "letter.disclosure_reason")
	case in.Consulted.IsZero() || in.Objected.Before(in.Consulted) || m.Date.Before(in.Objected):
		return nil, invalid(op, "letter.disclosure_dates")
	}
	l := newLetter(s, m, KindDisclosure, "政府信息决定公开告知书", party)
	l.para("本机关于%s收到一份政府信息公开申请（登记号：%s），申请公开的政府信息为：%s。本机关于%s依照%s（以下简称《条例》）第三十二条的规定书面征求你方意见，你方于%s提出不同意公开的意见。",
		in.Received.Chinese(), in.TrackingNo, content(in.Content), in.Consulted.Chinese(), Regulation, in.Objected.Chinese())
	l.para("经审查，本机关认为不公开该政府信息可能对公共利益造成重大影响，理由如下：%s依照《条例》第十五条、第三十二条的规定，本机关决定予以公开。",
		sentence(why))
	l.para("决定公开的政府信息内容为：%s。", info)
	l.para("特此告知。")
	rem, err := s.remedy(op, "", "本告知书")
	if err != nil {
		return nil, err
	}
	l.para("%s", rem)
	l.cite("第十五条", "第三十二条")
	return l, nil
}

// An OtherAgencyInput is what a 征求意见函 to another agency says.
type OtherAgencyInput struct {
	Case
	Agency      string        // the addressee
	Information string        // what may be disclosed; the content asked for if empty
	Until       calendar.Date // optional: the last day to answer
}

// OtherAgencyWorkdays is the time a consulted agency has to answer
// (条例第三十四条).
const OtherAgencyWorkdays = 15

// OtherAgency writes the 征求意见函 of 条例第三十四条: the agency that led
// the making of the information asks the agency that made it with it; that
// agency answers within 15 working days of receipt, and silence is taken
// as consent. It decides nothing, so it has no remedy sentence.
func OtherAgency(s Settings, m Meta, in OtherAgencyInput) (*Letter, error) {
	const op = "other agency"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	agency, info := strings.TrimSpace(in.Agency), info(in.Information, in.Content)
	if agency == "" {
		return nil, invalid(op, "letter.other_agency_missing")
	}
	if info == "" {
		return nil, invalid(op, "letter.third_party_info")
	}
	if !in.Until.IsZero() && !in.Until.After(m.Date) {
		return nil, invalid(op, "letter.third_party_until_early", in.Until, m.Date)
	}
	l := newLetter(s, m, KindOtherAgency, "政府信息公开征求意见函", agency)
	l.para("本机关于%s收到一份政府信息公开申请（登记号：%s），申请公开的政府信息为：%s。该政府信息由本机关牵头，与贵机关共同制作。依照%s（以下简称《条例》）第三十四条的规定，现征求贵机关对公开该政府信息的意见。",
		in.Received.Chinese(), in.TrackingNo, info, Regulation)
	until := ""
	if !in.Until.IsZero() {
		until = "，即" + lastDay(in.Until)
	}
	l.para("请贵机关自收到本函之日起%d个工作日内%s，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由和依据。", OtherAgencyWorkdays, until)
	l.para("依照《条例》第三十四条的规定，贵机关逾期未提出意见的，视为同意公开。")
	l.para("附：意见回执")
	l.Body = append(l.Body, Block{Kind: Table, Rows: [][]string{
		{"事项", "被征求意见机关填写"},
		{"是否同意公开", "□ 同意公开　□ 不同意公开"},
		{"理由和依据", ""},
		{"经办人", ""},
		{"机关（盖章）", ""},
		{"日期", "______年____月____日"},
	}})
	l.cite("第三十四条")
	return l, nil
}

// info is what a letter to a party says may be disclosed: given, or the
// content asked for; without the final 。.
func info(given, asked string) string {
	s := strings.TrimSpace(given)
	if s == "" {
		s = strings.TrimSpace(asked)
	}
	return strings.TrimSuffix(s, "。")
}

// sentence ends s with 。.
func sentence(s string) string {
	if s = strings.TrimSpace(s); s != "" && !strings.HasSuffix(s, "。") {
		s += "。"
	}
	return s
}

// consultedSentence is what a 不予公开 letter on a third party's rights
// (第十五条) says of the 第三十二条 consultation, by the party's answer.
func consultedSentence(on calendar.Date, op request.Opinion) string {
	when := ""
	if !on.IsZero() {
		when = "于" + on.Chinese()
	}
	asked := "本机关已" + when + "依照《条例》第三十二条的规定书面征求第三方意见"
	switch op {
	case request.OpinionObjected:
		return asked + "，第三方不同意公开且理由合理。"
	case request.OpinionNone:
		return asked + "，第三方在规定期限内未提出意见，本机关依照《条例》的规定作出决定。"
	}
	return asked + "。"
}
