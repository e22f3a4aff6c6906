package admin

import "github.com/gongkai/gongkai/internal/web"

// reportMessages are the texts of the annual-report editor, the
// supervisor's overview and the letter settings; init merges them into
// Messages.
var reportMessages = web.Messages{
	"nav.reports.overview":            {"下级机关年度报告", "Reports below"},
	"nav.letter.settings":             {"文书设置", "Letter settings"},
	"dashboard.reports.overview.text": {"查看所辖机关年度报告的发布情况、逾期和差错，以及表三、表四汇总。", "Publication, lateness and findings of the reports of the agencies below, with tables 3 and 4 summed."},
	"dashboard.letter.settings.text":  {"设置本机关文书的信头、联系方式和文号。", "Letterhead, contact details and document numbers of the agency's letters."},

	"rep.status.published": {"已发布", "Published"},
	"rep.status.draft":     {"草稿", "Draft"},
	"rep.status.new":       {"尚未填报", "Not started"},
	"rep.frozen":           {"发布时的报告已定稿保存，之后办理记录的变化不会改变已发布的报告。", "The report was frozen when published; later changes to the records do not alter it."},
	"rep.updated":          {"最后修改", "Last changed"},
	"rep.deadline":         {"公布期限", "Due"},
	"rep.deadline.basis":   {"条例第四十九条", "Regulation art. 49"},
	"rep.download":         {"下载", "Download"},
	"rep.findings":         {"校验结果（R1–R10）", "Checks (R1–R10)"},
	"rep.errors":           {"错误", "Errors"},
	"rep.warnings":         {"提示", "Warnings"},
	"rep.error":            {"错误", "error"},
	"rep.warning":          {"提示", "warning"},
	"rep.noprev":           {"没有上一年度已发布的报告，未核对结转（R6、R7）。", "No published report of the previous year: carry-over (R6, R7) not checked."},
	"rep.publish":          {"发布年度报告", "Publish the report"},
	"rep.publish.blocked":  {"有错误的报告不能发布，请先更正。", "A report with errors cannot be published; correct them first."},
	"rep.hand.entered":     {"人工填报", "entered by hand"},
	"rep.blank":            {"不填的单元格视为缺失（不是 0），校验会提示。", "A blank cell is missing (not 0); the checks will say so."},
	"rep.text":             {"正文", "Text"},
	"rep.overview":         {"一、总体情况", "1. Overview"},
	"rep.problems":         {"五、存在的主要问题及改进情况", "5. Problems and improvements"},
	"rep.other":            {"六、其他需要报告的事项", "6. Other matters"},
	"rep.date":             {"报告日期（落款日期）", "Report date"},
	"rep.save":             {"保存", "Save"},
	"rep.saved":            {"已保存。", "Saved."},
	"rep.published":        {"年度报告已发布，门户网站已可查阅。", "The report is published and visible on the portal."},
	"rep.preview":          {"报告预览（标出校验涉及的单元格）", "Preview (cells concerned by the checks highlighted)"},
	"rep.links":            {"（数字链接到对应的申请）", "(numbers link to their requests)"},

	"ov.title":        {"下级机关年度报告", "Annual reports of the agencies below"},
	"ov.lead":         {"所辖各机关的年度报告：部门应于次年1月31日前、人民政府应于次年3月31日前公布（条例第四十九条）。", "Departments publish by 31 January, governments by 31 March of the next year (art. 49)."},
	"ov.count":        {"已发布", "Published"},
	"ov.status":       {"状态", "Status"},
	"ov.deadline":     {"公布期限", "Due"},
	"ov.published.on": {"发布日期", "Published on"},
	"ov.published":    {"已发布", "Published"},
	"ov.draft":        {"草稿（未发布）", "Draft (not published)"},
	"ov.missing":      {"未填报", "Missing"},
	"ov.late":         {"逾期", "Late"},
	"ov.sum":          {"表三、表四汇总（已发布的报告）", "Tables 3 and 4 summed (published reports)"},
	"ov.sum.lead":     {"每个数字是已有该数字的报告之和；未发布报告的机关不计为 0，列在下方。", "Each number sums the reports that have it; agencies without a published report are not counted as 0 and are listed below."},
	"ov.absent":       {"以下机关的数字缺失，未计入汇总：", "Missing from the sums:"},
	"ov.cells":        {"个单元格", "cells"},

	"ls.title":       {"文书设置", "Letter settings"},
	"ls.lead":        {"这些信息印在本机关依申请公开文书（登记回执、告知书、答复书）的信头和落款处。", "Printed at the head and foot of the agency's disclosure letters."},
	"ls.agency":      {"机关（信头）", "Agency (letterhead)"},
	"ls.office":      {"政府信息公开工作机构", "Disclosure office"},
	"ls.address":     {"通讯地址", "Address"},
	"ls.postcode":    {"邮政编码", "Postcode"},
	"ls.phone":       {"联系电话", "Phone"},
	"ls.contact":     {"联系人", "Contact"},
	"ls.website":     {"网站", "Website"},
	"ls.query":       {"申请查询网址", "Where applicants follow a request"},
	"ls.payment":     {"缴费方式（收费通知书用）", "How to pay a fee"},
	"ls.numbers":     {"文号", "Document numbers"},
	"ls.prefix":      {"机关代字", "Prefix"},
	"ls.prefix.hint": {"如“北司公开”；文号为“北司公开〔年份〕N号”。不填则文书不编文号。", "E.g. 北司公开, giving 北司公开〔year〕N号; blank: no numbers."},
	"ls.next":        {"下一个序号，年度", "Next number, year"},
	"ls.next.hint":   {"只能调大（接续纸质文书的编号），已发出的文号不会重复。", "Can only be raised (to continue a paper series); numbers are never reused."},
	"ls.example":     {"下一份文书的文号", "Next document number"},
	"ls.saved":       {"文书设置已保存。", "Letter settings saved."},
	"ls.remedies":    {"救济途径", "Remedies"},
	"ls.remedies.hint": {"答复告知书和收费通知书写明的行政复议机关和管辖法院（行政复议法第二十条第三款：未告知复议机关的，复议期限不起算）。未填写的，文书不能出具。",
		"The reconsideration body and court that replies and fee notices name (Administrative Reconsideration Law, Art. 20(3)). Without them no letter can be issued."},
	"ls.review_body":       {"行政复议机关", "Reconsideration body"},
	"ls.review_body.hint":  {"县级以上地方人民政府工作部门：本级人民政府，如“宁波市北仑区人民政府”（行政复议法第二十四条）；垂直管理的部门：上一级主管部门（第二十七条）。", "For a department of a local government: that government (Art. 24); vertically managed bodies: the next higher body (Art. 27)."},
	"ls.court":             {"管辖法院", "Competent court"},
	"ls.court.hint":        {"本机关作为被告时的管辖法院；实行行政案件集中管辖的地方，填写集中管辖法院。", "The court that hears suits against the agency (where administrative cases are centralised, that court)."},
	"ls.review_first":      {"复议前置的办理结果", "Outcomes that must go to reconsideration first"},
	"ls.review_first.hint": {"勾选的结果，告知书写明应当先申请行政复议（行政复议法第二十三条第一款第（四）项“不予公开”）。默认：部分公开和各类不予公开。", "Letters for checked outcomes say reconsideration must come first (Art. 23(1)(4)). Default: partial disclosure and every withholding."},
}

func init() {
	for k, v := range reportMessages {
		Messages[k] = v
	}
}
