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
// and the findings of each file. An audit writes the same page file by
// file (Writer); this is the form for files held in memory.
func WriteSummary(w io.Writer, files []File) error {
	var acc summaryAcc
	for i := range files {
		acc.add(&files[i])
	}
	err := acc.writeHead(w)
	for i := 0; err == nil && i < len(files); i++ {
		err = writePart(w, "row", i, &files[i])
	}
	if err == nil {
		err = acc.writeMid(w)
	}
	for i := 0; err == nil && i < len(files); i++ {
		err = writePart(w, "detail", i, &files[i])
	}
	if err == nil {
		err = writeTail(w)
	}
	return err
}

// partData is what the row and detail parts of the page show: file F, the
// I-th of the audit.
type partData struct {
	I int
	F *File
}

// writePart writes one file's row or detail of summary.html.
func writePart(w io.Writer, name string, i int, f *File) error {
	if err := summaryPageTmpl.ExecuteTemplate(w, name, partData{i, f}); err != nil {
		return fmt.Errorf("audit: write summary: %w", err)
	}
	return nil
}

// writeTail closes summary.html.
func writeTail(w io.Writer) error {
	if err := summaryPageTmpl.ExecuteTemplate(w, "page-tail", nil); err != nil {
		return fmt.Errorf("audit: write summary: %w", err)
	}
	return nil
}

// A summaryAcc sums the files of an audit for summary.html as they come:
// counters per rule, per error bucket and per agency, never the files.
type summaryAcc struct {
	totals   Totals
	perRule  []ruleRow // per report.Rules
	buckets  []int     // files per errBuckets entry, then the unreadable ones
	agencies map[string]*agencyAcc
	keys     []string // agency keys in order of first appearance
}

// agencyAcc is what summary.html keeps of one agency: counters only.
type agencyAcc struct {
	name                              string
	years                             []int
	files, errors, warnings, chainFds int
	perRule                           []int32 // findings per report.Rules
}

// errBuckets are the bars of the chart of files by error count.
var errBuckets = []struct {
	label  string
	lo, hi int
}{{"无错误", 0, 0}, {"1 项", 1, 1}, {"2 项", 2, 2}, {"3–5 项", 3, 5}, {"6–10 项", 6, 10}, {"10 项以上", 11, 1 << 30}}

// ruleIndex maps a rule id to its index in report.Rules.
var ruleIndex = func() map[string]int {
	m := map[string]int{}
	for i, r := range report.Rules {
		m[r.ID] = i
	}
	return m
}()

// init readies an empty accumulator.
func (a *summaryAcc) init() {
	if a.perRule != nil {
		return
	}
	for _, r := range report.Rules {
		a.perRule = append(a.perRule, ruleRow{Rule: r})
	}
	a.buckets = make([]int, len(errBuckets)+1)
	a.agencies = map[string]*agencyAcc{}
}

// add counts one file.
func (a *summaryAcc) add(f *File) {
	a.init()
	a.totals.Files++
	if !f.Readable() {
		a.totals.Unreadable++
		a.buckets[len(errBuckets)]++
		return
	}
	a.totals.Readable++
	a.totals.Errors += f.Errors
	a.totals.Warnings += f.Warnings
	if f.Errors > 0 {
		a.totals.WithErrors++
	}
	for _, id := range f.Rules {
		if i, ok := ruleIndex[id]; ok {
			a.perRule[i].Files++
		}
	}
	for _, fd := range f.Findings {
		if i, ok := ruleIndex[fd.Rule]; ok {
			a.perRule[i].Findings++
		}
	}
	for j, b := range errBuckets {
		if f.Errors >= b.lo && f.Errors <= b.hi {
			a.buckets[j]++
		}
	}
	key := report.Normalize(f.Agency)
	ag := a.agencies[key]
	if ag == nil {
		name := f.Agency
		if name == "" {
			name = "（未识别出机关名称）"
		}
		ag = &agencyAcc{name: strings.Clone(name), perRule: make([]int32, len(report.Rules))}
		a.agencies[key] = ag
		a.keys = append(a.keys, key)
	}
	ag.files++
	ag.errors += f.Errors
	ag.warnings += f.Warnings
	ag.years = append(ag.years, f.Year)
	for _, fd := range f.Findings {
		if fd.Rule == report.RuleCarry || fd.Rule == report.RuleInForce {
			ag.chainFds++
		}
		if i, ok := ruleIndex[fd.Rule]; ok {
			ag.perRule[i]++
		}
	}
}

// page lays out the totals, charts and tables of summary.html.
func (a *summaryAcc) page() summaryPage {
	a.init()
	p := summaryPage{Totals: a.totals, Rules: a.perRule}
	var ruleBars []bar
	for _, rr := range a.perRule {
		p.RuleIDs = append(p.RuleIDs, rr.ID)
		ruleBars = append(ruleBars, bar{Label: rr.ID, Value: rr.Findings, Class: string(rr.Severity),
			Note: fmt.Sprintf("%d 项 · %d 份", rr.Findings, rr.Files)})
	}
	p.RuleChart = newChart("各规则的问题数（项 · 涉及报告份数）", ruleBars)
	var errBars []bar
	for j, b := range errBuckets {
		class := "error"
		if j == 0 {
			class = "ok"
		}
		errBars = append(errBars, bar{Label: b.label, Value: a.buckets[j], Class: class, Note: fmt.Sprintf("%d 份", a.buckets[j])})
	}
	n := a.buckets[len(errBuckets)]
	errBars = append(errBars, bar{Label: "无法读取", Value: n, Class: "unreadable", Note: fmt.Sprintf("%d 个", n)})
	p.ErrorChart = newChart("按错误数统计的报告份数", errBars)
	p.Agencies = a.agencyRows()
	return p
}

// writeHead writes summary.html up to the rows of the file table.
func (a *summaryAcc) writeHead(w io.Writer) error {
	if err := summaryPageTmpl.ExecuteTemplate(w, "page-head", a.page()); err != nil {
		return fmt.Errorf("audit: write summary: %w", err)
	}
	return nil
}

// writeMid writes summary.html from the end of the file table to the
// findings of each file: the agency and rule tables.
func (a *summaryAcc) writeMid(w io.Writer) error {
	if err := summaryPageTmpl.ExecuteTemplate(w, "page-mid", a.page()); err != nil {
		return fmt.Errorf("audit: write summary: %w", err)
	}
	return nil
}

// agencyRows lists the agencies, most errors first.
func (a *summaryAcc) agencyRows() []agencyRow {
	out := make([]agencyRow, 0, len(a.keys))
	for _, k := range a.keys {
		ag := a.agencies[k]
		ys := append([]int(nil), ag.years...)
		sort.Ints(ys)
		parts := make([]string, len(ys))
		for i, y := range ys {
			parts[i] = fmt.Sprint(y)
		}
		row := agencyRow{Agency: ag.name, Years: strings.Join(parts, "、"), Files: ag.files, Errors: ag.errors,
			Warnings: ag.warnings, ChainFindings: ag.chainFds, PerRule: make([]ruleCount, len(report.Rules))}
		for i, r := range report.Rules {
			if n := ag.perRule[i]; n > 0 {
				row.PerRule[i] = ruleCount{N: int(n), Class: string(r.Severity)}
				row.Rules = append(row.Rules, r.ID)
			}
		}
		out = append(out, row)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Errors != out[j].Errors {
			return out[i].Errors > out[j].Errors
		}
		return out[i].Agency < out[j].Agency
	})
	return out
}
