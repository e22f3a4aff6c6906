package web

// letterErrors are the errors of writing a letter (告知书, 答复书): what
// the letter lacks or gets wrong. Dates are shown as YYYY-MM-DD.
var letterErrors = Messages{
	"letter.fee_method":              {"未知的计收方式 %q", "Unknown way of charging %q"},
	"letter.fee_zero":                {"应缴金额为 0 元，无需发出收费通知", "The amount due is 0 yuan: no fee notice is needed"},
	"letter.pay_by_early":            {"缴费期限 %s 应晚于通知日期 %s", "The payment deadline %s must be after the notice date %s"},
	"letter.agency_missing":          {"缺少机关名称（信头）", "The agency's name (letterhead) is missing"},
	"letter.date_missing":            {"缺少成文日期", "The letter's date is missing"},
	"letter.seq_negative":            {"文号序号不能为负数：%d", "The number cannot be negative: %d"},
	"letter.applicant_missing":       {"缺少申请人姓名或名称", "The applicant's name is missing"},
	"letter.tracking_missing":        {"缺少登记号", "The tracking number is missing"},
	"letter.received_missing":        {"缺少收到申请的日期", "The date the application arrived is missing"},
	"letter.date_before_received":    {"成文日期 %s 早于收到申请的日期 %s", "The letter's date %s is before the application arrived on %s"},
	"letter.due_missing":             {"缺少答复期限", "The reply deadline is missing"},
	"letter.correction_items":        {"请写明需要补正的事项", "Say what the applicant must correct"},
	"letter.correction_until_early":  {"补正期限 %s 应晚于告知日期 %s", "The correction deadline %s must be after the notice date %s"},
	"letter.extension_days":          {"延长期限应为 1 到 %d 个工作日（条例第三十三条第二款），收到 %d", "An extension is 1 to %d working days (Article 33(2) of the Regulations); got %d"},
	"letter.extension_not_later":     {"延长后的答复期限应晚于原答复期限", "The extended deadline must be after the original one"},
	"letter.extension_too_late":      {"延期告知应在原答复期限 %s 届满前作出", "The extension notice must be given before the original deadline %s"},
	"letter.third_party_missing":     {"缺少第三方的姓名或名称", "The third party's name is missing"},
	"letter.third_party_info":        {"请写明涉及第三方的政府信息", "Say which information concerns the third party"},
	"letter.third_party_until_early": {"提出意见的期限 %s 应晚于发函日期 %s", "The deadline for comments %s must be after the letter's date %s"},
	"letter.outcome_unknown":         {"未知的办理结果 %q", "Unknown outcome %q"},
	"letter.outcome_no_reply":        {"办理结果 %q 没有答复文书", "The outcome %q has no reply letter"},
	"letter.partial_ground":          {"部分公开的不予公开理由应为不予公开的情形之一，收到 %q", "A partial disclosure's ground must be one of the grounds for withholding; got %q"},
	"letter.reply_missing":           {"答复文书缺少%s", "The reply letter lacks %s"},
	"letter.field.public_how":        {"获取已主动公开信息的方式、途径", "how to obtain the published information"},
	"letter.field.withheld_part":     {"不予公开部分的说明", "a description of the withheld part"},
	"letter.field.withheld_reason":   {"不予公开部分的理由", "the reason for withholding part"},
	"letter.field.not_ours_reason":   {"不属于本机关负责公开的理由", "the reason the information is not this agency's to disclose"},
	"letter.field.handling":          {"处理情况和理由", "how the request was handled, and why"},
}
