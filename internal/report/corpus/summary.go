package corpus

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

//go:embed summary.html.tmpl
var summaryTmpl string

var summaryPageTmpl = template.Must(template.New("summary").Funcs(template.FuncMap{
	"join":    strings.Join,
	"compact": CompactWhere,
}).Parse(summaryTmpl))

// summaryPage is what summary.html shows.
type summaryPage struct {
	Totals     Totals
	Files      []File
	Agencies   []agencyRow
	RuleChart  chart
	ErrorChart chart
	Rules      []ruleRow
	RuleIDs    []string
}

// agencyRow sums the files of one agency.
type agencyRow struct {
	Agency        string
	Years         string
	Files         int
	Errors        int
	Warnings      int
	ChainFindings int // R6 and R7
	Rules         []string
	// PerRule[i] counts the findings of report.Rules[i], for the matrix
	// of what is wrong where.
	PerRule []ruleCount
}

// ruleCount is one cell of the agency × rule matrix.
type ruleCount struct {
	N     int
	Class string // "", "error" or "warning"
}

// ruleRow is one rule with how often it is broken.
type ruleRow struct {
	report.Rule
	Findings, Files int
}

// A chart is a horizontal bar chart drawn as inline SVG.
type chart struct {
	Title         string
	Width, Height int
	LabelX, BarX  int
	Bars          []bar
}

// bar is one bar of a chart, laid out.
type bar struct {
	Label, Note, Class string
	Value              int
	Y, W, TextY, NoteX int
}

// Chart geometry, in SVG user units.
const (
	chartLabelW = 140
	chartBarW   = 300
	chartRowH   = 26
)

// newChart lays out the bars of a chart.
func newChart(title string, bars []bar) chart {
	maxV := 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	for i := range bars {
		b := &bars[i]
		b.Y = 8 + i*chartRowH
		b.TextY = b.Y + 15
		b.W = b.Value * chartBarW / maxV
		if b.Value > 0 && b.W < 2 {
			b.W = 2
		}
		b.NoteX = chartLabelW + b.W + 6
	}
	return chart{Title: title, Width: chartLabelW + chartBarW + 100, Height: 16 + len(bars)*chartRowH, LabelX: chartLabelW - 6, BarX: chartLabelW, Bars: bars}
}

// WriteSummary writes summary.html: a standalone page (inline CSS, JS and
// SVG, nothing fetched) with the totals, charts of findings by rule and of
// files by error count, a sortable table of every file, a table per agency
// and the findings of each file.
func WriteSummary(w io.Writer, files []File) error {
	p := summaryPage{Totals: Sum(files), Files: files}
	for _, r := range report.Rules {
		p.RuleIDs = append(p.RuleIDs, r.ID)
	}

	// Findings by rule.
	perRule := map[string]*ruleRow{}
	for _, r := range report.Rules {
		perRule[r.ID] = &ruleRow{Rule: r}
	}
	for i := range files {
		for _, id := range files[i].Rules {
			if rr := perRule[id]; rr != nil {
				rr.Files++
			}
		}
		for _, fd := range files[i].Findings {
			if rr := perRule[fd.Rule]; rr != nil {
				rr.Findings++
			}
		}
	}
	var ruleBars []bar
	for _, r := range report.Rules {
		rr := perRule[r.ID]
		p.Rules = append(p.Rules, *rr)
		ruleBars = append(ruleBars, bar{Label: r.ID, Value: rr.Findings, Class: string(r.Severity),
			Note: fmt.Sprintf("%d 项 · %d 份", rr.Findings, rr.Files)})
	}
	p.RuleChart = newChart("各规则的问题数（项 · 涉及报告份数）", ruleBars)

	// Files by error count.
	buckets := []struct {
		label  string
		lo, hi int
	}{{"无错误", 0, 0}, {"1 项", 1, 1}, {"2 项", 2, 2}, {"3–5 项", 3, 5}, {"6–10 项", 6, 10}, {"10 项以上", 11, 1 << 30}}
	counts := make([]int, len(buckets)+1)
	for i := range files {
		f := &files[i]
		if !f.Readable() {
			counts[len(buckets)]++
			continue
		}
		for j, b := range buckets {
			if f.Errors >= b.lo && f.Errors <= b.hi {
				counts[j]++
			}
		}
	}
	var errBars []bar
	for j, b := range buckets {
		class := "error"
		if j == 0 {
			class = "ok"
		}
		errBars = append(errBars, bar{Label: b.label, Value: counts[j], Class: class, Note: fmt.Sprintf("%d 份", counts[j])})
	}
	errBars = append(errBars, bar{Label: "无法读取", Value: counts[len(buckets)], Class: "unreadable", Note: fmt.Sprintf("%d 个", counts[len(buckets)])})
	p.ErrorChart = newChart("按错误数统计的报告份数", errBars)

	p.Agencies = agencies(files)
	if err := summaryPageTmpl.Execute(w, p); err != nil {
		return fmt.Errorf("audit: write summary: %w", err)
	}
	return nil
}

// agencies sums the readable files per agency, most errors first.
func agencies(files []File) []agencyRow {
	byKey := map[string]*agencyRow{}
	years := map[string][]int{}
	var keys []string
	for i := range files {
		f := &files[i]
		if !f.Readable() {
			continue
		}
		key := report.Normalize(f.Agency)
		a := byKey[key]
		if a == nil {
			a = &agencyRow{Agency: f.Agency}
			if a.Agency == "" {
				a.Agency = "（未识别出机关名称）"
			}
			byKey[key] = a
			keys = append(keys, key)
		}
		a.Files++
		a.Errors += f.Errors
		a.Warnings += f.Warnings
		years[key] = append(years[key], f.Year)
		if a.PerRule == nil {
			a.PerRule = make([]ruleCount, len(report.Rules))
		}
		for _, fd := range f.Findings {
			if fd.Rule == report.RuleCarry || fd.Rule == report.RuleInForce {
				a.ChainFindings++
			}
			for i, r := range report.Rules {
				if r.ID == fd.Rule {
					a.PerRule[i].N++
					a.PerRule[i].Class = string(r.Severity)
				}
			}
		}
	}
	out := make([]agencyRow, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		ys := years[k]
		sort.Ints(ys)
		parts := make([]string, len(ys))
		for i, y := range ys {
			parts[i] = fmt.Sprint(y)
		}
		a.Years = strings.Join(parts, "、")
		for i, r := range report.Rules {
			if a.PerRule[i].N > 0 {
				a.Rules = append(a.Rules, r.ID)
			}
		}
		out = append(out, *a)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Errors != out[j].Errors {
			return out[i].Errors > out[j].Errors
		}
		return out[i].Agency < out[j].Agency
	})
	return out
}
