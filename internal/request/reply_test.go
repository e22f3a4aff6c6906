package request

import (
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

// TestDraftReplyDetails: a 部分公开 draft names its withheld part, its
// ground (第十四/十五/十六条) and reasons (条例第三十七条); a
// 第三十六条第（五）项 draft gives reasons and the other agency's name and
// contact together; （四） names no other agency.
func TestDraftReplyDetails(t *testing.T) {
	part := ReplyDetail{Withheld: "住址栏", Ground: WithheldThirdParty}
	tests := []struct {
		name    string
		outcome Outcome
		note    string
		d       ReplyDetail
		key     string // "" ok
	}{
		{"partial complete", PartiallyGranted, "涉及个人隐私", part, ""},
		{"partial without the part", PartiallyGranted, "涉及个人隐私", ReplyDetail{Ground: WithheldThirdParty}, "request.partial_withheld"},
		{"partial without a ground", PartiallyGranted, "涉及个人隐私", ReplyDetail{Withheld: "住址栏"}, "request.partial_ground"},
		{"partial on 行政查询", PartiallyGranted, "x", ReplyDetail{Withheld: "住址栏", Ground: WithheldAdministrativeQuery}, "request.partial_ground"},
		{"partial on a non-withheld ground", PartiallyGranted, "x", ReplyDetail{Withheld: "住址栏", Ground: Granted}, "request.partial_ground"},
		{"partial without reasons", PartiallyGranted, " ", part, "request.partial_reason"},
		{"not held (四)", UnavailableNotHeld, "", ReplyDetail{}, ""},
		{"(四) naming an agency", UnavailableNotHeld, "", ReplyDetail{OtherAgency: "区政府办"}, "request.not_held_other_agency"},
		{"(五) with both", UnavailableNotHeld, "由区政府制作", ReplyDetail{NotResponsible: true, OtherAgency: "区政府办", OtherContact: "0574-1"}, ""},
		{"(五) with neither", UnavailableNotHeld, "由上级机关制作", ReplyDetail{NotResponsible: true}, ""},
		{"(五) name without contact", UnavailableNotHeld, "x", ReplyDetail{NotResponsible: true, OtherAgency: "区政府办"}, "request.other_agency_pair"},
		{"(五) contact without name", UnavailableNotHeld, "x", ReplyDetail{NotResponsible: true, OtherContact: "0574-1"}, "request.other_agency_pair"},
		{"(五) without reasons", UnavailableNotHeld, "", ReplyDetail{NotResponsible: true}, "request.not_ours_reason"},
		{"withheld without reasons", WithheldInternalAffairs, " ", ReplyDetail{}, "request.withheld_reason"},
		{"withheld with reasons", WithheldInternalAffairs, "内部考核流程", ReplyDetail{}, ""},
		{"other law without the law", WithheldProhibitedByLaw, "x", ReplyDetail{}, "request.law_required"},
		{"other law with it", WithheldProhibitedByLaw, "x", ReplyDetail{Law: "《统计法》第三十九条"}, ""},
		{"query without the law", WithheldAdministrativeQuery, "", ReplyDetail{}, "request.law_required"},
		{"partial on another law without it", PartiallyGranted, "x", ReplyDetail{Withheld: "y", Ground: WithheldProhibitedByLaw}, "request.law_required"},
		{"published without the route", Granted, "", ReplyDetail{Published: true}, "request.published_where"},
		{"granted (二)", Granted, "", ReplyDetail{}, ""},
		{"publication without the route", RejectedPublication, "", ReplyDetail{}, "request.publication_where"},
		{"duplicate without the earlier reply", RejectedDuplicate, "", ReplyDetail{PriorNumber: "北司公开〔2026〕3号"}, "request.prior_reply"},
		{"duplicate complete", RejectedDuplicate, "", ReplyDetail{PriorDate: md("2026-01-05"), PriorNumber: "北司公开〔2026〕3号"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := register(t, "2026-02-02")
			mustApply(t, r, calendar.National(), Event{Action: ActStart, On: md("2026-02-03"), Actor: clerk})
			err := r.Apply(calendar.National(), Event{Action: ActDraft, On: md("2026-02-04"), Actor: clerk, Outcome: tc.outcome, Note: tc.note, Reply: tc.d})
			var re *Error
			switch {
			case tc.key == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.key != "" && (!errors.As(err, &re) || re.Key != tc.key):
				t.Errorf("err = %v; want %s", err, tc.key)
			}
		})
	}
}
