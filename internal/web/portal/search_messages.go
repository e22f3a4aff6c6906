package portal

import "github.com/gongkai/gongkai/internal/web"

// searchMessages are the texts of the search page; init merges them into
// Messages.
var searchMessages = web.Messages{
	"search.title": {"站内检索", "Search"},
	"search.basis": {"依据《中华人民共和国政府信息公开条例》第二十四条，检索本平台主动公开的政府信息和政府信息公开工作年度报告。每个以空格分隔的词都须出现在标题、文号、正文或附件中；简体、繁体、全角、半角均可。",
		"Under Article 24 of the Regulations: search the information published on this platform and the annual reports. Every word separated by spaces must occur in the title, document number, text or attachments; simplified or traditional characters, full-width or half-width, all match."},
	"search.total":          {"共找到 %d 条结果", "%d results"},
	"search.bounded":        {"单字检索的结果较多：以下按最近发布的 %d 条排序和分类；输入两个字以上的词可得到更准确的结果。", "A single character matches many documents: the results and filters below rank the %d most recently indexed; a word of two characters or more gives better results."},
	"search.none":           {"没有找到同时包含这些词的信息。可以减少检索词，或去掉筛选条件。", "Nothing holds all these words. Try fewer words, or clear the filters."},
	"search.query_invalid":  {"检索词无效：最多 %d 个词，每个词最多 %d 个字。", "The query is not valid: at most %d words, each at most %d characters."},
	"search.filter_invalid": {"筛选条件无效，请从结果旁的筛选列表中选择。", "A filter is not valid; choose one from the lists beside the results."},
	"search.filters":        {"筛选结果", "Filter the results"},
	"search.by_agency":      {"发布机关", "Agency"},
	"search.by_column":      {"栏目", "Column"},
	"search.by_year":        {"发布年份", "Year published"},
	"search.all":            {"全部", "All"},
	"search.results":        {"检索结果", "Results"},
	"search.index_no":       {"索引号", "Index no."},
	"search.published":      {"发布日期", "Published"},
	"search.page":           {"第 %d 页，共 %d 页", "Page %d of %d"},
	"search.prev":           {"上一页", "Previous page"},
	"search.next":           {"下一页", "Next page"},
	"search.pages":          {"分页", "Pages"},
	"search.selected":       {"（已选）", " (selected)"},
}

func init() {
	for k, v := range searchMessages {
		Messages[k] = v
	}
}
