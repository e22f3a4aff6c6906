package web

// workErrors are the errors of annual reports, letters and their
// settings, and the audit log.
var workErrors = Messages{
	"annual.edit_forbidden":     {"无权编辑该机关的年度报告", "You may not edit this agency's annual report"},
	"annual.publish_forbidden":  {"只有本机关负责人可以发布年度报告", "Only the agency's head may publish the annual report"},
	"annual.overview_forbidden": {"只有监督员可以查看下级机关的年度报告汇总", "Only supervisors see the overview of subordinate agencies' reports"},
	"annual.not_found":          {"未找到该报告", "No such report"},
	"annual.year_range":         {"年度超出范围", "The year is out of range"},
	"annual.already_published":  {"该年度报告已发布", "This year's report is already published"},
	"annual.entries_missing":    {"请先填写并保存表二及正文", "Enter and save table 2 and the text first"},
	"annual.has_errors":         {"报告有 %d 处错误，须更正后才能发布", "The report has %d errors; correct them before publishing"},
	"annual.not_published":      {"该年度报告尚未发布", "This year's report is not published"},
	"annual.date_invalid":       {"报告日期应为 YYYY-MM-DD 格式的有效日期", "The report date must be a valid YYYY-MM-DD date"},
	"annual.count_negative":     {"表二的件数不能为负数", "Counts in table 2 cannot be negative"},
	"annual.fees_invalid":       {"行政事业性收费金额应为不小于 0 的数字（单位：万元）", "Fees must be a number ≥ 0 (in 10,000 yuan)"},
	"annual.text_too_long":      {"正文每部分不超过 %d 字", "Each section of the text has at most %d characters"},
	"stationery.too_long":       {"“%s”不超过 200 字", "“%s” has at most 200 characters"},
	"stationery.one_line":       {"“%s”只能写一行", "“%s” must be one line"},
	"stationery.prefix":         {"文号代字只写机关代字，如“北司公开”，不含年份和序号", "The number prefix is the agency's code only, without the year or number"},
	"stationery.forbidden":      {"只有本机关负责人或系统管理员可以修改文书设置", "Only the agency's head or a system administrator may change the letter settings"},
	"stationery.office":         {"工作机构", "Office"},
	"stationery.address":        {"地址", "Address"},
	"stationery.postcode":       {"邮编", "Postcode"},
	"stationery.phone":          {"电话", "Phone"},
	"stationery.contact":        {"联系人", "Contact"},
	"stationery.website":        {"网址", "Website"},
	"stationery.prefix_field":   {"文号代字", "Number prefix"},
	"stationery.query_url":      {"查询网址", "Query address"},
	"stationery.payment":        {"缴费方式", "How to pay"},
	"audit.action_missing":      {"审计事件缺少操作类型", "The audit event has no action"},
	"audit.result_invalid":      {"审计事件结果无效：%q", "The audit event's result is not valid: %q"},
}
