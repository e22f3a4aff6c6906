package report

import "fmt"

// The arithmetic rules R1–R4 (勾稽关系). Each skips a sum when one of its
// cells is absent (R5 reports that) and skips rows the report does not
// have (nil rows), so a blank is never added as 0.

// sum adds the cells; ok is false when any is absent.
func sum(ns ...Num) (total int64, ok bool) {
	for _, n := range ns {
		if !n.Valid {
			return 0, false
		}
		total += n.V
	}
	return total, true
}

// cell returns table 三's cell (r, c); absent when the row is missing.
func (q *Requests) cell(r RowID, c Col) Num {
	if q[r] == nil {
		return Num{}
	}
	return q[r][c]
}

// checkBalance applies R1: for each column of table 三, 第一项加第二项之和，
// 等于第三项加第四项之和 (the template's own note in the corner cell).
func checkBalance(v *validator) {
	q := &v.r.Requests
	for c := Col(0); c < NumCols; c++ {
		nw, co, tot, cf := q.cell(New, c), q.cell(CarriedOver, c), q.cell(RowTotal, c), q.cell(CarriedForward, c)
		in, ok1 := sum(nw, co)
		out, ok2 := sum(tot, cf)
		if !ok1 || !ok2 || in == out {
			continue
		}
		v.add([]CellID{ReqCell(New, c), ReqCell(CarriedOver, c), ReqCell(RowTotal, c), ReqCell(CarriedForward, c)},
			"表三 “%s” 列第一项加第二项之和为 %d（“%s” %d + “%s” %d），但第三项加第四项之和为 %d（“%s” %d + “%s” %d）",
			ColLabels[c], in, Rows[New].Label, nw.V, Rows[CarriedOver].Label, co.V,
			out, Rows[RowTotal].Label, tot.V, Rows[CarriedForward].Label, cf.V)
	}
}

// checkRowSum applies R2: in every row of table 三 the 总计 column is the
// sum of the six applicant columns.
func checkRowSum(v *validator) {
	for i, row := range v.r.Requests {
		if row == nil {
			continue
		}
		parts, ok := sum(row[:ColTotal]...)
		if !ok || !row[ColTotal].Valid || parts == row[ColTotal].V {
			continue
		}
		ids := make([]CellID, 0, NumCols)
		ids = append(ids, ReqCell(RowID(i), ColTotal))
		for c := Col(0); c < ColTotal; c++ {
			ids = append(ids, ReqCell(RowID(i), c))
		}
		v.add(ids, "表三 “%s” 行 “总计” 列为 %d，但六类申请人之和为 %d", Rows[i].Name(), row[ColTotal].V, parts)
	}
}

// checkResults applies R3: in every column of table 三 the （七）总计 row
// is the sum of the result rows （一）…（六） the report has.
func checkResults(v *validator) {
	q := &v.r.Requests
	if q[RowTotal] == nil {
		return
	}
	// A result row missing from the report leaves the sum unknown (R5
	// reports the row), except the （六）1 and 2 rows of a report with the
	// single （六）其他处理 row, which holds their requests.
	oneSix := q[OtherOther] != nil && q[OtherNoCorrection] == nil && q[OtherFeeUnpaid] == nil
	for r := Granted; r <= OtherOther; r++ {
		if q[r] == nil && !(oneSix && (r == OtherNoCorrection || r == OtherFeeUnpaid)) {
			return
		}
	}
	for c := Col(0); c < NumCols; c++ {
		tot := q[RowTotal][c]
		if !tot.Valid {
			continue
		}
		var s int64
		ok := true
		for r := Granted; r <= OtherOther && ok; r++ {
			if q[r] != nil {
				s += q[r][c].V
				ok = q[r][c].Valid
			}
		}
		if !ok || s == tot.V {
			continue
		}
		ids := []CellID{ReqCell(RowTotal, c)}
		for r := Granted; r <= OtherOther; r++ {
			if q[r] != nil {
				ids = append(ids, ReqCell(r, c))
			}
		}
		v.add(ids, "表三 “%s” 行 “%s” 列为 %d，但各办理结果之和为 %d", Rows[RowTotal].Label, ColLabels[c], tot.V, s)
	}
}

// checkReview applies R4: in each group of table 四, 总计 = 结果维持 +
// 结果纠正 + 其他结果 + 尚未审结.
func checkReview(v *validator) {
	for g, grp := range v.r.ReviewLitigation.Groups() {
		cells := grp.Cells()
		s, ok := sum(*cells[0], *cells[1], *cells[2], *cells[3])
		if !ok || !grp.Total.Valid || s == grp.Total.V {
			continue
		}
		v.add([]CellID{RLCell(g, 4), RLCell(g, 0), RLCell(g, 1), RLCell(g, 2), RLCell(g, 3)},
			"表四 “%s” 的 “总计” 为 %d，但 “结果维持”“结果纠正”“其他结果”“尚未审结” 之和为 %d",
			GroupLabels[g], grp.Total.V, s)
	}
}

// groupCount returns a group's case count: its total, or the sum of its
// parts when they disagree (the larger, so a narrative check never calls a
// true statement false); ok is false when cells are absent.
func groupCount(g *Group) (n int64, alt int64, ok bool) {
	s, ok1 := sum(g.Upheld, g.Corrected, g.Other, g.Pending)
	if !ok1 || !g.Total.Valid {
		return 0, 0, false
	}
	return g.Total.V, s, true
}

// fmtCount formats a count with its unit for messages.
func fmtCount(n int64) string { return fmt.Sprintf("%d 件", n) }
