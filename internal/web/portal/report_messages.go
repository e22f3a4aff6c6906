package portal

import "github.com/gongkai/gongkai/internal/web"

// reportMessages are the texts of the annual-report pages; init merges
// them into Messages.
var reportMessages = web.Messages{
	"reports.latest":       {"年度报告", "reports"},
	"reports.deadline":     {"公布期限", "Due"},
	"reports.late":         {"已过期限", "past the deadline"},
	"reports.all":          {"已发布的年度报告", "Published reports"},
	"reports.doc":          {"年度政府信息公开工作年度报告", "annual report"},
	"reports.published.on": {"发布于", "published"},
	"reports.back":         {"返回年度报告列表", "Back to the list"},
	"reports.download":     {"下载", "Download"},
}

func init() {
	for k, v := range reportMessages {
		Messages[k] = v
	}
}
