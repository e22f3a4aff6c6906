package parse

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// proactive handles tok i inside section 二 (主动公开政府信息情况).
func (x *extractor) proactive(i int) int {
	t := &x.toks[i]
	if t.kind != kText {
		return i + 1
	}
	p := matchProactive(t.key)
	if p == 0 {
		if strings.HasPrefix(t.key, "第二十条第") {
			x.src.Tables[2] = true
		}
		return i + 1
	}
	x.src.Tables[2] = true
	if x.p2Seen[p] {
		return i + 1
	}
	x.p2Seen[p] = true
	if x.r.Template == report.Template2019 {
		return x.proactive2019(i, p)
	}
	pr := &x.r.Proactive
	triple := func(key string, tr *report.Triple) int {
		vals, next := x.collect(i, 3)
		if len(vals) != 3 {
			ids := []report.CellID{report.CellID("proactive." + key + ".issued"), report.CellID("proactive." + key + ".repealed"), report.CellID("proactive." + key + ".in_force")}
			if r, ok := x.asRun(t, vals, 3, false); ok {
				x.solvePlain(r, ids, []*report.Num{&tr.Issued, &tr.Repealed, &tr.InForce}, false)
				return next
			}
			x.short(ids[0], t, vals, 3)
			return next
		}
		x.setNum(report.CellID("proactive."+key+".issued"), &tr.Issued, vals[0])
		x.setNum(report.CellID("proactive."+key+".repealed"), &tr.Repealed, vals[1])
		x.setNum(report.CellID("proactive."+key+".in_force"), &tr.InForce, vals[2])
		return next
	}
	single := func(id report.CellID, num *report.Num, dec *report.Dec) int {
		vals, next := x.collect(i, 1)
		if len(vals) == 0 {
			if k, ok := x.valueBefore(i); ok {
				vals = []int{k}
			}
		}
		if len(vals) != 1 {
			x.short(id, t, vals, 1)
			return next
		}
		if dec != nil {
			x.setDec(id, dec, vals[0])
		} else {
			x.setNum(id, num, vals[0])
		}
		return next
	}
	switch p {
	case p2Regulations:
		return triple("regulations", &pr.Regulations)
	case p2Normative:
		return triple("normative_documents", &pr.NormativeDocuments)
	case p2Licensing:
		return single("proactive.licensing_decisions", &pr.LicensingDecisions, nil)
	case p2Penalty:
		return single("proactive.penalty_decisions", &pr.PenaltyDecisions, nil)
	case p2Coercion:
		return single("proactive.coercion_decisions", &pr.CoercionDecisions, nil)
	case p2Fees:
		return single("proactive.fees_wan_yuan", nil, &pr.FeesWanYuan)
	}
	return i + 1
}

// valueBefore finds the value that plain pdftotext output puts before a
// one-value row's label (the value sits higher on the page): the tok just
// before the label, unused, itself preceded by a header.
func (x *extractor) valueBefore(i int) (int, bool) {
	k := i - 1
	for k >= 0 && x.toks[k].kind == kBlank {
		k--
	}
	if k < 1 || x.toks[k].used || x.toks[k].kind != kNum && x.toks[k].kind != kBad {
		return 0, false
	}
	h := &x.toks[k-1]
	if h.kind != kText || !isHeader(h.key) || len(x.d.Lines[x.toks[k].line].Cells) != 1 {
		return 0, false
	}
	return k, true
}

