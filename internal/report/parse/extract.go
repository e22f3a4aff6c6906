package parse

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/report"
)

// A tok is one cell of a Doc, prepared for matching.
type tok struct {
	raw     string
	n       string // report.Normalize(raw)
	key     string // stripNum(n)
	pos     report.Pos
	line    int // index into Doc.Lines
	first   bool
	covered bool
	glued   bool
	pipe    bool
	cellLn  bool // from a one-cell-per-line conversion
	used    bool
	kind    kind
	stop    int8 // isStopper cache: 0 unknown, 1 yes, 2 no
}

// An extractor maps one Doc onto the template's cells.
type extractor struct {
	d         *Doc
	toks      []tok
	lineStart []int  // lineStart[i] is the index of line i's first tok; one extra entry at the end
	heads     []int8 // lineHeading cache, -1 when not yet known
	r         *report.Report
	src       *report.Source

	// table 三 state
	group     int // current group label (3–6), 1 for 三、本年度办理结果
	results   bool
	sixSingle bool // （六）其他处理 had values of its own
	sixSubs   bool // （六）1–2 sub-rows were found
	sixLabel  bool // the （六）其他处理 label was found
	reqSeen   [report.NumRows]bool
	firstReq  int // tok index of the first row label of table 三, -1 before
	sec3End   int // tok index where section 三 ends, -1 before

	reqRuns  []*reqRun // rows of table 三 whose digits ran together
	rlVals   []int     // value toks of table 四
	rlGroups bool      // table 四 laid out as three labelled rows
	p2Seen   [p2Procurement + 1]bool

	trad     bool // the document is in traditional characters (folded for matching)
	sections [7][]string
	sigLine  int    // first line of the signature block, len(Lines) when none
	date     string // the date the report states, "" when none
}

// MaxCells bounds the cells FromDoc accepts: an annual report has a few
// thousand, and each costs memory while it is matched.
const MaxCells = 200_000

// cells counts the cells of d.
func (d *Doc) cells() int {
	n := 0
	for _, l := range d.Lines {
		n += len(l.Cells)
	}
	return n
}

// ErrNoRequestTable is wrapped by FromDoc when a document has no table 三:
// without it, the document is not an annual report in the template.
var ErrNoRequestTable = errors.New("找不到表三（收到和处理政府信息公开申请情况）")

// ErrNotReport is wrapped by FromDoc for a page that shows table 三's
// labels but is not a report: a list or flipbook page, labels with no
// numbers, a lone row with no agency and no year.
var ErrNotReport = errors.New("不是一份年度报告")

// notAReport says why a document that has table 三's labels is still not
// a report, or nil.
func (x *extractor) notAReport() error {
	rows := 0
	for _, seen := range x.reqSeen {
		if seen {
			rows++
		}
	}
	all := 0
	for _, p := range x.src.Problems {
		if strings.ContainsAny(report.Normalize(p.Text), "0123456789") {
			all++
		}
	}
	for _, c := range x.r.Cells() {
		if c.Present() {
			all++
		}
	}
	switch {
	case all == 0:
		return fmt.Errorf("%w：只有表格的标签，没有任何数字（目录页、翻页版的一页或空白模板？）", ErrNotReport)
	case rows <= 1 && x.r.Agency == "" && x.r.Year == 0:
		return fmt.Errorf("%w：没有机关名称和年度，表三只有 %d 行", ErrNotReport, rows)
	}
	return nil
}

// FromDoc maps a Doc read from any format onto the national template: it
// recognises the template version, the agency, year and date, the six
// section headings and the free text, and every cell of tables 二, 三 and
// 四, recording in report.Source where each value came from and every
// value it could not read. A row is never skipped because a cell is blank;
// a blank or a dash is an absent value, never 0.
func FromDoc(d *Doc) (*report.Report, error) {
	if d == nil {
		return nil, errors.New("parse: nil document")
	}
	if n := d.cells(); n > MaxCells {
		return nil, fmt.Errorf("%s: 文档过大，超过 %d 个单元格，不像一份年度报告（too many cells）", d.Name, MaxCells)
	}
	x := newExtractor(d)
	x.meta()
	x.r = report.Empty(x.template())
	x.metaInto(x.r)
	x.r.Source = x.src
	x.walk()
	x.finish()
	if !x.src.Tables[3] {
		return nil, fmt.Errorf("%s: %w", d.Name, ErrNoRequestTable)
	}
	if err := x.notAReport(); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Name, err)
	}
	return x.r, nil
}

