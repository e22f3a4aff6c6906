package report

import (
	"fmt"
	"strings"
	"time"
)

// prevMismatch says why prev cannot be compared with the report, or "".
func (v *validator) prevMismatch() string {
	r, p := v.r, v.prev
	switch {
	case r.Agency == "" || p.Agency == "":
		return "本报告或作为上一年度报告给出的报告未写明机关名称，无法确认是同一机关，未比对跨年数据"
	case !SameAgency(r.Agency, p.Agency):
		return fmt.Sprintf("作为上一年度报告给出的报告属于 “%s”，与本报告的 “%s” 不是同一机关，未比对跨年数据", p.Agency, r.Agency)
	case p.Year != r.Year-1:
		return fmt.Sprintf("作为上一年度报告给出的报告是 %d 年度的，本报告是 %d 年度的（应为 %d 年度），未比对跨年数据", p.Year, r.Year, r.Year-1)
	}
	return ""
}

// SameAgency reports whether two agency names name the same body, ignoring
// white space, width and quotes.
func SameAgency(a, b string) bool {
	return a != "" && Normalize(a) == Normalize(b)
}

// checkCarry applies R6: carried_over(Y) = carried_forward(Y−1), column by
// column, with the previous year's report of the same agency. When the
// report given as previous is of another agency or year, it says so (as a
// warning: that is a mistake in the input, not in the report).
func checkCarry(v *validator) {
	if v.prev == nil {
		return
	}
	if why := v.prevMismatch(); why != "" {
		v.addSev(Warning, nil, "%s", why)
		return
	}
	cur, old := &v.r.Requests, &v.prev.Requests
	for c := Col(0); c < NumCols; c++ {
		co, cf := cur.cell(CarriedOver, c), old.cell(CarriedForward, c)
		if !co.Valid || !cf.Valid || co.V == cf.V {
			continue
		}
		v.add([]CellID{ReqCell(CarriedOver, c)},
			"表三 “%s” 行 “%s” 列为 %d，但 %d 年度报告 “%s” 行同列为 %d",
			Rows[CarriedOver].Label, ColLabels[c], co.V, v.prev.Year, Rows[CarriedForward].Label, cf.V)
	}
}

// checkInForce applies R7: in_force(Y) = in_force(Y−1) + issued(Y) −
// repealed(Y) for 规章 and 行政规范性文件. Reports in the 2019 template have
// other columns (对外公开总数量) and are not compared.
func checkInForce(v *validator) {
	if v.prev == nil || v.prevMismatch() != "" {
		return
	}
	if v.r.Template == Template2019 || v.prev.Template == Template2019 {
		return
	}
	rows := []struct {
		key, label string
		cur, old   Triple
	}{
		{"regulations", "规章", v.r.Proactive.Regulations, v.prev.Proactive.Regulations},
		{"normative_documents", "行政规范性文件", v.r.Proactive.NormativeDocuments, v.prev.Proactive.NormativeDocuments},
	}
	for _, row := range rows {
		want, ok := sum(row.old.InForce, row.cur.Issued)
		if !ok || !row.cur.Repealed.Valid || !row.cur.InForce.Valid {
			continue
		}
		want -= row.cur.Repealed.V
		if want == row.cur.InForce.V {
			continue
		}
		ids := []CellID{CellID("proactive." + row.key + ".in_force"), CellID("proactive." + row.key + ".issued"), CellID("proactive." + row.key + ".repealed")}
		v.add(ids, "表二 “%s” 行 “现行有效件数” 列为 %d，但 %d 年度报告的现行有效件数 %d + 本年制发件数 %d − 本年废止件数 %d = %d",
			row.label, row.cur.InForce.V, v.prev.Year, row.old.InForce.V, row.cur.Issued.V, row.cur.Repealed.V, want)
	}
}

// DeadlineOf returns the last day on which the report on year y is due
// under 条例第四十九条: 31 March of y+1 for a 县级以上地方人民政府's own
// report (government true), 31 January of y+1 for a department and any
// other organ. Callers that know the agency's kind (agency.Kind) use it.
func DeadlineOf(government bool, y int) time.Time {
	if government {
		return time.Date(y+1, time.March, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y+1, time.January, 31, 0, 0, 0, 0, time.UTC)
}

// GuessGovernment is the fallback for a report read from a bare file,
// whose agency has no stored kind: a name ending in 人民政府 is a
// government, except a 乡/镇人民政府 (not 县级以上).
func GuessGovernment(agency string) bool {
	a := strings.TrimSpace(agency)
	return strings.HasSuffix(a, "人民政府") && !strings.HasSuffix(a, "镇人民政府") && !strings.HasSuffix(a, "乡人民政府")
}

// Deadline is DeadlineOf with the kind guessed from the name
// (GuessGovernment): only for a report from a bare file.
func Deadline(agency string, y int) time.Time {
	return DeadlineOf(GuessGovernment(agency), y)
}

// checkDeadline applies R8 (条例第四十九条): the report is dated on or
// before its deadline. A report that states no date gets a warning saying
// so, since its timeliness cannot be checked.
func checkDeadline(v *validator) {
	r := v.r
	if r.Year == 0 {
		return
	}
	gov := GuessGovernment(r.Agency)
	if v.opt.Government != nil {
		gov = *v.opt.Government
	}
	due := DeadlineOf(gov, r.Year)
	dueText := fmt.Sprintf("%d 年 %d 月 %d 日", due.Year(), due.Month(), due.Day())
	if r.Date == "" {
		v.add(nil, "报告未写明日期（落款或发布日期），无法核对是否在 %s前公布（条例第四十九条）", dueText)
		return
	}
	d, err := time.Parse(time.DateOnly, r.Date)
	if err != nil {
		v.add(nil, "报告日期 “%s” 不是有效日期，无法核对是否在 %s前公布（条例第四十九条）", r.Date, dueText)
		return
	}
	if d.After(due) {
		v.add(nil, "报告日期为 %d 年 %d 月 %d 日，晚于条例第四十九条规定的 %s", d.Year(), d.Month(), d.Day(), dueText)
	}
}
