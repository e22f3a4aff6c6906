package web

// partiesErrors are the refusals about third parties (条例第十五条,
// 第三十二条), agencies consulted (第三十四条), 拆分登记 and appeals not
// tied to a request, with the names they mention.
var partiesErrors = Messages{
	"request.consult_opinion": {"请选择被征求意见方的意见：同意公开、不同意公开或逾期未提出意见",
		"Choose the consulted party's answer: agrees, objects, or no answer in time"},
	"request.third_party_agreed": {"第三方（%v）已同意公开，不能以保护第三方合法权益为由不予公开（条例第十五条）",
		"The third party (%v) agreed to disclosure: it cannot be withheld to protect the third party (Article 15 of the Regulations)"},
	"request.override_reason": {"第三方不同意公开：决定公开的，须写明不公开可能对公共利益造成重大影响的理由，该理由将书面告知第三方（条例第三十二条）",
		"The third party objected: to disclose anyway, state why withholding would seriously harm the public interest; the third party is told in writing (Article 32 of the Regulations)"},
	"request.override_no_objection": {"没有第三方不同意公开，无需填写决定公开的理由",
		"No third party objected: there is no disclosure over an objection to give reasons for"},
	"letter.disclosure_reason": {"决定公开告知书须写明决定公开的理由（条例第三十二条）",
		"The notice of disclosure must give the reasons for disclosing (Article 32 of the Regulations)"},
	"letter.disclosure_dates": {"决定公开告知书的征求意见日期、第三方答复日期和告知日期不合先后顺序",
		"The dates of the consultation, the third party's answer and the notice are out of order"},
	"letter.other_agency_missing": {"缺少被征求意见机关的名称（条例第三十四条）",
		"The name of the agency consulted is missing (Article 34 of the Regulations)"},
	"appeal.subject_required": {"请选择复议、诉讼针对的事项：主动公开的政府信息或未依法主动公开（条例第五十一条）",
		"Choose what the review or lawsuit is about: information published, or a failure to publish (Article 51 of the Regulations)"},
	"appeal.item_unknown":    {"本机关的政府信息公开目录中没有索引号为 %s 的条目", "The agency's catalogue has no item with the index number %s"},
	"appeal.matter_required": {"请写明复议、诉讼涉及的政府信息", "Say which information the review or lawsuit concerns"},
	"appeal.filed_required":  {"请填写申请复议或者起诉的日期", "Give the date the review was applied for or the suit filed"},
	"appeal.not_found":       {"未找到该复议、诉讼案件", "No such review or lawsuit"},
	"request.action.split":   {"拆分登记", "split the application"},
	"request.split_kept":     {"请写明本申请保留办理的一项内容", "State the item this request keeps"},
	"request.split_items":    {"拆分登记至少需要两项内容，每行一项，不能为空", "A split needs at least two items, one per line, none blank"},
	"request.split_too_many": {"一次拆分登记最多 %d 项", "At most %d items in one split"},
	"request.split_year": {"拆分登记须在收到申请的当年（%d 年）内进行：拆分出的申请按原收到申请之日计入该年度报告",
		"A split must be made within the year the application was received (%d): the new requests count as received then"},
}
