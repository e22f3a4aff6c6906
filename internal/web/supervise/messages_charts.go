package supervise

import "github.com/gongkai/gongkai/internal/web"

// chartMessages are the texts of the season board and charts, Chinese
// first; Site.Messages adds them to Messages.
var chartMessages = web.Messages{
	"nav.reports.season":            {"年报季看板和图表", "Report season and charts"},
	"dashboard.reports.season.text": {"每天已公布的年度报告数与上年对比，历年申请和办理结果、逾期率，差错规则与机关热力图。", "Reports published day by day against last year, requests and outcomes and late rates per year, rules broken by agency."},

	"ch.title":         {"年报季看板和图表", "The report season: board and charts"},
	"ch.lead":          {"图表下方的表格列出图中每一个数字，供读屏软件和需要精确数字时使用。数字来自已发布报告保存时记录的数据；报告中空缺的数字不计为 0，单独计数。", "The table under each chart holds every number the chart shows, for screen readers and exact figures. The numbers come from what was stored when each report was published; a cell a report leaves empty is never counted as 0 and is counted apart."},
	"ch.show":          {"显示", "Show"},
	"ch.link":          {"年报季看板和图表", "The report season: board and charts"},
	"ch.chart.note":    {"图表（数据见下表）", "Chart (its data is in the table below)"},
	"ch.season":        {"年报季看板：每天累计公布的报告数", "Season board: reports published by each day"},
	"ch.season.lead":   {"%d 年度报告：应公布 %d 个机关，其中县级以上人民政府 %d 个（3月31日前），其他机关 %d 个（1月31日前，条例第四十九条）。", "Reports on %d: %d agencies owe one, %d of them governments at county level or above (due 31 March) and %d others (due 31 January; art. 49)."},
	"ch.season.sofar":  {"至今已公布 %d 份（上年同期对比见下表；上年度报告共公布 %d 份）。按期公布：其他机关 %d / %d，人民政府 %d / %d。", "%d published so far (last year's by the same day in the table; %d reports on the year before in all). On time: others %d of %d, governments %d of %d."},
	"ch.season.after":  {"另有 %d 份在次年以后公布，未画入看板。", "%d more were published after the end of that year and are not on the board."},
	"ch.season.this":   {"%d 年度报告", "Reports on %d"},
	"ch.season.last":   {"%d 年度报告（上年同日）", "Reports on %d (same day a year before)"},
	"ch.season.table":  {"有报告公布的日期、公布期限和今天的累计公布数（其余日期与前一行相同）", "Reports published by the days on which any was published, the deadlines and today (other days are as the row before)"},
	"ch.day":           {"日期", "Day"},
	"ch.day.new":       {"当天公布", "Published that day"},
	"ch.day.total":     {"累计", "By the end of the day"},
	"ch.day.future":    {"尚未到", "still to come"},
	"ch.day.today":     {"今天", "today"},
	"ch.deadline.dept": {"部门等期限 1月31日", "Departments' deadline, 31 January"},
	"ch.deadline.gov":  {"人民政府期限 3月31日", "Governments' deadline, 31 March"},
	"ch.deadline":      {"公布期限", "deadline"},

	"ch.requests":            {"历年收到申请和办理结果", "Requests received and their outcomes per year"},
	"ch.requests.table":      {"表三汇总：本年新收申请数和各类办理结果（总计列）", "Table 3 summed: requests received and each group of outcomes (total column)"},
	"ch.received":            {"本年新收申请", "Received"},
	"ch.reports":             {"已发布报告", "Published reports"},
	"ch.gaps":                {"有空缺数字的报告（空缺不计为 0）", "Reports with empty cells (not counted as 0)"},
	"ch.outcome.granted":     {"予以公开", "Granted"},
	"ch.outcome.partial":     {"部分公开", "Partly granted"},
	"ch.outcome.withheld":    {"不予公开", "Withheld"},
	"ch.outcome.unavailable": {"无法提供", "Unavailable"},
	"ch.outcome.rejected":    {"不予处理", "Not handled"},
	"ch.outcome.other":       {"其他处理", "Other"},

	"ch.late":           {"历年逾期公布率", "Late publication per year"},
	"ch.late.table":     {"逾期公布：逾期发布的和过期限仍未发布的，占应公布机关的比例（按现有机关计）", "Late: published after the deadline, and still unpublished past it, of the agencies that owe a report (as the scope is now)"},
	"ch.late.owing":     {"应公布", "Owe a report"},
	"ch.late.published": {"逾期发布", "Published late"},
	"ch.late.missing":   {"过期限未发布", "Unpublished past the deadline"},
	"ch.late.rate":      {"逾期率", "Late rate"},
	"ch.year":           {"年度", "Year"},

	"ch.heat":          {"差错规则 × 机关", "Rules broken, agency by agency"},
	"ch.heat.lead":     {"%d 个机关的报告有差错；图中为差错最多的 %d 个，表中按差错数列出全部（每页 %d 个）。", "%d agencies' reports break rules; the chart shows the %d with the most findings, the table lists them all (%d a page)."},
	"ch.heat.none":     {"该年度没有报告有差错。", "No report on that year breaks a rule."},
	"ch.heat.table":    {"各机关报告违反各规则的差错数（红色为错误，其余为警告；规则后括号内为违反该规则的机关数）", "Findings of each rule in each agency's report (errors marked, the rest warnings; after each rule, in brackets, the agencies that break it)"},
	"ch.heat.findings": {"差错数", "Findings"},
	"ch.heat.total":    {"合计", "All"},
	"ch.heat.error":    {"错误", "error"},
	"ch.heat.page":     {"第 %d / %d 页", "Page %d of %d"},
}
