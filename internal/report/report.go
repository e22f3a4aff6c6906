// Package report holds the annual report on government information
// disclosure (政府信息公开工作年度报告) as data: both national templates, every
// cell by its stable id, the JSON shape gongkai.annual-report/v1, and the
// validation rules R1–R10 of spec/report-model.md.
//
// A blank, "/" or "—" cell is "no value" (Num.Valid false), never 0.
package report

import "strconv"

// Schema is the value of the "schema" key of every exported report.
const Schema = "gongkai.annual-report/v1"

// A Template names the national template a report follows.
type Template string

// The two national templates.
const (
	// Template2021 is 国办公开办函〔2021〕30号, for reports on 2021 and later.
	Template2021 Template = "2021"
	// Template2019 is the 试行 format of 国办公开办函〔2019〕60号, for 2019 and 2020.
	Template2019 Template = "2019"
)

// A Report is one agency's annual report for one year.
type Report struct {
	Template Template
	Agency   string
	Year     int
	// Date is the date the report states for itself (YYYY-MM-DD), or "" when none.
	Date             string
	Proactive        Proactive
	Proactive2019    *Proactive2019 // only for reports in the 2019 template
	Requests         Requests
	ReviewLitigation ReviewLitigation
	Sections         Sections
	// Source tells where each value came from when the report was parsed
	// from a published document; nil for a report built from data or JSON.
	Source *Source
}

// Sections holds the report's free text.
type Sections struct {
	Overview string // 一、总体情况
	Problems string // 五、存在的主要问题及改进情况
	Other    string // 六、其他需要报告的事项
}

// Title returns the report's title as agencies print it:
// 宁波市北仑区司法局2022年度政府信息公开工作年度报告.
func (r *Report) Title() string {
	return r.Agency + strconv.Itoa(r.Year) + "年度政府信息公开工作年度报告"
}

// IsZero reports whether no section has text.
func (s Sections) IsZero() bool { return s.Overview == "" && s.Problems == "" && s.Other == "" }

// Empty returns an empty report in the given template with every cell
// absent, every request row present (nil rows only where the template has
// none).
func Empty(t Template) *Report {
	r := &Report{Template: t}
	for i := range r.Requests {
		r.Requests[i] = &Row{}
	}
	if t == Template2019 {
		r.Requests[OtherNoCorrection] = nil
		r.Requests[OtherFeeUnpaid] = nil
		r.Proactive2019 = &Proactive2019{}
	}
	return r
}
