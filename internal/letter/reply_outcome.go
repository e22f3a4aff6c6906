package letter

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/request"
)

// A replyWriter writes the answer of one outcome into a reply letter,
// between the opening paragraph and the remedy sentence.
type replyWriter func(l *Letter, in *ReplyInput) error

// missing is an input error for a detail an outcome's letter needs.
func missing(what string) error {
	return apperr.New(apperr.Invalid, "letter.reply_missing", apperr.Key(what))
}

// replies holds the answer of every outcome. The articles follow
// regulation.md §2; where it marks a mapping DERIVED or UNCONFIRMED, the
// comment says so. Citations lists the same articles for each outcome.
var replies = map[request.Outcome]replyWriter{
	// 第三十六条第（一）项 (already published) or 第（二）项 (provided now).
	request.Granted: func(l *Letter, in *ReplyInput) error {
		if in.Published {
			if strings.TrimSpace(in.Where) == "" {
				return missing("letter.field.public_how")
			}
			l.para("%s申请公开的政府信息本机关已经主动公开。根据《条例》第三十六条第（一）项的规定，现告知%s获取该政府信息的方式、途径：%s。%s",
				in.you(), in.you(), strings.TrimSuffix(in.Where, "。"), in.reason())
			return nil
		}
		how := "随本告知书一并提供"
		if p := strings.TrimSpace(in.Provided); p != "" {
			how = strings.TrimSuffix(p, "。")
		}
		l.para("经审查，%s申请公开的政府信息属于可以公开的政府信息。根据《条例》第三十六条第（二）项的规定，本机关予以公开，该政府信息%s。%s",
			in.you(), how, in.reason())
		attachments(l, in.Attachments)
		return nil
	},
	// 第三十七条: the part that can be disclosed is provided; the rest is
	// withheld under 第三十六条第（三）项 with reasons.
	request.PartiallyGranted: func(l *Letter, in *ReplyInput) error {
		if strings.TrimSpace(in.Withheld) == "" {
			return missing("letter.field.withheld_part")
		}
		if in.reason() == "" {
			return missing("letter.field.withheld_reason")
		}
		how := "随本告知书一并提供"
		if p := strings.TrimSpace(in.Provided); p != "" {
			how = strings.TrimSuffix(p, "。")
		}
		l.para("经审查，%s申请公开的政府信息中含有不应当公开的内容（%s），但能够作区分处理。根据《条例》第三十七条的规定，本机关向%s提供可以公开的政府信息内容，该部分内容%s。",
			in.you(), strings.TrimSuffix(in.Withheld, "。"), in.you(), how)
		basis := "《条例》第三十六条第（三）项"
		if c := Citations(*in); len(c) > 2 {
			basis = "《条例》" + c[2] + "、第三十六条第（三）项"
		}
		if in.Ground == request.WithheldProhibitedByLaw {
			law := strings.TrimSuffix(strings.TrimSpace(in.Law), "。")
			if law == "" {
				return missing("letter.field.law")
			}
			basis = law + "和" + basis
		}
		l.para("对不予公开的部分，根据%s的规定，本机关不予公开。理由如下：%s", basis, in.reason())
		attachments(l, in.Attachments)
		return nil
	},
	request.WithheldStateSecret: withhold("属于依法确定为国家秘密的政府信息", "第十四条"),
	// 第十四条 "法律、行政法规禁止公开": the law and article relied on are
	// required (regulation.md §8) and named in their own sentence.
	request.WithheldProhibitedByLaw: func(l *Letter, in *ReplyInput) error {
		law := strings.TrimSuffix(strings.TrimSpace(in.Law), "。")
		if law == "" {
			return missing("letter.field.law")
		}
		return withhold("属于法律、行政法规禁止公开的政府信息（依据："+law+"）", "第十四条")(l, in)
	},
	request.WithheldSecurityStability: withhold("公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条"),
	// 第十五条; 第三十二条 only when the third party was consulted.
	request.WithheldThirdParty: func(l *Letter, in *ReplyInput) error {
		what := "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"
		if in.Consulted {
			l.para("%s", consultedSentence(in.ConsultedOn, in.Opinion))
		}
		return withhold(what, "第十五条")(l, in)
	},
	request.WithheldInternalAffairs: withhold("属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）", "第十六条第一款"),
	request.WithheldProcessInfo:     withhold("属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息", "第十六条第二款"),
	request.WithheldEnforcementFile: withhold("属于行政执法案卷信息", "第十六条第二款"),
	// 属于行政查询事项 → 第三十六条第（七）项: DERIVED, UNCONFIRMED in
	// regulation.md §2.1; the letter directs to the special procedure.
	request.WithheldAdministrativeQuery: func(l *Letter, in *ReplyInput) error {
		law := strings.TrimSuffix(strings.TrimSpace(in.Law), "。")
		if law == "" {
			return missing("letter.field.law")
		}
		l.para("经审查，%s申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据《条例》第三十六条第（七）项的规定，请%s依照%s的规定办理。%s",
			in.you(), in.you(), law, in.reason())
		return nil
	},
	request.UnavailableNotHeld: func(l *Letter, in *ReplyInput) error {
		if !in.NotResponsible {
			l.para("经检索，本机关没有%s申请公开的政府信息。根据《条例》第三十六条第（四）项的规定，现告知%s该政府信息不存在。%s", in.you(), in.you(), in.reason())
			return nil
		}
		why := in.reason()
		if why == "" {
			return missing("letter.field.not_ours_reason")
		}
		l.para("经审查，%s申请公开的政府信息不属于本机关负责公开。理由如下：%s根据《条例》第三十六条第（五）项的规定，现告知如上。", in.you(), why)
		if a := strings.TrimSpace(in.OtherAgency); a != "" {
			contact := ""
			if c := strings.TrimSpace(in.OtherContact); c != "" {
				contact = "，联系方式：" + strings.TrimSuffix(c, "。")
			}
			l.para("负责公开该政府信息的行政机关为%s%s，%s可以向其申请。", a, contact, in.you())
		}
		return nil
	},
	request.UnavailableNeedsCreation: func(l *Letter, in *ReplyInput) error {
		l.para("经检索，本机关没有%s所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。根据《条例》第三十八条的规定，本机关不予提供。%s", in.you(), in.reason())
		return nil
	},
	request.UnavailableUnclear: func(l *Letter, in *ReplyInput) error {
		asked := "本机关已"
		if !in.CorrectionAsked.IsZero() {
			asked = fmt.Sprintf("本机关已于%s", in.CorrectionAsked.Chinese())
		}
		l.para("%s依照《条例》第三十条的规定告知%s作出补正，补正后%s的申请内容仍不明确，不符合《条例》第二十九条第二款第（二）项的要求，本机关无法确定%s所需的政府信息，无法提供。%s",
			asked, in.you(), in.you(), in.you(), in.reason())
		l.para("%s可以在写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后，重新提出申请。", in.you())
		return nil
	},
	request.RejectedPetition: func(l *Letter, in *ReplyInput) error {
		route := "信访、投诉、举报等相应渠道"
		if r := strings.TrimSpace(in.Route); r != "" {
			route = strings.TrimSuffix(r, "。")
		}
		l.para("经审查，%s的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据《条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理。%s可以通过%s提出。%s",
			in.you(), in.you(), route, in.reason())
		return nil
	},
	request.RejectedDuplicate: func(l *Letter, in *ReplyInput) error {
		prior := "本机关已"
		if p := strings.TrimSpace(in.PriorReply); p != "" {
			prior = "本机关已于" + p
		}
		l.para("%s就%s提出的相同政府信息公开申请作出答复，%s再次申请公开相同政府信息。根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。",
			prior, in.you(), in.you())
		return nil
	},
	request.RejectedPublication: func(l *Letter, in *ReplyInput) error {
		where := ""
		if w := strings.TrimSpace(in.Where); w != "" {
			where = "获取途径：" + strings.TrimSuffix(w, "。") + "。"
		}
		l.para("经审查，%s申请获取的是政府公报、报刊、书籍等公开出版物。根据《条例》第三十九条第二款的规定，本机关告知%s获取的途径，对该申请不作为政府信息公开申请处理。%s",
			in.you(), in.you(), where)
		return nil
	},
	// 第三十五条: reasons were asked for on a given date and the answer was
	// unreasonable, or none came (regulation.md §8).
	request.RejectedMassRepeated: func(l *Letter, in *ReplyInput) error {
		if in.ReasonsAsked.IsZero() {
			return missing("letter.field.reasons_asked")
		}
		until := ""
		if !in.ReasonsUntil.IsZero() {
			until = "，说明理由的期限" + lastDay(in.ReasonsUntil)
		}
		answer := fmt.Sprintf("%s在期限内未说明理由。", in.you())
		if !in.ReasonsGiven.IsZero() {
			said := strings.TrimSuffix(strings.TrimSpace(in.ReasonsAnswer), "。")
			if said == "" {
				said = "（见说明材料）"
			}
			answer = fmt.Sprintf("%s于%s说明的理由为：%s。经审查，本机关认为该申请理由不合理。", in.you(), in.ReasonsGiven.Chinese(), said)
		}
		l.para("%s申请公开政府信息的数量、频次明显超过合理范围。本机关已于%s%s依照《条例》第三十五条的规定要求%s说明理由%s。%s%s根据《条例》第三十五条的规定，本机关不予处理。",
			in.you(), in.ReasonsAsked.Chinese(), "以"+titled("政府信息公开申请说明理由通知书", in.ReasonsNumber), in.you(), until, answer, in.reason())
		return nil
	},
	// 要求行政机关确认或重新出具已获取信息: regulation.md §8 — the letter
	// says it is not a request for existing government information under
	// 第二条 (what government information is) and 第三十八条 (what is
	// provided is information already made or obtained).
	request.RejectedReconfirm: func(l *Letter, in *ReplyInput) error {
		l.para("经审查，%s的申请系要求本机关对%s已获取的信息予以确认或者重新出具。《条例》第二条规定，政府信息是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息；依照《条例》第三十八条的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。%s的申请并非申请获取本机关已制作或者获取的政府信息，本机关不作为政府信息公开申请处理。%s",
			in.you(), in.you(), in.you(), in.reason())
		return nil
	},
	// 第三十条: the 补正 notice, its date and period, and that the request
	// is no longer handled (regulation.md §8).
	request.OtherNoCorrection: func(l *Letter, in *ReplyInput) error {
		asked := "本机关已"
		if !in.CorrectionAsked.IsZero() {
			asked = fmt.Sprintf("本机关已于%s", in.CorrectionAsked.Chinese())
		}
		until := ""
		if !in.CorrectionUntil.IsZero() {
			until = "，补正期限" + lastDay(in.CorrectionUntil)
		}
		l.para("%s%s依照《条例》第三十条的规定一次性告知%s作出补正%s。%s无正当理由逾期未补正，视为放弃申请。根据《条例》第三十条的规定，本机关不再处理该政府信息公开申请。",
			asked, "以"+titled("政府信息公开申请补正告知书", in.CorrectionNumber), in.you(), until, in.you())
		return nil
	},
	// 第四十二条 and the fee rules: the notice, its date, its delivery and
	// the last day to pay (20 working days from the day after delivery).
	request.OtherFeeUnpaid: func(l *Letter, in *ReplyInput) error {
		sent := "本机关已"
		if !in.FeeNotified.IsZero() {
			sent = fmt.Sprintf("本机关已于%s", in.FeeNotified.Chinese())
		}
		amount := ""
		if in.FeeYuan > 0 {
			amount = fmt.Sprintf("%d元", in.FeeYuan)
		}
		late := fmt.Sprintf("%s未在收到收费通知次日起%d个工作日内缴纳", in.you(), request.FeePaymentWorkdays)
		if !in.FeeDelivered.IsZero() && !in.FeeUntil.IsZero() {
			late = fmt.Sprintf("该通知已于%s送达%s，缴费期限为收到通知次日起%d个工作日，%s。%s逾期未缴纳",
				in.FeeDelivered.Chinese(), in.you(), request.FeePaymentWorkdays, lastDay(in.FeeUntil), in.you())
		}
		l.para("%s依照《条例》第四十二条和%s向%s发出%s，通知%s缴纳信息处理费%s。%s，视为放弃申请，本机关不再处理该政府信息公开申请。",
			sent, FeeRules, in.you(), titled("政府信息公开信息处理费收费通知书", in.FeeNumber), in.you(), amount, late)
		return nil
	},
	// 其他: no article; the agency's own reasons carry the letter.
	request.OtherOther: func(l *Letter, in *ReplyInput) error {
		if in.reason() == "" {
			return missing("letter.field.handling")
		}
		l.para("经审查，本机关对%s的申请作如下处理：%s", in.you(), in.reason())
		return nil
	},
}

