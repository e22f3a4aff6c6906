package parse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// Digits run together: a row of table 三 printed "1000001" holds seven
// cells whose separators were lost. The split is recovered from the
// template's arithmetic — a row's 总计 is the sum of its six applicant
// cells (R2), each column balances (R1), the result rows add up to （七）总计
// (R3), each group of table 四 sums to its 总计 (R4) — and only when the
// arithmetic leaves one split. Where two or more remain, the cells on which
// they disagree stay absent and are reported with the candidates (R5); a
// split is never guessed.

// maxSplits bounds the splits considered for one run of digits.
const maxSplits = 4096

// maxCombos bounds the combinations of ambiguous rows tried against the
// column sums.
const maxCombos = 200_000

// A run is a row whose value cells are run-together digits.
type run struct {
	groups []string // digit groups: the cells as found, each holding one or more values
	tok    int      // the first value tok, for positions and messages
	label  *tok
	// short is true for a row of whole cells that printed fewer cells than
	// the table has columns (cellLineShort): its candidates place the cells,
	// with noCell in the columns left without one.
	short bool
}

// runText is the run as found, groups separated by spaces.
func (r *run) text() string { return strings.Join(r.groups, " ") }

// asRun returns the value toks as a run of n values when they are all
// plain digits (a leading sign allowed when signed) and hold at least n
// digits between them; ok is false otherwise.
func (x *extractor) asRun(label *tok, vals []int, n int, signed bool) (*run, bool) {
	if len(vals) == 0 || len(vals) >= n {
		return nil, false
	}
	r := &run{tok: vals[0], label: label}
	digits := 0
	glued := false
	for _, k := range vals {
		t := &x.toks[k]
		s := t.n
		// Cells that a layout kept apart hold one value each, unless one
		// is impossible as a value ("00", "05"): digits ran together only
		// in text that lost its separators.
		if t.glued || len(s) > 1 && s[0] == '0' {
			glued = true
		}
		if t.kind != kNum && !(signed && t.kind == kBad) {
			return nil, false
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				digits++
			case signed && (c == '-' || c == '+') && i < len(s)-1:
			default:
				return nil, false
			}
		}
		r.groups = append(r.groups, s)
	}
	if digits < n || !glued {
		return nil, false
	}
	for _, k := range vals {
		x.toks[k].used = true
	}
	return r, true
}

// splits returns the ways to cut groups into exactly n whole numbers, each
// group into one or more, without leading zeros ("05" is not a cell), that
// keep accepts (all when keep is nil). With signed, a number may start
// with - or + (the 本年增/减 cells of the 2019 template's table 二). It
// gives up after maxLeaves splits tried or more than limit kept: complete
// is then false, and no split may be chosen.
func splits(groups []string, n int, signed bool, limit int, keep func([]int64) bool) (out [][]int64, complete bool) {
	cur := make([]int64, 0, n)
	leaves := 0
	complete = true
	// later[g] is how many characters the groups after g hold.
	later := make([]int, len(groups)+1)
	for g := len(groups) - 2; g >= 0; g-- {
		later[g] = later[g+1] + len(groups[g+1])
	}
	var rec func(g, pos int)
	rec = func(g, pos int) {
		if !complete {
			return
		}
		if g == len(groups) {
			if len(cur) != n {
				return
			}
			leaves++
			if leaves > maxLeaves {
				complete = false
				return
			}
			if keep == nil || keep(cur) {
				if len(out) >= limit {
					complete = false
					return
				}
				out = append(out, append([]int64(nil), cur...))
			}
			return
		}
		s := groups[g]
		left := n - len(cur)
		// Every group left needs a value, every value a character.
		if left < len(groups)-g || left > len(s)-pos+later[g] {
			return
		}
		start := pos
		neg := false
		if signed && start < len(s) && (s[start] == '-' || s[start] == '+') {
			neg = s[start] == '-'
			start++
		}
		var v int64
		for end := start + 1; end <= len(s); end++ {
			c := s[end-1]
			if c < '0' || c > '9' {
				return // a sign or other character inside a number
			}
			if end-start > 1 && s[start] == '0' || end-start > 12 {
				return
			}
			v = v*10 + int64(c-'0')
			if end < len(s) && left == 1 {
				continue // the last value runs to the end
			}
			if end < len(s) && left-1 > len(s)-end+later[g] {
				continue
			}
			val := v
			if neg {
				val = -v
			}
			cur = append(cur, val)
			if end == len(s) {
				rec(g+1, 0)
			} else {
				rec(g, end)
			}
			cur = cur[:len(cur)-1]
		}
	}
	rec(0, 0)
	return out, complete
}

// maxLeaves bounds the splits tried for one run.
const maxLeaves = 1 << 21

// sumsTo accepts a split whose last value is the sum of the others.
func sumsTo(c []int64) bool {
	var s int64
	for _, v := range c[:len(c)-1] {
		s += v
	}
	return s == c[len(c)-1]
}