// proactive2019 reads a row of table 二 in the 2019 (试行) template.
func (x *extractor) proactive2019(i, p int) int {
	t := &x.toks[i]
	p19 := x.r.Proactive2019
	id := func(s string) report.CellID { return report.CellID("proactive_2019." + s) }
	triple := func(key string, tr *report.Triple2019) int {
		vals, next := x.collect(i, 3)
		if len(vals) != 3 {
			if r, ok := x.asRun(t, vals, 3, false); ok {
				x.solvePlain(r, []report.CellID{id(key + ".made"), id(key + ".published"), id(key + ".total")}, []*report.Num{&tr.Made, &tr.Published, &tr.Total}, false)
				return next
			}
			x.short(id(key+".made"), t, vals, 3)
			return next
		}
		x.setNum(id(key+".made"), &tr.Made, vals[0])
		x.setNum(id(key+".published"), &tr.Published, vals[1])
		x.setNum(id(key+".total"), &tr.Total, vals[2])
		return next
	}
	items := func(key string, it *report.Items2019, n int) int {
		vals, next := x.collect(i, n)
		if len(vals) != n {
			if r, ok := x.asRun(t, vals, n, true); ok {
				ids := []report.CellID{id(key + ".prev_year"), id(key + ".change"), id(key + ".decisions")}
				dst := []*report.Num{&it.PrevYear, &it.Change, &it.Decisions}
				x.solvePlain(r, ids[:n], dst[:n], true)
				return next
			}
			x.short(id(key+".prev_year"), t, vals, n)
			return next
		}
		x.setNum(id(key+".prev_year"), &it.PrevYear, vals[0])
		x.setChange(id(key+".change"), &it.Change, vals[1])
		if n == 3 {
			x.setNum(id(key+".decisions"), &it.Decisions, vals[2])
		}
		return next
	}
	switch p {
	case p2Regulations:
		return triple("regulations", &p19.Regulations)
	case p2Normative:
		return triple("normative_documents", &p19.NormativeDocuments)
	case p2Licensing:
		return items("licensing", &p19.Licensing, 3)
	case p2OtherServices:
		return items("other_services", &p19.OtherServices, 3)
	case p2Penalty:
		return items("penalty", &p19.Penalty, 3)
	case p2Coercion:
		return items("coercion", &p19.Coercion, 3)
	case p2Fees:
		return items("fees", &p19.Fees, 2)
	case p2Procurement:
		vals, next := x.collect(i, 2)
		if len(vals) == 1 {
			if r, ok := x.asRun(t, vals, 2, false); ok {
				x.procurementRun(r, p19)
				return next
			}
		}
		if len(vals) != 2 {
			x.short(id("procurement_count"), t, vals, 2)
			return next
		}
		x.setNum(id("procurement_count"), &p19.ProcurementCount, vals[0])
		a := &x.toks[vals[1]]
		a.used = true
		x.src.Cells[id("procurement_amount")] = a.pos
		if a.kind != kBlank && a.kind != kDash {
			p19.ProcurementAmount = strings.Clone(strings.TrimSpace(a.raw))
		}
		return next
	}
	return i + 1
}

// setChange reads a 本年增/减 cell of the 2019 template: "3", "增3", "+3",
// "减4", "-4".
func (x *extractor) setChange(id report.CellID, dst *report.Num, k int) {
	t := &x.toks[k]
	if t.kind == kBad {
		s := t.n
		neg := false
		switch {
		case strings.HasPrefix(s, "增"):
			s = strings.TrimPrefix(s, "增")
		case strings.HasPrefix(s, "+"):
			s = s[1:]
		case strings.HasPrefix(s, "减"):
			s, neg = strings.TrimPrefix(s, "减"), true
		}
		if v, ok := parseInt(s); ok {
			t.used = true
			x.src.Cells[id] = t.pos
			if neg {
				v = -v
			}
			*dst = report.N(v)
			return
		}
	}
	x.setNum(id, dst, k)
}

// requests handles tok i inside section 三 (收到和处理政府信息公开申请情况).
func (x *extractor) requests(i int) int {
	t := &x.toks[i]
	if t.kind != kText {
		return i + 1
	}
	m, ok := matchReq(t.key, x.group == 6, x.results)
	if !ok {
		return i + 1
	}
	x.src.Tables[3] = true
	if x.firstReq < 0 {
		x.firstReq = i
	}
	if m.group > 0 {
		x.group = m.group
		x.sixLabel = x.sixLabel || m.group == 6
		if m.group != 6 {
			return i + 1
		}
		// （六）其他处理 is a group label in the 2021 template and a row of
		// its own in the 2019 one (and in some 2021 reports): it is a row
		// when values follow it.
		vals, next := x.collect(i, report.NumCols)
		if len(vals) == 0 {
			return next
		}
		x.sixSingle = true
		return x.setRow(report.OtherOther, t, vals, next)
	}
	row := m.row
	if row.IsResult() {
		x.results = true
	}
	if row == report.OtherNoCorrection || row == report.OtherFeeUnpaid {
		x.sixSubs = true
		x.group = 6 // its group label may share the row's cell: "（六）其他处理1.申请人…"
	}
	if x.reqSeen[row] {
		return i + 1
	}
	vals, next := x.collect(i, report.NumCols)
	return x.setRow(row, t, vals, next)
}

