package letter

import (
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

var (
	received = calendar.D(2026, 11, 2)
	today    = calendar.D(2026, 11, 25)
)

func testSettings() Settings {
	return Settings{
		Letterhead: Letterhead{
			Agency:   "宁波市北仑区司法局",
			Office:   "办公室（政府信息公开工作机构）",
			Address:  "宁波市北仑区新碶街道明州路 1 号",
			Postcode: "315800",
			Phone:    "0574-86780000",
			Contact:  "李明",
		},
		NumberPrefix: "北司公开",
		QueryURL:     "https://gongkai.example.gov.cn/q",
		Payment:      "通过浙江政务服务网“非税支付”缴纳，缴款码见本通知附页",
		Remedies:     Remedies{ReviewBody: "宁波市北仑区人民政府", Court: "宁波市北仑区人民法院"},
	}
}

// testRequest is a request whose applicant has an ID number and a phone
// number: neither may reach a letter.
func testRequest() *request.Request {
	return &request.Request{
		ID:        "BL-2026-0012",
		Applicant: request.Applicant{Type: request.NaturalPerson, Name: "张三", ID: "33020619900101123X", Contact: "13800001111"},
		Channel:   request.Internet,
		Content:   "2025年本局办理的行政复议案件数量及结果统计表",
		Received:  received,
	}
}

func meta(seq int) Meta { return Meta{Seq: seq, Date: today} }

// replyInput gives each outcome the details its letter uses.
func replyInput(o request.Outcome) ReplyInput {
	in := ReplyInput{Case: CaseOf(testRequest()), Outcome: o}
	switch o {
	case request.Granted:
		in.Provided = "以电子邮件方式发送至您申请时填写的电子邮箱"
		in.Attachments = []string{"2025年行政复议案件统计表（1页）"}
	case request.PartiallyGranted:
		in.Withheld = "统计表中涉及申请人个人信息的姓名、住址栏目"
		in.Reason = "该部分内容涉及个人隐私，公开会对第三方合法权益造成损害，本机关已作遮盖处理"
		in.Ground = request.WithheldThirdParty
	case request.WithheldProhibitedByLaw:
		in.Law = "《中华人民共和国统计法》第三十九条"
		in.Reason = "所申请的是统计调查中获得的能够识别单个统计调查对象的资料"
	case request.WithheldThirdParty:
		in.Consulted, in.ConsultedOn, in.Opinion = true, calendar.D(2026, 11, 4), request.OpinionObjected
		in.Reason = "所申请的投标文件含有投标人的商业秘密，投标人书面表示不同意公开"
	case request.WithheldStateSecret:
		in.Reason = "该文件已依法定程序确定为国家秘密"
	case request.WithheldSecurityStability:
		in.Reason = "所申请的是重点目标的安保部署，公开后可能危及公共安全"
	case request.WithheldInternalAffairs:
		in.Reason = "所申请的是本机关内部干部考核工作流程"
	case request.WithheldProcessInfo:
		in.Reason = "所申请的是尚在讨论中的规范性文件征求意见稿"
	case request.WithheldEnforcementFile:
		in.Reason = "所申请的是行政处罚案件的调查笔录"
	case request.WithheldAdministrativeQuery:
		in.Law = "《不动产登记暂行条例》第二十七条"
	case request.RejectedPetition:
		in.Route = "宁波市北仑区信访局（地址：北仑区长江路 1166 号）"
	case request.RejectedDuplicate:
		in.PriorReply = "2026年10月9日以北司公开〔2026〕9号告知书"
	case request.RejectedPublication:
		in.Where = "《宁波市北仑区人民政府公报》2025年第3期，可在区图书馆查阅"
	case request.RejectedMassRepeated:
		in.Reason = "您于2026年10月内提交申请53件，所述理由不能说明其必要性"
		in.ReasonsAsked, in.ReasonsNumber, in.ReasonsUntil = calendar.D(2026, 11, 4), "北司公开〔2026〕14号", calendar.D(2026, 11, 13)
		in.ReasonsGiven, in.ReasonsAnswer = calendar.D(2026, 11, 10), "个人兴趣，希望了解各街道的全部数据"
	case request.UnavailableUnclear, request.OtherNoCorrection:
		in.CorrectionAsked = calendar.D(2026, 11, 4)
		in.CorrectionUntil = calendar.D(2026, 11, 18)
		if o == request.OtherNoCorrection {
			in.CorrectionNumber = "北司公开〔2026〕13号"
		}
	case request.OtherFeeUnpaid:
		// Sent 3 November, arrived 5 November: 20 working days from the
		// day after end on 3 December; the letter is dated 4 December.
		in.FeeNotified, in.FeeDelivered, in.FeeUntil = calendar.D(2026, 11, 3), calendar.D(2026, 11, 5), calendar.D(2026, 12, 3)
		in.FeeYuan, in.FeeNumber = 1700, "北司公开〔2026〕16号"
	case request.OtherOther:
		in.Reason = "您已于2026年11月20日书面撤回申请，本机关终止处理"
	}
	return in
}

// A sample is one letter of the golden tests.
type sample struct {
	name  string
	build func() (*Letter, error)
}

// samples lists every letter type and the reply of every outcome, with
// the variants of granted and unavailable_not_held.
func samples(t testing.TB) []sample {
	t.Helper()
	s := testSettings()
	c := CaseOf(testRequest())
	cal := calendar.National()
	dl, err := request.Due(cal, request.Clock{Received: received})
	if err != nil {
		t.Fatal(err)
	}
	out := []sample{
		{"receipt", func() (*Letter, error) {
			return Receipt(s, Meta{Seq: 12, Date: received}, ReceiptInput{Case: c, Deadline: dl, QueryCode: "K7Q2-9XM4"})
		}},
		{"correction", func() (*Letter, error) {
			return Correction(s, Meta{Seq: 13, Date: calendar.D(2026, 11, 4)}, CorrectionInput{Case: c,
				Items: []string{"请写明所需统计表的年度范围（例如2025年1月1日至12月31日）", "请说明需要的是案件数量，还是每一案件的决定书"},
				Until: calendar.D(2026, 11, 18)})
		}},
		{"extension", func() (*Letter, error) {
			return Extension(s, meta(14), ExtensionInput{Case: c, Reason: "所申请的信息数量较大，需要从多个科室调取、核对",
				Days: 15, OriginalDue: dl.Due, NewDue: cal.AddWorkdays(dl.Due, 15)})
		}},
		{"third_party", func() (*Letter, error) {
			return ThirdParty(s, meta(15), ThirdPartyInput{Case: c, ThirdParty: "宁波某某律师事务所",
				Information: "2025年度律师事务所年度检查考核结果中涉及贵所的考核意见", Until: cal.AddWorkdays(today, 17)})
		}},
		{"disclosure", func() (*Letter, error) {
			return Disclosure(s, meta(21), DisclosureInput{Case: c, ThirdParty: "宁波某某建设有限公司",
				Consulted: calendar.D(2026, 11, 4), Objected: calendar.D(2026, 11, 18),
				Information: "北仑区某某安置房项目施工合同的合同价款、工期和质量条款",
				Reason:      "该项目使用财政资金建设，合同价款和工期关系众多安置户的切身利益，公开有利于公众监督财政资金的使用"})
		}},
		{"other_agency", func() (*Letter, error) {
			return OtherAgency(s, meta(22), OtherAgencyInput{Case: c, Agency: "宁波市北仑区财政局",
				Information: "本局与区财政局联合印发的《关于法律援助经费管理的通知》（北司〔2025〕8号）", Until: cal.AddWorkdays(today, 17)})
		}},
		{"fee_per_request", func() (*Letter, error) {
			return Fee(s, meta(16), FeeInput{Case: c, Quote: request.QuotePerRequest(35)})
		}},
		{"fee_per_page", func() (*Letter, error) {
			return Fee(s, meta(17), FeeInput{Case: c, Quote: request.QuotePerPage(150), PayBy: cal.AddWorkdays(today, 21)})
		}},
		{"reply-granted-published", func() (*Letter, error) {
			in := replyInput(request.Granted)
			in.Published, in.Where = true, "宁波市北仑区人民政府门户网站“政府信息公开—法定主动公开内容—统计信息”栏目（2026年1月20日发布）"
			return Reply(s, meta(18), in)
		}},
		{"reply-unavailable_not_held-not_responsible", func() (*Letter, error) {
			in := replyInput(request.UnavailableNotHeld)
			in.NotResponsible = true
			in.Reason = "全区行政复议案件由区人民政府统一受理，相关统计信息由区人民政府制作和保存"
			in.OtherAgency, in.OtherContact = "宁波市北仑区人民政府办公室", "0574-86780001"
			return Reply(s, meta(19), in)
		}},
	}
	out = append(out, []sample{
		{"reasons", func() (*Letter, error) {
			return Reasons(s, Meta{Seq: 14, Date: calendar.D(2026, 11, 4)}, ReasonsInput{Case: c,
				Why: "您自2026年10月1日以来向本机关提出政府信息公开申请53件，内容为各街道逐月的同类统计数据", Until: calendar.D(2026, 11, 13)})
		}},
		{"delay", func() (*Letter, error) {
			return Delay(s, Meta{Seq: 15, Date: calendar.D(2026, 11, 16)}, DelayInput{Case: c, ReasonsAsked: calendar.D(2026, 11, 4),
				ReasonsNumber: "北司公开〔2026〕14号", ReasonsGiven: calendar.D(2026, 11, 10),
				Why: "所申请的53件信息需要从14个街道逐件调取、核对", OriginalDue: dl.Due, NewDue: calendar.D(2026, 12, 31)})
		}},
		{"withdrawal", func() (*Letter, error) {
			return Withdrawal(s, Meta{Seq: 16, Date: calendar.D(2026, 11, 20)}, WithdrawalInput{Case: c, Withdrawn: calendar.D(2026, 11, 20)})
		}},
		{"reply-rejected_mass_repeated-no_answer", func() (*Letter, error) {
			in := replyInput(request.RejectedMassRepeated)
			in.ReasonsGiven, in.ReasonsAnswer = calendar.Date{}, ""
			return Reply(s, meta(17), in)
		}},
	}...)
	for i, o := range request.Outcomes() {
		in := replyInput(o.ID)
		m := meta(20 + i)
		if o.ID == request.OtherFeeUnpaid {
			m.Date = calendar.D(2026, 12, 4)
		}
		out = append(out, sample{"reply-" + string(o.ID), func() (*Letter, error) { return Reply(s, m, in) }})
	}
	return out
}
