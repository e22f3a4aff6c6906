package office

import "github.com/gongkai/gongkai/internal/web"

// actionsMessages are the texts of the request page's step forms (the
// folded "other actions", the confirmations of irreversible steps) and of
// the catalogue item an appeal about 主动公开 names, and of a supervisor's
// overview of the agencies it oversees.
var actionsMessages = web.Messages{
	"cat.confirm.sign":    {"我已核对：签发后信息将按时公开，公开后不能撤销（只能撤回并留下记录）。", "I have checked: once signed the item is published on time; publication cannot be undone (only withdrawn, on the record)."},
	"ap.item":             {"目录条目（索引号）", "Catalogue item (index number)"},
	"ap.item.hint":        {"涉及本机关政府信息公开目录中某一条目的，填写其索引号（可不填）。", "When the appeal concerns an item of the agency's catalogue, its index number (optional)."},
	"rq.scope":            {"监督范围内各机关", "Agencies you oversee"},
	"rq.scope.lead":       {"监督员默认查看其监督范围内全部机关（本机关及下级机关）的申请办理情况。", "A supervisor sees every agency it oversees (its own and those below) by default."},
	"rq.scope.all":        {"监督范围内全部机关", "All agencies you oversee"},
	"rq.scope.urgent":     {"即将到期和已超期的申请", "Requests due soon or overdue"},
	"rq.actions.more":     {"其他操作", "Other actions"},
	"rq.opinion.choose":   {"请选择被征求意见方的意见", "Choose the party's answer"},
	"rq.confirm.extend":   {"我已核对：延期经负责人同意后不能撤销，并将告知申请人新的答复期限。", "I have checked: the extension cannot be undone and the applicant will be told the new due date."},
	"rq.confirm.delay":    {"我已核对：延迟答复期限确定后不能撤销，并将向申请人发出延迟答复告知书。", "I have checked: the later reply date cannot be undone and the applicant will be sent the notice."},
	"rq.confirm.reply":    {"我已核对：答复已送达申请人，登记后申请办结，不能撤销。", "I have checked: the reply reached the applicant; once recorded the request ends and this cannot be undone."},
	"rq.confirm.split":    {"我已核对：拆分后各项分别登记为新的申请，不能撤销。", "I have checked: each further item becomes a request of its own; this cannot be undone."},
	"rq.confirm.withdraw": {"我已核对：申请人已撤回申请，登记后申请终止，不能撤销。", "I have checked: the applicant withdrew; once recorded the request ends and this cannot be undone."},
	"rq.confirm.correction_expired": {"我已核对：补正期限已届满而申请人未补正，登记后申请终止，不能撤销。",
		"I have checked: the correction period ended without a correction; the request ends and this cannot be undone."},
	"rq.confirm.fee_expired": {"我已核对：缴费期限已届满而申请人未缴费，登记后申请终止，不能撤销。",
		"I have checked: the payment period ended without payment; the request ends and this cannot be undone."},
}
