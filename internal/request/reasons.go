package request

import "strings"

// 条例第三十五条: 申请人申请公开政府信息的数量、频次明显超过合理范围，
// 行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人
// 不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限
// 内答复申请人的，可以确定延迟答复的合理期限并告知申请人。
//
// So the agency asks first (ask_reasons, with a notice and a period), and
// only then decides: 不予处理 (a draft of rejected_mass_repeated, once the
// applicant has answered or the period has passed) or a later reply date
// (delay, once the applicant has given reasons the agency accepts). The
// text says nothing of the clock while the applicant answers, so gongkai
// does not stop it (regulation.md §7 lists the pauses); the delay is the
// remedy when the 第三十三条 period cannot be kept.

// checkReasons applies the rules of the 第三十五条 steps and of the
// decisions that need them; it returns nil for other actions. These rules
// came after histories were recorded, so Load does not apply them.
func (r *Request) checkReasons(e Event) error {
	a := e.Action
	switch a {
	case ActAskReasons:
		if !r.ReasonsAsked.IsZero() {
			return refuse(ErrRule, a, "request.reasons_asked_twice", r.ReasonsAsked)
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.reasons_note")
		}
		if e.Until.IsZero() || !e.Until.After(e.On) {
			return refuse(ErrRule, a, "request.reasons_period")
		}
	case ActReasonsGiven:
		if r.ReasonsAsked.IsZero() {
			return refuse(ErrRule, a, "request.reasons_not_asked")
		}
		if !r.ReasonsGiven.IsZero() {
			return refuse(ErrRule, a, "request.reasons_already", r.ReasonsGiven)
		}
		if strings.TrimSpace(e.Note) == "" {
			return refuse(ErrRule, a, "request.reasons_text")
		}
	}
	if r.loading {
		return nil
	}
	switch {
	case a == ActDelay && r.ReasonsGiven.IsZero():
		// 延迟答复 only for reasons the agency found reasonable.
		return refuse(ErrRule, a, "request.delay_without_reasons")
	case a == ActDraft && e.Outcome == RejectedMassRepeated:
		if r.ReasonsAsked.IsZero() {
			return refuse(ErrRule, a, "request.mass_without_reasons")
		}
		if r.ReasonsGiven.IsZero() && !e.On.After(r.ReasonsUntil) {
			return refuse(ErrRule, a, "request.reasons_running", r.ReasonsUntil)
		}
	}
	return nil
}

// recordReasons updates the fields of the 第三十五条 steps.
func (r *Request) recordReasons(e Event) {
	switch e.Action {
	case ActAskReasons:
		r.ReasonsAsked, r.ReasonsUntil = e.On, e.Until
	case ActReasonsGiven:
		r.ReasonsGiven = e.On
	}
}
