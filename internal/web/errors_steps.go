package web

// stepsErrors are the refusals of the 第三十五条 steps (说明理由, 延迟答复)
// and of delivery days (送达), with the names of those steps.
var stepsErrors = Messages{
	"step.confirm_required": {"此操作不能撤销，请勾选确认后再提交", "This step cannot be undone: tick the confirmation and submit again"},
	"step.opinion_required": {"请选择被征求意见方的意见（同意公开、不同意公开或逾期未提出意见）", "Choose the party's answer (agrees, objects, or no answer in time)"},

	"request.action.ask_reasons":      {"要求说明理由", "ask for reasons"},
	"request.action.reasons_received": {"登记申请人说明的理由", "record the applicant's reasons"},
	"request.action.deliver":          {"登记送达日期", "record the delivery day"},
	"request.dispatch.in_person":      {"直接送达", "in person"},
	"request.dispatch.electronic":     {"电子送达", "electronically"},
	"request.dispatch.post":           {"邮寄送达", "by post"},

	"request.reasons_asked_twice": {"已于 %s 要求申请人说明理由，不能重复要求", "The applicant was already asked for reasons on %s"},
	"request.reasons_note": {"请写明申请数量、频次明显超过合理范围的情况和需要说明的事项（条例第三十五条）",
		"Say how the number or frequency of requests exceeds a reasonable range and what the applicant must explain (Article 35 of the Regulations)"},
	"request.reasons_period":    {"请确定说明理由的期限，期限应晚于通知之日", "Set the period for the reasons; it must end after the notice date"},
	"request.reasons_not_asked": {"尚未要求申请人说明理由（条例第三十五条）", "The applicant has not been asked for reasons (Article 35 of the Regulations)"},
	"request.reasons_already":   {"申请人说明的理由已于 %s 登记", "The applicant's reasons were recorded on %s"},
	"request.reasons_text":      {"请写明申请人说明的理由", "Enter the reasons the applicant gave"},
	"request.delay_without_reasons": {"延迟答复须先要求申请人说明理由并登记其理由（条例第三十五条）",
		"A delayed reply needs the applicant's reasons first: ask for them and record them (Article 35 of the Regulations)"},
	"request.mass_without_reasons": {"以“无正当理由大量反复申请”不予处理，须先要求申请人说明理由（条例第三十五条）",
		"Refusing repeated mass requests needs the applicant to be asked for reasons first (Article 35 of the Regulations)"},
	"request.reasons_running": {"说明理由的期限至 %s 届满，申请人尚未说明理由，现在还不能不予处理",
		"The period for the reasons runs until %s and the applicant has not answered: the request cannot be refused yet"},
	"request.dispatch_unknown":       {"未知的送达方式 %q", "Unknown way of delivery %q"},
	"request.delivered_before_sent":  {"送达日期 %s 不能早于发出日期 %s", "The delivery day %s cannot be before the day sent %s"},
	"request.delivered_after_record": {"送达日期 %s 不能晚于登记之日 %s", "The delivery day %s cannot be after the day it is recorded %s"},
	"request.delivered_missing":      {"请填写送达日期", "Enter the delivery day"},
	"request.nothing_to_deliver":     {"没有等待登记送达日期的邮寄文书", "No posted letter is waiting for its delivery day"},
	"request.fee_delivery_unknown": {"收费通知以邮寄方式送达，请先登记送达日期：缴费期限自收到通知次日起计算",
		"The fee notice went by post: record the day it arrived first, as the payment period runs from the day after"},
	"letter.reasons_why":           {"说明理由通知书须写明申请数量、频次超过合理范围的情况", "The notice asking for reasons must say how the number or frequency of requests exceeds a reasonable range"},
	"letter.reasons_until_early":   {"说明理由的期限 %s 应晚于通知日期 %s", "The period for the reasons (%s) must end after the notice date %s"},
	"letter.delay_reasons_missing": {"延迟答复告知书须载明要求说明理由和申请人说明理由的日期", "The delay letter needs the dates reasons were asked for and given"},
	"letter.delay_not_later":       {"延迟后的答复期限应晚于原答复期限", "The delayed reply date must be after the original deadline"},
	"letter.withdrawn_date":        {"撤回确认书须载明撤回日期，且不晚于确认书日期", "The withdrawal confirmation needs the day of withdrawal, not after the letter's date"},
	"letter.field.reasons_asked":   {"要求说明理由的日期（条例第三十五条）", "the day reasons were asked for (Article 35 of the Regulations)"},
	"step.delivered_future":        {"送达日期 %s 不能晚于今天 %s", "The delivery day %s cannot be after today %s"},
}
