package letter

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// A ReplyInput is what a reply letter (答复告知书) says: the outcome and the
// details that outcome needs. Fields an outcome does not use are ignored.
type ReplyInput struct {
	Case
	Outcome request.Outcome

	// Published: granted information that was already published
	// (第三十六条第（一）项); Where says where to find it. Otherwise it is
	// provided now (第（二）项): Provided says how, Attachments lists it.
	Published   bool
	Where       string // where to find it: published, or a publication's source (第三十九条第二款)
	Provided    string // how the information is provided, e.g. 以电子邮件方式发送
	Attachments []string

	Reason   string          // the agency's reasons in its own words
	Withheld string          // partially_granted: the part withheld
	Ground   request.Outcome // partially_granted: the withheld_* ground of the withheld part, if one
	Law      string          // the law that forbids disclosure or sets a special procedure

	// Consulted: withheld_third_party after the third party was asked in
	// writing under 第三十二条, on ConsultedOn (if known), with Opinion its
	// answer ("" when not recorded).
	Consulted   bool
	ConsultedOn calendar.Date
	Opinion     request.Opinion

	// NotResponsible: unavailable_not_held because another agency is
	// responsible (第三十六条第（五）项), not because nothing was found (（四）).
	NotResponsible bool
	OtherAgency    string // the agency responsible, if known
	OtherContact   string // its contact details

	PriorReply string // rejected_duplicate: the earlier reply, e.g. 2026年3月2日北司公开〔2026〕3号
	Route      string // rejected_petition: the channel for 信访、投诉、举报

	CorrectionAsked  calendar.Date // other_no_correction, unavailable_unclear: the 补正 notice date
	CorrectionUntil  calendar.Date // other_no_correction: the end of the correction period
	CorrectionNumber string        // other_no_correction: the 补正告知书's 文号, if it has one
	FeeNotified      calendar.Date // other_fee_unpaid: the fee notice date
	FeeYuan          int           // other_fee_unpaid: the amount notified
	FeeNumber        string        // other_fee_unpaid: the 收费通知书's 文号, if it has one
	FeeDelivered     calendar.Date // other_fee_unpaid: the day the notice reached the applicant
	FeeUntil         calendar.Date // other_fee_unpaid: the last day to pay (20 working days after FeeDelivered)

	// rejected_mass_repeated (条例第三十五条): the 说明理由通知书 (date,
	// 文号, period) and the applicant's answer, if one came.
	ReasonsAsked  calendar.Date
	ReasonsNumber string
	ReasonsUntil  calendar.Date
	ReasonsGiven  calendar.Date
	ReasonsAnswer string
}

// Reply writes the reply letter of an outcome, titled as request names the
// outcome's letter, citing the outcome's articles (see Citations) and
// ending with the remedy sentence of the outcome (regulation.md §8).
func Reply(s Settings, m Meta, in ReplyInput) (*Letter, error) {
	const op = "reply"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if _, ok := in.Outcome.Info(); !ok {
		return nil, invalid(op, "letter.outcome_unknown", in.Outcome)
	}
	w, ok := replies[in.Outcome]
	if !ok { // every outcome has an entry; TestReplyEveryOutcome checks it
		return nil, invalid(op, "letter.outcome_no_reply", in.Outcome)
	}
	if in.Outcome == request.PartiallyGranted && in.Ground != "" && !strings.HasPrefix(string(in.Ground), "withheld_") {
		return nil, invalid(op, "letter.partial_ground", in.Ground)
	}
	l := newLetter(s, m, KindReply, ReplyTitle(in.Outcome, in.NotResponsible), in.Applicant)
	l.Outcome = in.Outcome
	// A request the applicant gave up (逾期不补正, 逾期未缴费) gets no 答复:
	// the letter tells (告知), it does not answer.
	how := "答复"
	if info, _ := in.Outcome.Info(); !info.Reply {
		how = "告知"
	}
	l.para("%s已收悉。%s申请公开的政府信息为：%s。依照%s（以下简称《条例》）的规定，现%s如下：",
		in.received(), in.you(), content(in.Content), Regulation, how)
	if err := w(l, &in); err != nil {
		return nil, fmt.Errorf("letter: %s %s: %w", op, in.Outcome, err)
	}
	l.Citations = Citations(in)
	rem, err := s.remedy(op, in.Outcome, "本告知书")
	if err != nil {
		return nil, err
	}
	l.para("%s", rem)
	return l, nil
}

