package web

// seasonErrors are the errors of the report season (reminders and 督办
// notices) and of the supervisor's pages (drill-down, zip import).
var seasonErrors = Messages{
	"season.urge_forbidden":   {"只有监督员可以发送督办通知", "Only supervisors send urging notices"},
	"season.body_required":    {"请填写督办内容", "Write the notice's text"},
	"season.body_long":        {"督办内容不超过 %d 字", "The notice has at most %d characters"},
	"season.body_control":     {"督办内容含有不可见的控制字符", "The notice's text contains control characters"},
	"season.no_agencies":      {"请至少选择一个机关", "Choose at least one agency"},
	"season.too_many":         {"一次督办最多 %d 个机关", "One notice goes to at most %d agencies"},
	"season.ack_forbidden":    {"无法确认此通知", "You cannot acknowledge this notice"},
	"season.notice_not_found": {"未找到该通知，或已确认", "No such notice, or it was already acknowledged"},
	"sup.cell_unknown":        {"没有这个单元格", "No such cell"},
	"sup.page_invalid":        {"页码应为 1 到 %d 之间的整数", "page must be a whole number from 1 to %d"},
	"sup.import.no_file":      {"请选择一个 zip 文件", "Choose a zip file"},
	"sup.import.busy":         {"您上传的另一个压缩包仍在读取，请等它完成后再上传", "Another zip you uploaded is still being read; wait for it to finish"},
	"sup.import.job_unknown":  {"没有这个导入（或其结果已过期）", "No such import (or its result has expired)"},
	"sup.import.not_zip":      {"上传的文件不是 zip 压缩包", "The file uploaded is not a zip archive"},
	"sup.import.empty":        {"压缩包中没有年度报告文件（.txt .pdf .docx .html .xlsx .json）", "The zip holds no report files (.txt .pdf .docx .html .xlsx .json)"},
	"sup.import.limit":        {"压缩包超出限制，未读取任何文件：%s %s（上限 %d）", "The zip is over a limit, nothing was read: %s %s (limit %d)"},
}