// formatCands writes candidates as "1|0|0|0|0|0|1、10|0|…".
func formatCands(cands [][]int64, max int) string {
	var parts []string
	for i, c := range cands {
		if i == max {
			parts = append(parts, fmt.Sprintf("等 %d 种", len(cands)))
			break
		}
		s := make([]string, len(c))
		for k, v := range c {
			s[k] = candText(v)
		}
		parts = append(parts, strings.Join(s, "|"))
	}
	return strings.Join(parts, "、")
}

// settle sets the cells on which all candidates agree and reports the
// others with their possible values. ids and dst are the run's cells in
// order; why names the constraint that was applied.
func (x *extractor) settle(r *run, cands [][]int64, ids []report.CellID, dst []*report.Num, why string) {
	t := &x.toks[r.tok]
	if r.short {
		x.settleShort(r, cands, ids, dst, why)
		return
	}
	if len(cands) == 0 {
		x.problem(ids[0], t, fmt.Sprintf("数字连写 “%s”，无法拆分为 %d 个数值", r.text(), len(ids)))
		for _, id := range ids[1:] {
			x.problem(id, t, "同行数字连写，无法拆分")
		}
		return
	}
	for c, id := range ids {
		x.src.Cells[id] = t.pos
		v := cands[0][c]
		same := true
		var seen []string
		have := map[int64]bool{}
		for _, cand := range cands {
			if cand[c] != v {
				same = false
			}
			if !have[cand[c]] {
				have[cand[c]] = true
				seen = append(seen, strconv.FormatInt(cand[c], 10))
			}
		}
		if same {
			*dst[c] = report.N(v)
			continue
		}
		*dst[c] = report.Num{}
		x.problem(id, t, fmt.Sprintf("数字连写 “%s” 有 %d 种拆分%s（%s），本格可能为 %s，无法确定，请核对原文",
			r.text(), len(cands), why, formatCands(cands, 4), strings.Join(seen, " 或 ")))
	}
}

// A reqRun is a run of table 三 awaiting the column sums.
type reqRun struct {
	run
	row   report.RowID
	cands [][]int64
	why   string
}

// solveRequests splits the runs of table 三: each row by its own sum
// (R2), then the rows still ambiguous by the column sums (R1, R3) over the
// rows already read. A column sum that no split satisfies is an error in
// the report, which the rules then find; it decides nothing.
func (x *extractor) solveRequests() {
	if len(x.reqRuns) == 0 {
		return
	}
	q := &x.r.Requests
	var amb []*reqRun
	for _, rr := range x.reqRuns {
		if rr.short {
			if len(rr.cands) == 1 {
				x.setRun(rr, rr.cands)
			} else {
				amb = append(amb, rr)
			}
			continue
		}
		var complete bool
		rr.cands, complete = splits(rr.groups, report.NumCols, false, maxSplits, sumsTo)
		rr.why = "符合本行总计"
		if complete && len(rr.cands) == 0 {
			// The printed row breaks its own sum (R2 reports it): only a
			// split that the digits alone force is taken.
			rr.cands, complete = splits(rr.groups, report.NumCols, false, 2, nil)
			rr.why = ""
		}
		if !complete {
			x.setRun(rr, nil)
			continue
		}
		if len(rr.cands) == 1 {
			x.setRun(rr, rr.cands)
			continue
		}
		amb = append(amb, rr)
	}
	if len(amb) == 0 {
		return
	}
	combos := 1
	for _, rr := range amb {
		combos *= len(rr.cands)
		if combos > maxCombos {
			break
		}
	}
	if combos > maxCombos {
		for _, rr := range amb {
			x.setRun(rr, rr.cands)
		}
		return
	}
	// Try every combination against R1 and R3, column by column.
	pick := make([]int, len(amb))
	var okBoth, okR1, okR3 [][]int
	val := func(row report.RowID, c int) (int64, bool) {
		for k, rr := range amb {
			if rr.row == row {
				if v := rr.cands[pick[k]][c]; v != noCell {
					return v, true
				}
				return 0, true // a blank adds nothing to a sum
			}
		}
		if q[row] == nil {
			return 0, true // a row the template lacks counts 0
		}
		n := q[row][c]
		return n.V, n.Valid
	}
	involved := func(rows ...report.RowID) bool {
		for _, rr := range amb {
			for _, r := range rows {
				if rr.row == r {
					return true
				}
			}
		}
		return false
	}
	results := report.ResultRows()
	r1Rows := []report.RowID{report.New, report.CarriedOver, report.RowTotal, report.CarriedForward}
	r3Rows := append(append([]report.RowID(nil), results...), report.RowTotal)
	useR1, useR3 := involved(r1Rows...), involved(r3Rows...)
	var walk func(k int)
	walk = func(k int) {
		if k < len(amb) {
			for i := range amb[k].cands {
				pick[k] = i
				walk(k + 1)
			}
			return
		}
		r1, r3 := true, true
		for c := 0; c < report.NumCols; c++ {
			if useR1 {
				a, ok1 := val(report.New, c)
				b, ok2 := val(report.CarriedOver, c)
				t, ok3 := val(report.RowTotal, c)
				f, ok4 := val(report.CarriedForward, c)
				if ok1 && ok2 && ok3 && ok4 && a+b != t+f {
					r1 = false
				}
			}
			if useR3 {
				t, ok := val(report.RowTotal, c)
				var s int64
				for _, r := range results {
					v, ok2 := val(r, c)
					ok = ok && ok2
					s += v
				}
				if ok && s != t {
					r3 = false
				}
			}
		}
		p := append([]int(nil), pick...)
		if r1 && r3 {
			okBoth = append(okBoth, p)
		}
		if r1 {
			okR1 = append(okR1, p)
		}
		if r3 {
			okR3 = append(okR3, p)
		}
	}
	walk(0)
	chosen, why := okBoth, "符合本行总计及各列勾稽关系"
	if len(chosen) == 0 {
		// A real error in one family of sums: the other family may still
		// force the split (then the rules report the error).
		switch {
		case useR1 && len(okR1) > 0 && (len(okR3) == 0 || !useR3):
			chosen, why = okR1, "符合本行总计及第一项加第二项等于第三项加第四项"
		case useR3 && len(okR3) > 0 && (len(okR1) == 0 || !useR1):
			chosen, why = okR3, "符合本行总计及办理结果之和"
		}
	}
	for k, rr := range amb {
		if len(chosen) == 0 {
			x.setRun(rr, rr.cands)
			continue
		}
		var cands [][]int64
		seen := map[int]bool{}
		for _, p := range chosen {
			if !seen[p[k]] {
				seen[p[k]] = true
				cands = append(cands, rr.cands[p[k]])
			}
		}
		rr.why = why
		x.setRun(rr, cands)
	}
}