// ReplyTitle is the title of the reply letter of outcome o: request's
// letter label, except where regulation.md §8 names the letter —
// 第三十六条第（四）项 政府信息不存在告知书, （五） (notResponsible)
// 非本机关政府信息告知书, and the 行政查询 referral (第（七）项)
// 政府信息公开申请告知书.
func ReplyTitle(o request.Outcome, notResponsible bool) string {
	switch {
	case o == request.UnavailableNotHeld && notResponsible:
		return "非本机关政府信息告知书"
	case o == request.UnavailableNotHeld:
		return "政府信息不存在告知书"
	case o == request.WithheldAdministrativeQuery:
		return "政府信息公开申请告知书"
	}
	info, _ := o.Info()
	return info.Letter.LetterLabel()
}

// content is the information asked for, or a placeholder.
func content(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "。")
	if s == "" {
		return "（见申请书）"
	}
	return s
}

// reason is the agency's reason as a sentence, or "".
func (in *ReplyInput) reason() string {
	r := strings.TrimSpace(in.Reason)
	if r == "" {
		return ""
	}
	if !strings.HasSuffix(r, "。") {
		r += "。"
	}
	return r
}

// Citations returns the articles a reply letter for in.Outcome cites, in
// the order the letter cites them, with in's variant (granted: published
// or not; unavailable_not_held: another agency responsible or not;
// partially_granted: the ground of the withheld part). It returns nil for
// other_other, whose letter gives the agency's own reasons, and for an
// unknown outcome.
func Citations(in ReplyInput) []string {
	switch in.Outcome {
	case request.Granted:
		if in.Published {
			return []string{"第三十六条第（一）项"}
		}
		return []string{"第三十六条第（二）项"}
	case request.PartiallyGranted:
		c := []string{"第三十七条", "第三十六条第（三）项"}
		if in.Ground != in.Outcome && in.Ground != "" {
			if g := Citations(ReplyInput{Outcome: in.Ground}); len(g) > 1 {
				c = append(c, g[0])
			}
		}
		return c
	case request.WithheldStateSecret, request.WithheldProhibitedByLaw, request.WithheldSecurityStability:
		return []string{"第十四条", "第三十六条第（三）项"}
	case request.WithheldThirdParty:
		if in.Consulted {
			return []string{"第十五条", "第三十二条", "第三十六条第（三）项"}
		}
		return []string{"第十五条", "第三十六条第（三）项"}
	case request.WithheldInternalAffairs:
		return []string{"第十六条第一款", "第三十六条第（三）项"}
	case request.WithheldProcessInfo, request.WithheldEnforcementFile:
		return []string{"第十六条第二款", "第三十六条第（三）项"}
	case request.WithheldAdministrativeQuery:
		return []string{"第三十六条第（七）项"}
	case request.UnavailableNotHeld:
		if in.NotResponsible {
			return []string{"第三十六条第（五）项"}
		}
		return []string{"第三十六条第（四）项"}
	case request.UnavailableNeedsCreation:
		return []string{"第三十八条"}
	case request.UnavailableUnclear:
		return []string{"第三十条", "第二十九条第二款第（二）项"}
	case request.RejectedPetition:
		return []string{"第三十九条第一款"}
	case request.RejectedDuplicate:
		return []string{"第三十六条第（六）项"}
	case request.RejectedPublication:
		return []string{"第三十九条第二款"}
	case request.RejectedMassRepeated:
		return []string{"第三十五条"}
	case request.RejectedReconfirm:
		return []string{"第二条", "第三十八条"}
	case request.OtherNoCorrection:
		return []string{"第三十条"}
	case request.OtherFeeUnpaid:
		return []string{"第四十二条", "国办函〔2020〕109号"}
	}
	return nil
}
