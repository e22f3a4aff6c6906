package web

// websiteErrors are the errors of the site's identity and the agencies'
// 公开指南 and 公开制度 (package website).
var websiteErrors = Messages{
	"website.field_too_long":    {"每项不超过 %d 个字", "Each field takes at most %d characters"},
	"website.site_code_invalid": {"网站标识码 %q 无效：应为 10 位数字（部委网站为 bm 加 8 位数字）", "Site code %q is invalid: ten digits (bm and eight digits for a ministry)"},
	"website.kind_invalid":      {"未知的文本类别 %q（应为 guide 或 rules）", "Unknown text kind %q (guide or rules)"},
	"website.email_invalid":     {"电子邮箱 %q 无效", "E-mail address %q is invalid"},
	"website.postcode_invalid":  {"邮政编码 %q 应为 6 位数字", "Postcode %q must be six digits"},
	"website.guide_empty":       {"公开指南至少应写明受理机构、办公地址、电话或正文之一", "The guide needs at least the office, address, phone or text"},
	"website.rules_empty":       {"公开制度的正文不能为空", "The rules need a text"},
	"website.doc_version":       {"第 %d 版已被他人保存，请刷新后再改", "Version %d was saved by someone else; reload and edit again"},
	"website.forbidden":         {"无权修改：公开指南和制度由本机关负责人修改，网站标识由负责人或系统管理员设置", "Not allowed: the head of the agency edits its guide and rules; the head or a system administrator sets the footer"},
}
