package portal

import "github.com/gongkai/gongkai/internal/web"

// reportMessages are the texts of the annual-report pages; init merges
// them into Messages.
var reportMessages = web.Messages{
	"reports.latest":        {"年度报告", "reports"},
	"reports.deadline":      {"公布期限", "Due"},
	"reports.late":          {"已过期限", "past the deadline"},
	"reports.all":           {"已发布的年度报告", "Published reports"},
	"reports.doc":           {"年度政府信息公开工作年度报告", "annual report"},
	"reports.published.on":  {"发布于", "published"},
	"reports.corrected":     {"本报告发布后已更正", "This report was corrected after publication"},
	"reports.correction":    {"更正说明", "Correction note"},
	"reports.old":           {"您正在查看本报告的第 %d 版，它已被更正。", "You are reading version %d of this report, which has since been corrected."},
	"reports.current":       {"查看现行版本", "Read the current version"},
	"reports.versions":      {"版本记录", "Versions"},
	"reports.version":       {"第 %d 版", "Version %d"},
	"reports.version.first": {"首次发布", "first publication"},
	"reports.back":          {"返回年度报告列表", "Back to the list"},
	"reports.download":      {"下载", "Download"},
}

func init() {
	for k, v := range reportMessages {
		Messages[k] = v
	}
}
