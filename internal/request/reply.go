package request

import (
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A ReplyDetail is what a drafted reply says besides its reasons (the
// draft event's Note): the details the letter of some outcomes needs
// (regulation.md §8). Fields an outcome does not use stay empty.
type ReplyDetail struct {
	// Withheld is the part of a partially_granted reply not disclosed
	// (条例第三十七条) and Ground the withheld_* outcome it is withheld
	// under (the 第十四/十五/十六条 item): both required.
	Withheld string
	Ground   Outcome
	// NotResponsible: unavailable_not_held because the information is not
	// this agency's to disclose (第三十六条第（五）项), not because a search
	// found nothing (（四）). OtherAgency and OtherContact name the agency
	// responsible and how to reach it, both or neither (（五）: "能够确定
	// 负责公开该政府信息的行政机关的").
	NotResponsible bool
	OtherAgency    string
	OtherContact   string
	// Law is the law and article relied on where the ground is "another
	// law forbids it" (第十四条) or a 行政查询 referral (第三十六条第（七）项).
	Law string
	// Published: granted under 第三十六条第（一）项 (已主动公开); Where is the
	// route to it, and the route to a publication (第三十九条第二款).
	Published bool
	Where     string
	// PriorDate and PriorNumber are the date and 文号 of the earlier reply
	// to the same applicant for the same information (第三十六条第（六）项).
	PriorDate   calendar.Date
	PriorNumber string
	// Override is why the agency discloses over a third party's
	// objection: withholding would seriously harm the public interest
	// (条例第三十二条). It goes to the third party in the 决定公开告知书.
	Override string `json:",omitempty"`
}

// For returns the details outcome o's letter uses, trimmed; the rest is
// dropped (a form sends every field).
func (d ReplyDetail) For(o Outcome) ReplyDetail {
	t := strings.TrimSpace
	var out ReplyDetail
	if OverridesObjection(o, d.Ground) {
		out.Override = t(d.Override)
	}
	switch o {
	case PartiallyGranted:
		out.Withheld, out.Ground = t(d.Withheld), d.Ground
		if d.Ground == WithheldProhibitedByLaw {
			out.Law = t(d.Law)
		}
	case WithheldProhibitedByLaw, WithheldAdministrativeQuery:
		out.Law = t(d.Law)
	case UnavailableNotHeld:
		if d.NotResponsible {
			out.NotResponsible, out.OtherAgency, out.OtherContact = true, t(d.OtherAgency), t(d.OtherContact)
		}
	case Granted:
		if d.Published {
			out.Published, out.Where = true, t(d.Where)
		}
	case RejectedPublication:
		out.Where = t(d.Where)
	case RejectedDuplicate:
		out.PriorDate, out.PriorNumber = d.PriorDate, t(d.PriorNumber)
	}
	return out
}

// checkReply applies the rules of a drafted reply's details: 部分公开
// names its withheld part, ground and reasons (第三十七条: "对不予公开的
// 内容说明理由"); 第三十六条第（五）项 states its reasons, and the other
// agency's name and contact come together.
func checkReply(e Event) error {
	a, d := e.Action, e.Reply
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	// 第三十六条第（三）项: a 不予公开 states its reasons.
	if isExemption(e.Outcome) && blank(e.Note) {
		return refuse(ErrRule, a, "request.withheld_reason")
	}
	needsLaw := e.Outcome == WithheldProhibitedByLaw || e.Outcome == WithheldAdministrativeQuery ||
		e.Outcome == PartiallyGranted && d.Ground == WithheldProhibitedByLaw
	if needsLaw && blank(d.Law) {
		return refuse(ErrRule, a, "request.law_required")
	}
	switch e.Outcome {
	case Granted:
		if d.Published && blank(d.Where) {
			return refuse(ErrRule, a, "request.published_where")
		}
	case RejectedPublication:
		if blank(d.Where) {
			return refuse(ErrRule, a, "request.publication_where")
		}
	case RejectedDuplicate:
		if d.PriorDate.IsZero() || blank(d.PriorNumber) {
			return refuse(ErrRule, a, "request.prior_reply")
		}
	case PartiallyGranted:
		if strings.TrimSpace(d.Withheld) == "" {
			return refuse(ErrRule, a, "request.partial_withheld")
		}
		if !isExemption(d.Ground) {
			return refuse(ErrRule, a, "request.partial_ground")
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.partial_reason")
		}
	case UnavailableNotHeld:
		if !d.NotResponsible {
			if d.OtherAgency != "" || d.OtherContact != "" {
				return refuse(ErrRule, a, "request.not_held_other_agency")
			}
			break
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.not_ours_reason")
		}
		if (strings.TrimSpace(d.OtherAgency) == "") != (strings.TrimSpace(d.OtherContact) == "") {
			return refuse(ErrRule, a, "request.other_agency_pair")
		}
	}
	return nil
}

// isExemption reports whether o is a ground a withheld part can rest on:
// a withheld_* outcome of 第十四、十五、十六条 (行政查询 is a referral under
// 第三十六条第（七）项, not an exemption).
func isExemption(o Outcome) bool {
	return strings.HasPrefix(string(o), "withheld_") && o != WithheldAdministrativeQuery && o.Valid()
}