// setRun settles one row of table 三 from its candidates.
func (x *extractor) setRun(rr *reqRun, cands [][]int64) {
	row := x.r.Requests[rr.row]
	if row == nil {
		return
	}
	ids := make([]report.CellID, report.NumCols)
	dst := make([]*report.Num, report.NumCols)
	for c := range ids {
		ids[c] = report.ReqCell(rr.row, report.Col(c))
		dst[c] = &row[c]
	}
	why := rr.why
	if why != "" {
		why = "均" + why
	}
	x.settle(&rr.run, cands, ids, dst, why)
}

// solveReview splits the run-together values of table 四: three groups of
// five, each 总计 the sum of its four outcomes (R4).
func (x *extractor) solveReview(r *run) {
	cands, complete := splits(r.groups, 15, false, maxSplits, func(c []int64) bool {
		return sumsTo(c[0:5]) && sumsTo(c[5:10]) && sumsTo(c[10:15])
	})
	why := "均符合各组总计"
	if complete && len(cands) == 0 {
		cands, complete = splits(r.groups, 15, false, 2, nil)
		why = ""
	}
	if !complete {
		cands = nil
	}
	ids := make([]report.CellID, 15)
	dst := make([]*report.Num, 15)
	groups := x.r.ReviewLitigation.Groups()
	for n := range ids {
		ids[n] = report.RLCell(n/5, n%5)
		dst[n] = groups[n/5].Cells()[n%5]
	}
	x.settle(r, cands, ids, dst, why)
}

// solvePlain splits a run with no sum to check (table 二): only a split the
// digits alone force is taken.
func (x *extractor) solvePlain(r *run, ids []report.CellID, dst []*report.Num, signed bool) {
	var keep func([]int64) bool
	if signed {
		// 上一年项目数量 + 本年增/减 is the number of items now: not negative.
		keep = func(c []int64) bool { return c[0] >= 0 && c[0]+c[1] >= 0 && (len(c) < 3 || c[2] >= 0) }
	}
	cands, complete := splits(r.groups, len(ids), signed, maxSplits, keep)
	if !complete {
		cands = nil
	}
	x.settle(r, cands, ids, dst, "")
}

// procurementRun splits 政府集中采购's run-together count and amount (2019
// template): the amount has no sum to check, so only two digits split.
func (x *extractor) procurementRun(r *run, p *report.Proactive2019) {
	id := report.CellID("proactive_2019.procurement_count")
	cands, complete := splits(r.groups, 2, false, maxSplits, nil)
	if complete && len(cands) == 1 {
		x.src.Cells[id] = x.toks[r.tok].pos
		p.ProcurementCount = report.N(cands[0][0])
		p.ProcurementAmount = strconv.FormatInt(cands[0][1], 10)
		return
	}
	x.settle(r, cands, []report.CellID{id}, []*report.Num{&p.ProcurementCount}, "")
}