// withhold writes a 不予公开 answer: the ground, the ground's article and
// 第三十六条第（三）项, and the agency's further reasons.
func withhold(ground, article string) replyWriter {
	return func(l *Letter, in *ReplyInput) error {
		if in.reason() == "" { // 第三十六条第（三）项: "告知申请人不予公开并说明理由"
			return missing("letter.field.withheld_reason")
		}
		l.para("经审查，%s申请公开的政府信息%s。根据《条例》%s、第三十六条第（三）项的规定，本机关决定不予公开。理由如下：%s",
			in.you(), ground, article, in.reason())
		return nil
	}
}

// attachments lists what goes with the letter.
func attachments(l *Letter, list []string) {
	var items []string
	for _, a := range list {
		if a = strings.TrimSpace(a); a != "" {
			items = append(items, a)
		}
	}
	for i, a := range items {
		prefix := "　　　"
		if i == 0 {
			prefix = "附件："
		}
		l.note(fmt.Sprintf("%s%d. %s", prefix, i+1, a))
	}
}

// titled names an earlier letter by its title and, if it has one, its
// 文号: 《政府信息公开申请补正告知书》（北司公开〔2026〕13号）.
func titled(title, number string) string {
	out := "《" + title + "》"
	if n := strings.TrimSpace(number); n != "" {
		out += "（" + n + "）"
	}
	return out
}