func newExtractor(d *Doc) *extractor {
	x := &extractor{d: d, firstReq: -1, sec3End: -1, src: &report.Source{File: d.Name, Format: string(d.Format), Cells: make(map[report.CellID]report.Pos, 128)}}
	n := 0
	for _, l := range d.Lines {
		n += len(l.Cells)
	}
	x.toks = make([]tok, 0, n)
	x.lineStart = make([]int, 0, len(d.Lines)+1)
	x.trad = d.docHasTrad()
	for li, l := range d.Lines {
		x.lineStart = append(x.lineStart, len(x.toks))
		for ci, c := range l.Cells {
			nt := report.Normalize(c.Text)
			if x.trad {
				nt = foldTrad(nt) // labels match in 简体; raw keeps the text as written
			}
			t := tok{raw: c.Text, n: nt, pos: c.Pos, line: li, first: ci == 0, covered: c.Covered, glued: c.Glued, pipe: c.Pipe, cellLn: c.CellLine}
			t.kind = classify(nt)
			if t.kind == kText {
				t.key = stripNum(nt)
			}
			x.toks = append(x.toks, t)
		}
	}
	x.lineStart = append(x.lineStart, len(x.toks))
	x.heads = make([]int8, len(d.Lines))
	for i := range x.heads {
		x.heads[i] = -1
	}
	x.sigLine = len(d.Lines)
	return x
}

// lineText returns a line's cells joined by spaces.
func (x *extractor) lineText(li int) string {
	cells := x.d.Lines[li].Cells
	if len(cells) == 1 {
		return cells[0].Text
	}
	var b strings.Builder
	for _, c := range cells {
		if c.Covered || c.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.Text)
	}
	return b.String()
}

// lineHeading returns the section a one-cell line heads, or 0.
// A heading split into two or three cells ("三、  收到和处理…" in
// pdftotext -layout output) counts too.
func (x *extractor) lineHeading(li int) int {
	if h := x.heads[li]; h >= 0 {
		return int(h)
	}
	x.heads[li] = 0
	s, e := x.lineStart[li], x.lineStart[li+1]
	if e-s == 0 || e-s > 3 {
		return 0
	}
	for j := s; j < e; j++ {
		if x.toks[j].kind != kText || x.toks[j].covered {
			return 0
		}
	}
	k := x.toks[s].key
	if e-s > 1 {
		k = stripNum(x.lineNorm(li))
	}
	x.heads[li] = int8(heading(k))
	return int(x.heads[li])
}

// lineCue returns the table a line's cells announce when headings are
// missing: 2 for a 第二十条第 block header, 3 for table 三's header or first
// row, 4 for table 四's header; 0 otherwise.
func (x *extractor) lineCue(li int) int {
	for j := x.lineStart[li]; j < x.lineStart[li+1]; j++ {
		t := &x.toks[j]
		if t.kind != kText || utf8.RuneCountInString(t.key) > 40 {
			continue
		}
		switch {
		case strings.HasPrefix(t.key, "第二十条第"):
			return 2
		case strings.Contains(t.key, "本年新收") || strings.Contains(t.key, "勾稽关系") || t.key == "申请人情况":
			return 3
		case strings.Contains(t.key, "未经复议直接起诉") || t.key == "复议后起诉":
			return 4
		}
	}
	return 0
}

// walk visits the document once, following the sections.
func (x *extractor) walk() {
	section := 0
	i := 0
	for i < len(x.toks) {
		t := &x.toks[i]
		if t.first {
			li := t.line
			if li >= x.sigLine {
				break
			}
			if h := x.lineHeading(li); h > 0 {
				x.leave(section, i)
				section = h
				x.src.Headings[h] = true
				i = x.lineStart[li+1]
				continue
			}
			if c := x.lineCue(li); c > 0 && c != section && (c > section || section >= 5) {
				x.leave(section, i)
				section = c
			}
			if section == 1 || section == 5 || section == 6 {
				if s := strings.TrimSpace(x.lineText(li)); s != "" {
					x.sections[section] = append(x.sections[section], s)
				}
				i = x.lineStart[li+1]
				continue
			}
		}
		if t.used || t.covered {
			i++
			continue
		}
		switch section {
		case 2:
			i = x.proactive(i)
		case 3:
			i = x.requests(i)
		case 4:
			i = x.reviewLitigation(i)
		default:
			i++
		}
	}
}

// leave notes where section 三 ends, for orphans.
func (x *extractor) leave(section, i int) {
	if section == 3 && x.sec3End < 0 {
		x.sec3End = i
	}
}

// isStopper reports whether tok j ends a run of values: a row label of any
// table, a table header or a heading.
func (x *extractor) isStopper(j int) bool {
	t := &x.toks[j]
	if t.kind != kText {
		return false
	}
	if t.stop == 0 {
		t.stop = 2
		if _, ok := matchReq(t.key, true, true); ok || matchProactive(t.key) > 0 || isHeader(t.key) || heading(t.key) > 0 {
			t.stop = 1
		}
	}
	return t.stop == 1
}

// lineHasStopper reports whether any cell of line li is a stopper.
func (x *extractor) lineHasStopper(li int) bool {
	for j := x.lineStart[li]; j < x.lineStart[li+1]; j++ {
		if !x.toks[j].covered && x.isStopper(j) {
			return true
		}
	}
	return false
}

