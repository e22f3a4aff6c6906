package request

import "strings"

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
}

// checkReply applies the rules of a drafted reply's details: 部分公开
// names its withheld part, ground and reasons (第三十七条: "对不予公开的
// 内容说明理由"); 第三十六条第（五）项 states its reasons, and the other
// agency's name and contact come together.
func checkReply(e Event) error {
	a, d := e.Action, e.Reply
	switch e.Outcome {
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
