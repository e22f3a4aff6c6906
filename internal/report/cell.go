package report

import "fmt"

// A CellID is the stable id of one cell: "requests.new.natural_person",
// "proactive.regulations.issued", "proactive.fees_wan_yuan",
// "review_litigation.review.upheld".
type CellID string

// ReqCell returns the id of a cell of table 三.
func ReqCell(r RowID, c Col) CellID {
	return CellID("requests." + Rows[r].ID + "." + ColIDs[c])
}

// RLCell returns the id of a cell of table 四; g is 0–2, o is 0–4.
func RLCell(g, o int) CellID {
	return CellID("review_litigation." + GroupIDs[g] + "." + OutcomeIDs[o])
}

// A Cell is one cell with its id, its label in the template's words and its
// value (Num, or Dec when IsDec).
type Cell struct {
	ID    CellID
	Table string // 表二, 表三 or 表四
	Label string // e.g. “（七）总计” 行 “自然人” 列
	Num   Num
	Dec   Dec
	IsDec bool
}

// Present reports whether the cell has a value.
func (c Cell) Present() bool {
	if c.IsDec {
		return c.Dec.Valid
	}
	return c.Num.Valid
}

// String returns the cell's value as written, or "—".
func (c Cell) String() string {
	if c.IsDec {
		return c.Dec.String()
	}
	return c.Num.String()
}

// proactiveCells lists table 二 of the 2021 template.
func (r *Report) proactiveCells() []Cell {
	p := &r.Proactive
	tri := func(key, label string, t Triple) []Cell {
		return []Cell{
			{ID: CellID("proactive." + key + ".issued"), Table: "表二", Label: lbl(label, "本年制发件数"), Num: t.Issued},
			{ID: CellID("proactive." + key + ".repealed"), Table: "表二", Label: lbl(label, "本年废止件数"), Num: t.Repealed},
			{ID: CellID("proactive." + key + ".in_force"), Table: "表二", Label: lbl(label, "现行有效件数"), Num: t.InForce},
		}
	}
	cells := append(tri("regulations", "规章", p.Regulations), tri("normative_documents", "行政规范性文件", p.NormativeDocuments)...)
	return append(cells,
		Cell{ID: "proactive.licensing_decisions", Table: "表二", Label: lbl("行政许可", "本年处理决定数量"), Num: p.LicensingDecisions},
		Cell{ID: "proactive.penalty_decisions", Table: "表二", Label: lbl("行政处罚", "本年处理决定数量"), Num: p.PenaltyDecisions},
		Cell{ID: "proactive.coercion_decisions", Table: "表二", Label: lbl("行政强制", "本年处理决定数量"), Num: p.CoercionDecisions},
		Cell{ID: "proactive.fees_wan_yuan", Table: "表二", Label: lbl("行政事业性收费", "本年收费金额（单位：万元）"), Dec: p.FeesWanYuan, IsDec: true},
	)
}

func lbl(row, col string) string { return fmt.Sprintf("“%s” 行 “%s” 列", row, col) }

// Cells returns every cell of the report's tables in template order: table
// 二 (2021 layout; for a 2019-template report these cells are absent), table
// 三 (rows the template lacks are skipped) and table 四.
func (r *Report) Cells() []Cell {
	cells := r.proactiveCells()
	for i, row := range r.Requests {
		if row == nil {
			continue
		}
		for c := Col(0); c < NumCols; c++ {
			cells = append(cells, Cell{ID: ReqCell(RowID(i), c), Table: "表三", Label: lbl(Rows[i].Name(), ColLabels[c]), Num: row[c]})
		}
	}
	for g, grp := range r.ReviewLitigation.Groups() {
		for o, n := range grp.Cells() {
			cells = append(cells, Cell{ID: RLCell(g, o), Table: "表四", Label: lbl(GroupLabels[g], OutcomeLabels[o]), Num: *n})
		}
	}
	return cells
}

// Diff lists every difference between two reports in metadata and cells,
// one line each ("requests.new.total: got 3; want 1"); nil when they agree.
// Free text and provenance are not compared.
func Diff(got, want *Report) []string {
	var d []string
	if got.Template != want.Template {
		d = append(d, fmt.Sprintf("template: got %q; want %q", got.Template, want.Template))
	}
	if got.Agency != want.Agency {
		d = append(d, fmt.Sprintf("agency: got %q; want %q", got.Agency, want.Agency))
	}
	if got.Year != want.Year {
		d = append(d, fmt.Sprintf("year: got %d; want %d", got.Year, want.Year))
	}
	if got.Date != want.Date {
		d = append(d, fmt.Sprintf("date: got %q; want %q", got.Date, want.Date))
	}
	for i := range got.Requests {
		if (got.Requests[i] == nil) != (want.Requests[i] == nil) {
			d = append(d, fmt.Sprintf("requests.%s: got row present=%v; want present=%v", Rows[i].ID, got.Requests[i] != nil, want.Requests[i] != nil))
		}
	}
	gc, wc := got.Cells(), want.Cells()
	wm := make(map[CellID]Cell, len(wc))
	for _, c := range wc {
		wm[c.ID] = c
	}
	for _, c := range gc {
		w, ok := wm[c.ID]
		if ok && c.String() != w.String() {
			d = append(d, fmt.Sprintf("%s: got %s; want %s", c.ID, c, w))
		}
	}
	if (got.Proactive2019 == nil) != (want.Proactive2019 == nil) {
		d = append(d, "proactive_2019: present in one report only")
	} else if got.Proactive2019 != nil && *got.Proactive2019 != *want.Proactive2019 {
		d = append(d, fmt.Sprintf("proactive_2019: got %+v; want %+v", *got.Proactive2019, *want.Proactive2019))
	}
	return d
}
