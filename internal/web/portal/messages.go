package portal

import "github.com/gongkai/gongkai/internal/web"

// Messages are the portal's own texts, Chinese first.
var Messages = web.Messages{
	"nav.home":    {"首页", "Home"},
	"nav.catalog": {"信息公开目录", "Disclosure catalogue"},
	"nav.apply":   {"依申请公开", "Request information"},
	"nav.reports": {"年度报告", "Annual reports"},

	"home.title": {"首页", "Home"},
	"home.lead": {"本网站公开本机关的政府信息，受理政府信息公开申请，并发布政府信息公开工作年度报告。",
		"This site publishes the agency's government information, receives requests for information and publishes the annual reports on disclosure work."},
	"home.catalog.text": {"按类别查阅主动公开的政府信息。", "Browse proactively disclosed information by category."},
	"home.apply.text":   {"公民、法人或者其他组织可以申请获取政府信息。", "Citizens, legal persons and other organisations may request government information."},
	"home.reports.text": {"查阅各机关上一年度政府信息公开工作年度报告。", "Read each agency's annual report on the previous year's disclosure work."},

	"catalog.title":  {"信息公开目录", "Disclosure catalogue"},
	"catalog.coming": {"信息公开目录正在建设中，即将上线。", "The disclosure catalogue is being built and will be available soon."},
	"apply.coming": {"网上申请功能正在建设中，即将上线。目前请通过本机关公布的信函、传真或当面方式提出申请。",
		"Online requests are being built and will be available soon. Meanwhile please apply by letter, fax or in person as published by the agency."},
	"apply.basis": {"依据《中华人民共和国政府信息公开条例》第二十七条，除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。",
		"Under Article 27 of the Regulations, citizens, legal persons and other organisations may request government information beyond what is proactively disclosed."},
	"reports.title": {"政府信息公开工作年度报告", "Annual reports on government information disclosure"},
	"reports.basis": {"依据《中华人民共和国政府信息公开条例》第四十九条，县级以上人民政府部门应当在每年1月31日前、县级以上地方人民政府应当在每年3月31日前向社会公布上一年度政府信息公开工作年度报告。",
		"Under Article 49 of the Regulations, government departments publish their annual report on the previous year by 31 January, and local governments theirs by 31 March."},
	"reports.agency":      {"机关", "Agency"},
	"reports.year":        {"年度", "Year"},
	"reports.status":      {"状态", "Status"},
	"reports.unpublished": {"尚未发布", "Not yet published"},
	"reports.published":   {"已发布", "Published"},
	"reports.none":        {"暂无机关。", "No agencies yet."},
}