// setRow fills one row of table 三 from its value toks.
func (x *extractor) setRow(row report.RowID, label *tok, vals []int, next int) int {
	x.reqSeen[row] = true
	if x.r.Requests[row] == nil {
		x.r.Requests[row] = &report.Row{}
	}
	if len(vals) != report.NumCols {
		if r, ok := x.asRun(label, vals, report.NumCols, false); ok {
			x.reqRuns = append(x.reqRuns, &reqRun{run: *r, row: row})
			return next
		}
		if x.pipeShort(row, label, vals) {
			return next
		}
		if rr, ok := x.cellLineShort(row, label, vals); ok {
			x.reqRuns = append(x.reqRuns, rr)
			return next
		}
		x.short(report.ReqCell(row, 0), label, vals, report.NumCols)
		return next
	}
	for c, k := range vals {
		x.setNum(report.ReqCell(row, report.Col(c)), &x.r.Requests[row][c], k)
	}
	return next
}

// pipeShort reads a "|" row of table 三 that has fewer cells than columns
// but keeps blank cells inside it (`（一）予以公开 | 258 | 12 |  |  | 1 | 1 |`):
// such a converter writes every cell, blank or not, and loses only the
// trailing blank ones, so the cells fill the columns from the left and the
// lost ones are reported as blank (R5), rather than the row dropped.
func (x *extractor) pipeShort(row report.RowID, label *tok, vals []int) bool {
	if len(vals) < 4 || len(vals) >= report.NumCols || !label.pipe {
		return false
	}
	blank := false
	for _, k := range vals {
		t := &x.toks[k]
		if !t.pipe || t.line != label.line {
			return false
		}
		blank = blank || t.kind == kBlank
	}
	if !blank {
		return false
	}
	for c, k := range vals {
		x.setNum(report.ReqCell(row, report.Col(c)), &x.r.Requests[row][c], k)
	}
	for c := len(vals); c < report.NumCols; c++ {
		x.problem(report.ReqCell(row, report.Col(c)), label, fmt.Sprintf("该行只有 %d 个单元格，“%s” 列没有单元格（行末的空白单元格被截去），视为空白", len(vals), report.ColLabels[c]))
	}
	return true
}

// reviewLitigation handles tok i inside section 四: it gathers the lines
// that hold only values (one row of 15 in the template), or reads a row
// labelled with a group name followed by five values.
func (x *extractor) reviewLitigation(i int) int {
	t := &x.toks[i]
	li := t.line
	s, e := x.lineStart[li], x.lineStart[li+1]
	if t.kind == kText {
		if g := matchGroup(t.key); g >= 0 {
			vals, next := x.collect(i, 5)
			if len(vals) == 5 && x.lineValues(li) == 5 {
				x.rlGroups = true
				x.src.Tables[4] = true
				grp := x.r.ReviewLitigation.Groups()[g]
				for o, k := range vals {
					x.setNum(report.RLCell(g, o), grp.Cells()[o], k)
				}
				return next
			}
		}
		return i + 1
	}
	// A value line: every uncovered cell is a value, not all blank unless
	// the line is wide enough to be the data row.
	values, blanks := 0, 0
	for j := s; j < e; j++ {
		u := &x.toks[j]
		if u.covered {
			continue
		}
		if !u.kind.isValue() {
			return e
		}
		values++
		if u.kind == kBlank {
			blanks++
		}
	}
	if values == blanks && values < 5 {
		return e
	}
	for j := s; j < e; j++ {
		if !x.toks[j].covered && !x.toks[j].used {
			x.rlVals = append(x.rlVals, j)
		}
	}
	return e
}

