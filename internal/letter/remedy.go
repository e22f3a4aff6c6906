package letter

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/request"
)

// Remedies are where an agency's decisions are challenged, set per agency
// (regulation.md §8): the 复议机关 (《行政复议法》2023 第二十四条: for a
// department of a county-level government, that government; 第二十七条:
// vertically managed bodies go to the next higher body of their system),
// the competent court (many cities centralise 行政案件), and the outcomes
// that must go to 行政复议 first (第二十三条第一款第（四）项).
type Remedies struct {
	ReviewBody string // 复议机关, e.g. 宁波市北仑区人民政府
	Court      string // the court the agency is sued in
	// ReviewFirst are the 复议前置 outcomes when Custom is set; otherwise
	// DefaultReviewFirst applies.
	ReviewFirst []request.Outcome
	Custom      bool
}

// DefaultReviewFirst returns the 复议前置 outcomes by default (regulation.md
// §8): partially_granted, for its withheld part, and every withheld_*
// outcome — "申请政府信息公开，行政机关不予公开" (《行政复议法》第二十三条
// 第一款第（四）项).
func DefaultReviewFirst() []request.Outcome {
	out := []request.Outcome{request.PartiallyGranted}
	for _, o := range request.Outcomes() {
		if strings.HasPrefix(string(o.ID), "withheld_") {
			out = append(out, o.ID)
		}
	}
	return out
}

// ReviewFirstSet returns the outcomes that are 复议前置 under r.
func (r Remedies) ReviewFirstSet() []request.Outcome {
	if !r.Custom {
		return DefaultReviewFirst()
	}
	return r.ReviewFirst
}

// IsReviewFirst reports whether outcome o must go to 行政复议 first.
func (r Remedies) IsReviewFirst(o request.Outcome) bool {
	return slices.Contains(r.ReviewFirstSet(), o)
}

// remedy returns the sentence that ends a deciding letter (regulation.md
// §8), which calls itself self (本告知书, 本通知). A letter that decides a
// 复议前置 outcome says that 复议 comes first and names the 复议机关
// (《行政复议法》第二十条第三款: without the body named the 60 days do not
// start; 第二十三条第二款: the agency must say 复议 comes first), then the
// 15 days to sue after the 复议决定 (《行政诉讼法》第四十五条). Every other
// deciding letter offers 复议 within 60 days or suit in the court within
// six months (《行政诉讼法》第四十六条), both from receipt. o is "" for a
// letter that decides no outcome (a fee notice). A missing setting is an
// error: the letter cannot be issued without it.
func (s Settings) remedy(op string, o request.Outcome, self string) (string, error) {
	body, court := strings.TrimSpace(s.Remedies.ReviewBody), strings.TrimSpace(s.Remedies.Court)
	if body == "" {
		return "", invalid(op, "letter.remedy_missing", apperr.Key("letter.field.review_body"))
	}
	if o != "" && s.Remedies.IsReviewFirst(o) {
		return "依照《中华人民共和国行政复议法》第二十三条的规定，如对" + self + "不服，应当先申请行政复议：可以自收到" + self +
			"之日起六十日内向" + body + "申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。", nil
	}
	if court == "" {
		return "", invalid(op, "letter.remedy_missing", apperr.Key("letter.field.court"))
	}
	return "如对" + self + "不服，可以自收到" + self + "之日起六十日内向" + body + "申请行政复议，或者自收到" + self +
		"之日起六个月内向" + court + "提起行政诉讼。", nil
}
