package office

import "github.com/gongkai/gongkai/internal/web"

// partiesMessages are the texts of third parties (条例第三十二条), 拆分登记
// and the appeals about 主动公开 (条例第五十一条).
var partiesMessages = web.Messages{
	"nav.appeals":            {"主动公开复议诉讼", "Appeals on proactive disclosure"},
	"dashboard.appeals.text": {"登记针对本机关主动公开（或未依法主动公开）的行政复议、行政诉讼，计入年度报告表四。", "Record reviews and lawsuits about what the agency published or failed to publish; table 4 counts them."},
	"ap.title":               {"主动公开的行政复议、行政诉讼", "Reviews and lawsuits on proactive disclosure"},
	"ap.lead":                {"不涉及具体申请的政府信息公开行政复议、行政诉讼（条例第五十一条），按年度报告规则计入表四：年内结案的按结果，12月31日尚未审结的计入“尚未审结”。", "Reviews and lawsuits about disclosure work that no request gave rise to (Article 51); table 4 counts them: by result when concluded in the year, as pending when open on 31 December."},
	"ap.id":                  {"编号", "Number"},
	"ap.subject":             {"事项", "Subject"},
	"ap.matter":              {"涉及的政府信息", "Information concerned"},
	"ap.matter.hint":         {"写明已公开的信息名称，或应当公开而未公开的信息。", "Name the item published, or the information not published."},
	"rq.consult.opinion":     {"被征求意见方的意见", "The party's answer"},
	"rq.opinion.agreed":      {"同意公开", "Agrees"},
	"rq.opinion.objected":    {"不同意公开", "Objects"},
	"rq.opinion.none":        {"逾期未提出意见", "No answer in time"},
	"rq.override":            {"决定公开的理由（第三方不同意公开时必填）", "Why disclose over the objection (required when a third party objected)"},
	"rq.override.hint":       {"第三方不同意公开而决定公开的，写明不公开可能对公共利益造成重大影响的理由；该理由将写入致第三方的决定公开告知书（条例第三十二条）。", "When a third party objected: why withholding would seriously harm the public interest; it goes to the third party in the notice of disclosure (Article 32)."},
	"rq.act.split":           {"拆分登记（一事一申请）", "Split the application (one item, one request)"},
	"rq.split.items":         {"申请内容，每行一项", "The items, one per line"},
	"rq.split.hint":          {"第一项由本申请继续办理，其余各项分别登记为新的申请，收到申请之日、渠道和查询码不变，分别答复、分别计入年度报告。", "This request keeps the first item; each other item is registered as a new request with the same receipt date, channel and query code, answered and counted separately."},
	"rq.btn.split":           {"拆分登记", "Split"},
}