// collect gathers the n values that follow the label at tok i: the value
// cells after it in its own line (without empty cells at either end when
// there are more than n, then the last n),
// then, when the line has fewer, the value cells of the following lines
// (values that pdftotext wrapped onto a line of their own), skipping up to
// three cells of label text that wrapped before the first value. It stops
// at the next label, header or heading. It returns the value toks and the
// index to continue from.
func (x *extractor) collect(i, n int) ([]int, int) {
	li := x.toks[i].line
	end := x.lineStart[li+1]
	var vals []int
	j := i + 1
	for ; j < end; j++ {
		t := &x.toks[j]
		if t.covered || t.used {
			continue
		}
		if t.kind.isValue() {
			vals = append(vals, j)
			continue
		}
		if x.isStopper(j) || len(vals) > 0 {
			break
		}
	}
	if len(vals) > n {
		// More cells than values: a label or a merged header whose row
		// was not merged left empty cells at either end.
		for len(vals) > n && x.toks[vals[0]].kind == kBlank {
			vals = vals[1:]
		}
		for len(vals) > n && x.toks[vals[len(vals)-1]].kind == kBlank {
			vals = vals[:len(vals)-1]
		}
	}
	if len(vals) >= n {
		extra := vals[:len(vals)-n]
		for _, k := range extra {
			if x.toks[k].kind != kBlank {
				x.problem("", &x.toks[k], "多余的数值，无法对应到列")
				x.toks[k].used = true
			}
		}
		return vals[len(vals)-n:], j
	}
	if j < end {
		return vals, j // stopped inside the label's line
	}
	skipped := 0
	for j < len(x.toks) && len(vals) < n {
		t := &x.toks[j]
		if t.first && (x.lineHeading(t.line) > 0 || x.lineHasStopper(t.line) || t.line >= x.sigLine) {
			break
		}
		if t.covered || t.used {
			j++
			continue
		}
		if t.kind.isValue() {
			vals = append(vals, j)
			j++
			continue
		}
		if len(vals) == 0 && skipped < 3 {
			skipped++
			j++
			continue
		}
		break
	}
	if len(vals) == n && j < len(x.toks) {
		// A run of values longer than the row means the text lists a
		// table column by column: which values belong to this row cannot
		// be told. Return one more to say so.
		k := j
		for k < len(x.toks) && (x.toks[k].covered || x.toks[k].kind == kBlank) {
			k++
		}
		if k < len(x.toks) && (x.toks[k].kind == kNum || x.toks[k].kind == kBad) && !x.toks[k].used && !x.lineHasStopper(x.toks[k].line) && x.toks[k].line < x.sigLine {
			return append(vals, k), j
		}
	}
	return vals, j
}

// problem records a value the extractor could not read.
func (x *extractor) problem(id report.CellID, t *tok, reason string) {
	x.src.Problems = append(x.src.Problems, report.Problem{Cell: id, Pos: t.pos, Text: t.raw, Reason: reason})
}

// setNum reads a whole-number cell from tok k into dst.
func (x *extractor) setNum(id report.CellID, dst *report.Num, k int) {
	t := &x.toks[k]
	t.used = true
	x.src.Cells[id] = t.pos
	*dst = report.Num{}
	switch t.kind {
	case kBlank, kDash:
	case kNum:
		if v, ok := parseInt(t.n); ok {
			*dst = report.N(v)
			return
		}
		x.problem(id, t, "不是整数")
	default:
		x.problem(id, t, "无法识别的数值")
	}
}

// setDec reads a decimal cell (万元) from tok k into dst.
func (x *extractor) setDec(id report.CellID, dst *report.Dec, k int) {
	t := &x.toks[k]
	t.used = true
	x.src.Cells[id] = t.pos
	*dst = report.Dec{}
	switch t.kind {
	case kBlank, kDash:
	case kNum:
		s := strings.TrimSuffix(t.n, "万元")
		if report.IsDecimal(s) {
			*dst = report.D(strings.Clone(s)) // not a slice of the whole input
			return
		}
		if v, ok := parseInt(s); ok {
			*dst = report.D(fmt.Sprint(v))
			return
		}
		x.problem(id, t, "不是数字")
	default:
		x.problem(id, t, "无法识别的数值")
	}
}

// short records a row whose values could not all be found: its cells stay
// absent (which value is missing cannot be told), and the values found are
// reported rather than guessed into place.
func (x *extractor) short(id report.CellID, label *tok, vals []int, n int) {
	if len(vals) > n {
		x.problem(id, label, fmt.Sprintf("该行标签后的数值多于 %d 个，无法确定哪些属于该行（文本的阅读顺序可能被打乱）", n))
		return
	}
	var found []string
	for _, k := range vals {
		x.toks[k].used = true
		found = append(found, x.toks[k].raw)
	}
	reason := fmt.Sprintf("该行应有 %d 个数值，只找到 %d 个", n, len(vals))
	if len(found) > 0 {
		reason += "（" + strings.Join(found, "、") + "），无法确定各自所在的列"
	}
	x.problem(id, label, reason)
}
