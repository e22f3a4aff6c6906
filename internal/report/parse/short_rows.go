package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// Rows printed short. An HTML-to-text converter that writes one cell per
// line ("258 |") may leave cells out — the empty ones, or those the page's
// HTML never had — so that a row of table 三 prints five cells for seven
// columns. Which columns lost their cell cannot be seen in the text. The
// template's arithmetic decides it, as it decides run-together digits: the
// printed cells keep their order; every placement of them in the seven
// columns (the others blank) is a candidate; the row's 总计 must be the sum
// of its applicant cells (R2), then the rows still open must make every
// column balance (R1) and the results add up (R3) with the other rows, a
// blank adding nothing. One placement left: the cells are read, and the
// columns without a cell stay blank (null; R5 says so). Two or more: the
// cells on which they differ stay null and are reported (R5) with the
// candidates. Nothing is guessed.

// noCell marks a column without a value in a placement: no cell was
// printed for it, or the cell printed was blank.
const noCell = math.MinInt64

// candText writes one value of a candidate: "空" for noCell.
func candText(v int64) string {
	if v == noCell {
		return "空"
	}
	return strconv.FormatInt(v, 10)
}

// cellLineShort turns a row of table 三 that a one-cell-per-line
// conversion printed with fewer cells than columns into a run whose
// candidates are the placements of its cells; ok is false when the row is
// of another kind (or holds a cell that is not a number or a blank).
func (x *extractor) cellLineShort(row report.RowID, label *tok, vals []int) (*reqRun, bool) {
	if len(vals) == 0 || len(vals) >= report.NumCols {
		return nil, false
	}
	cells := make([]int64, len(vals))
	texts := make([]string, len(vals))
	for i, k := range vals {
		t := &x.toks[k]
		if !t.cellLn || t.glued {
			return nil, false
		}
		switch t.kind {
		case kBlank, kDash:
			cells[i], texts[i] = noCell, strings.TrimSpace(t.raw)
			if texts[i] == "" {
				texts[i] = "空"
			}
		case kNum:
			v, ok := parseInt(t.n)
			if !ok {
				return nil, false
			}
			cells[i], texts[i] = v, t.raw
		default:
			return nil, false
		}
	}
	all := placements(cells, report.NumCols)
	var cands [][]int64
	summed := false // a placement with a 总计 that is the sum of the row
	for _, c := range all {
		if rowSumHolds(c) {
			cands = append(cands, c)
			summed = summed || c[len(c)-1] != noCell
		}
	}
	why := "符合本行总计"
	if !summed {
		// The row breaks its own sum however its 总计 is placed (R2
		// reports it): the column sums alone may still place it.
		cands, why = all, ""
	}
	for _, k := range vals {
		x.toks[k].used = true
	}
	return &reqRun{run: run{groups: texts, tok: vals[0], label: label, short: true}, row: row, cands: cands, why: why}, true
}

// placements lists the distinct ways to put cells, in order, into n
// columns, noCell in the others.
func placements(cells []int64, n int) [][]int64 {
	var out [][]int64
	seen := map[string]bool{}
	cur := make([]int64, n)
	var rec func(i, col int)
	rec = func(i, col int) {
		if i == len(cells) {
			for c := col; c < n; c++ {
				cur[c] = noCell
			}
			k := fmt.Sprint(cur)
			if !seen[k] {
				seen[k] = true
				out = append(out, append([]int64(nil), cur...))
			}
			return
		}
		for c := col; c <= n-(len(cells)-i); c++ {
			for b := col; b < c; b++ {
				cur[b] = noCell
			}
			cur[c] = cells[i]
			rec(i+1, c+1)
		}
	}
	rec(0, 0)
	return out
}

// rowSumHolds reports whether a placement's 总计 (its last column) is the
// sum of the others, blanks adding nothing; a blank 总计 cannot be checked.
func rowSumHolds(c []int64) bool {
	last := c[len(c)-1]
	if last == noCell {
		return true
	}
	var s int64
	for _, v := range c[:len(c)-1] {
		if v != noCell {
			s += v
		}
	}
	return s == last
}

// settleShort sets the cells of a short row on which every candidate
// agrees (a column without a cell stays null, which R5 reports as blank)
// and reports the others with their possible values.
func (x *extractor) settleShort(r *run, cands [][]int64, ids []report.CellID, dst []*report.Num, why string) {
	t := &x.toks[r.tok]
	printed := fmt.Sprintf("该行只有 %d 个单元格（%s），少于 %d 列", len(r.groups), strings.Join(r.groups, "、"), len(ids))
	if len(cands) == 0 {
		x.problem(ids[0], t, printed+"，无法确定各自所在的列")
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
				seen = append(seen, candText(cand[c]))
			}
		}
		*dst[c] = report.Num{}
		if same {
			if v != noCell {
				*dst[c] = report.N(v)
			}
			continue
		}
		x.problem(id, t, fmt.Sprintf("%s，有 %d 种对齐方式%s（%s），本格可能为 %s，无法确定，请核对原文",
			printed, len(cands), why, formatCands(cands, 4), strings.Join(seen, " 或 ")))
	}
}