// lineValues counts the uncovered value cells of line li.
func (x *extractor) lineValues(li int) int {
	n := 0
	for j := x.lineStart[li]; j < x.lineStart[li+1]; j++ {
		if !x.toks[j].covered && x.toks[j].kind.isValue() {
			n++
		}
	}
	return n
}

// finish fills table 四, settles the （六） rows and reports values that no
// row claimed.
func (x *extractor) finish() {
	if !x.rlGroups && len(x.rlVals) > 0 {
		x.src.Tables[4] = true
		vals := x.rlVals
		if len(vals) > 15 {
			for _, k := range vals[15:] {
				if x.toks[k].kind != kBlank {
					x.problem("", &x.toks[k], "表四多余的数值，无法对应到列")
				}
			}
			vals = vals[:15]
		}
		if r, ok := x.asRun(&x.toks[vals[0]], vals, 15, false); ok {
			x.src.Tables[4] = true
			x.solveReview(r)
		} else if len(vals) < 15 {
			var found []string
			for _, k := range vals {
				found = append(found, x.toks[k].raw)
			}
			x.problem(report.RLCell(0, 0), &x.toks[vals[0]], fmt.Sprintf("表四应有 15 个数值，只找到 %d 个（%s），无法确定各自所在的列", len(vals), strings.Join(found, "、")))
		} else {
			groups := x.r.ReviewLitigation.Groups()
			for n, k := range vals {
				x.setNum(report.RLCell(n/5, n%5), groups[n/5].Cells()[n%5], k)
			}
		}
	}
	// 2019 template, or a 2021 report printing the old single （六） row:
	// other_no_correction and other_fee_unpaid are rows it does not have
	// (report-model.md, Section 三).
	if !x.sixSubs && (x.sixSingle || x.sixLabel || x.r.Template == report.Template2019) {
		x.r.Requests[report.OtherNoCorrection] = nil
		x.r.Requests[report.OtherFeeUnpaid] = nil
	}
	x.truncated()
	x.solveRequests()
	x.orphans()
	x.r.Sections = report.Sections{
		Overview: joinParagraphs(x.sections[1]),
		Problems: joinParagraphs(x.sections[5]),
		Other:    joinParagraphs(x.sections[6]),
	}
}

// truncated drops the rows of table 三 that a page cut short never
// reached: when nothing after table 三 is there (no table 四, no heading
// 四, 五 or 六), the rows after the last one found are missing, not blank
// (R5 names them, R10 the missing sections and table).
func (x *extractor) truncated() {
	s := x.src
	if !s.Tables[3] || s.Tables[4] || s.Headings[4] || s.Headings[5] || s.Headings[6] {
		return
	}
	last := -1
	for r, seen := range x.reqSeen {
		if seen {
			last = r
		}
	}
	for r := last + 1; r < report.NumRows; r++ {
		x.r.Requests[r] = nil
	}
}

// orphans reports numbers inside table 三 that no row claimed: the text's
// reading order is then broken (plain pdftotext output of a complex
// table), and the rows read may be wrong.
func (x *extractor) orphans() {
	if x.firstReq < 0 {
		return
	}
	var found []string
	var first *tok
	end := x.sec3End
	if end < 0 {
		end = len(x.toks)
	}
	for j := x.firstReq; j < end; j++ {
		t := &x.toks[j]
		if t.line >= x.sigLine {
			break
		}
		if !t.used && !t.covered && (t.kind == kNum || t.kind == kBad) {
			if first == nil {
				first = t
			}
			found = append(found, t.raw)
		}
	}
	if len(found) > 0 {
		if len(found) > 10 {
			found = append(found[:10], "…")
		}
		x.problem("", first, fmt.Sprintf("表三有 %d 个数值不属于任何一行（%s）：文本的阅读顺序可能被打乱，所读各行未必可靠", len(found), strings.Join(found, "、")))
	}
}

// joinParagraphs joins the lines of a section, re-joining lines that a PDF
// wrapped inside a sentence.
func joinParagraphs(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			if endsSentence(prev) || len([]rune(prev)) < 20 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func endsSentence(s string) bool {
	for _, p := range []string{"。", "！", "？", "；", "：", ":", ";", "!", "?", "）", ")"} {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}
