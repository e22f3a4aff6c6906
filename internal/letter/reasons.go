package letter

import (
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A ReasonsInput is what a 说明理由通知书 says (条例第三十五条).
type ReasonsInput struct {
	Case
	// Why says how the number or frequency of the applicant's requests
	// exceeds a reasonable range, and what the applicant is to explain.
	Why   string
	Until calendar.Date // the last day to give reasons
}

// Reasons writes the 说明理由通知书 of 条例第三十五条: the number or
// frequency of the applicant's requests exceeds a reasonable range, the
// applicant is asked for reasons by the last day, and what the agency may
// do then (不予处理, or a later reply date). It decides nothing and carries
// no remedy sentence (regulation.md §8).
func Reasons(s Settings, m Meta, in ReasonsInput) (*Letter, error) {
	const op = "reasons"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	why := strings.TrimSuffix(strings.TrimSpace(in.Why), "。")
	if why == "" {
		return nil, invalid(op, "letter.reasons_why")
	}
	if !in.Until.After(m.Date) {
		return nil, invalid(op, "letter.reasons_until_early", in.Until, m.Date)
	}
	l := newLetter(s, m, KindReasons, "政府信息公开申请说明理由通知书", in.Applicant)
	l.para("%s已收悉。经审查，%s申请公开政府信息的数量、频次明显超过合理范围：%s。", in.received(), in.you(), why)
	l.para("依照%s（以下简称《条例》）第三十五条的规定，请%s说明申请理由。说明理由的期限%s，请%s在期限内以书面形式向本机关提交。",
		Regulation, in.you(), lastDay(in.Until), in.you())
	l.para("本机关认为申请理由不合理的，将告知%s不予处理；认为申请理由合理，但是无法在《条例》第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知%s。%s逾期未说明理由的，本机关将根据已有材料，依照《条例》第三十五条的规定作出处理。",
		in.you(), in.you(), in.you())
	l.para("特此通知。")
	l.cite("第三十五条")
	return l, nil
}

// A DelayInput is what a 延迟答复告知书 says (条例第三十五条).
type DelayInput struct {
	Case
	ReasonsAsked  calendar.Date // the 说明理由通知书 went out
	ReasonsNumber string        // its 文号, if it has one
	ReasonsGiven  calendar.Date // the applicant's reasons arrived
	Why           string        // why the reply cannot be given within the 第三十三条 period
	OriginalDue   calendar.Date // the due date before the delay
	NewDue        calendar.Date // the reply date the agency set
}

// Delay writes the 延迟答复告知书 of 条例第三十五条: the applicant was asked
// for reasons and gave them, the agency finds them reasonable but cannot
// answer within the period of 第三十三条, and sets a later reply date. Like
// the 延期答复告知书 it decides nothing and carries no remedy sentence.
func Delay(s Settings, m Meta, in DelayInput) (*Letter, error) {
	const op = "delay"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if in.ReasonsAsked.IsZero() || in.ReasonsGiven.IsZero() {
		return nil, invalid(op, "letter.delay_reasons_missing")
	}
	if in.OriginalDue.IsZero() || !in.NewDue.After(in.OriginalDue) {
		return nil, invalid(op, "letter.delay_not_later")
	}
	why := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(in.Why), "但"), "。")
	if why == "" {
		why = "所申请的政府信息数量较大"
	}
	l := newLetter(s, m, KindDelay, "政府信息公开申请延迟答复告知书", in.Applicant)
	ref := "以" + titled("政府信息公开申请说明理由通知书", in.ReasonsNumber)
	l.para("%s已收悉。%s申请公开政府信息的数量、频次明显超过合理范围，本机关于%s%s依照%s（以下简称《条例》）第三十五条的规定要求%s说明理由，%s于%s说明了理由。",
		in.received(), in.you(), in.ReasonsAsked.Chinese(), ref, Regulation, in.you(), in.you(), in.ReasonsGiven.Chinese())
	l.para("经审查，本机关认为%s的申请理由合理，但%s，无法在《条例》第三十三条规定的期限内答复。依照《条例》第三十五条的规定，本机关确定延迟答复的合理期限，答复期限延迟%s。原答复期限为%s。",
		in.you(), why, lastDay(in.NewDue), in.OriginalDue.Chinese())
	l.para("特此告知。")
	l.cite("第三十五条")
	return l, nil
}

// A WithdrawalInput is what a withdrawal confirmation says.
type WithdrawalInput struct {
	Case
	Withdrawn calendar.Date // the day the applicant withdrew the application
}

// Withdrawal writes the 撤回确认书: the applicant withdrew the application
// on the day given and the agency no longer handles it. The 条例 has no
// article on withdrawal; the letter decides nothing and carries no remedy
// sentence (regulation.md §8). The annual report counts the request under
// （六）3 其他.
func Withdrawal(s Settings, m Meta, in WithdrawalInput) (*Letter, error) {
	const op = "withdrawal"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if in.Withdrawn.IsZero() || in.Withdrawn.After(m.Date) {
		return nil, invalid(op, "letter.withdrawn_date")
	}
	l := newLetter(s, m, KindWithdrawal, "政府信息公开申请撤回确认书", in.Applicant)
	l.para("%s已收悉。%s于%s向本机关撤回该申请。", in.received(), in.you(), in.Withdrawn.Chinese())
	l.para("本机关确认：该政府信息公开申请已撤回，本机关不再处理。%s如仍需获取相关政府信息，可以重新提出政府信息公开申请。", in.you())
	l.para("特此确认。")
	return l, nil
}
