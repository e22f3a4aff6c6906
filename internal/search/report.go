package search

import "github.com/gongkai/gongkai/internal/report"

// ReportColumn is the column the published annual reports are found in:
// 政府信息公开年报, one of the first-level entries every agency's
// 政府信息公开 column has (国办公开办函〔2019〕61号). Its code is a top
// column no agency can add (an agency's own columns sit under the
// statutory ones), so it never collides with an item's category.
const ReportColumn = "annual-reports"

// ReportColumnName is ReportColumn's name.
const ReportColumnName = "政府信息公开年报"

// ReportDoc returns the searchable text of a published annual report
// (条例第五十条): its title, no 文号, and the free text of sections 一, 五
// and 六 under their headings, a paragraph a line. The tables are numbers
// and are not searched.
func ReportDoc(rep *report.Report) Doc {
	var text []string
	for _, s := range []struct{ head, body string }{
		{"一、总体情况", rep.Sections.Overview},
		{"五、存在的主要问题及改进情况", rep.Sections.Problems},
		{"六、其他需要报告的事项", rep.Sections.Other},
	} {
		if s.body != "" {
			text = append(text, s.head, s.body)
		}
	}
	return Doc{Title: rep.Title(), Attachments: text}
}
