package report

import (
	"strings"
)

// blankNote ends every R5 sentence about blank cells.
const blankNote = "（空白或“—”不等于 0，应填写数字）"

// checkCells applies R5: every cell present, a whole number ≥ 0, the fee a
// decimal ≥ 0; values the parser could not read are reported where they
// stand; rows the template has but the report lacks are reported.
func checkCells(v *validator) {
	r := v.r
	problems := map[CellID]bool{}
	if r.Source != nil {
		for _, p := range r.Source.Problems {
			if p.Cell != "" {
				problems[p.Cell] = true
			}
			f := Finding{Rule: v.rule.ID, Severity: v.rule.Severity, Where: []string{p.Pos.String()}}
			if p.Cell != "" {
				f.Cells = []CellID{p.Cell}
				f.Message = v.label(p.Cell) + "的值 “" + p.Text + "” 无法读取：" + p.Reason
				if is2019Table2(p.Cell) {
					f.Severity, f.Message = Warning, f.Message+note2019
				}
			} else {
				f.Message = "无法读取的值 “" + p.Text + "”：" + p.Reason
			}
			v.out = append(v.out, f)
		}
	}
	absent := func(c Cell) bool { return !c.Present() && !problems[c.ID] }

	// Table 二.
	if !v.missing[2] {
		if r.Template == Template2019 {
			v.cells2019(problems)
		} else {
			var blank []Cell
			for _, c := range r.proactiveCells() {
				switch {
				case absent(c):
					blank = append(blank, c)
				case c.IsDec && c.Dec.Valid && !IsDecimal(c.Dec.S):
					v.add([]CellID{c.ID}, "%s为 “%s”，不是数字", v.label(c.ID), c.Dec.S)
				case c.IsDec && c.Dec.Valid && strings.HasPrefix(c.Dec.S, "-"):
					v.add([]CellID{c.ID}, "%s为 %s，不能为负数", v.label(c.ID), c.Dec.S)
				case !c.IsDec && c.Num.Valid && c.Num.V < 0:
					v.add([]CellID{c.ID}, "%s为 %d，不能为负数", v.label(c.ID), c.Num.V)
				}
			}
			v.blank("表二 ", blank, func(c Cell) string { return c.Label })
		}
	}

	// Table 三.
	if !v.missing[3] {
		v.missingRows()
		for i, row := range r.Requests {
			if row == nil {
				continue
			}
			var cols []string
			var ids []CellID
			for c := Col(0); c < NumCols; c++ {
				id := ReqCell(RowID(i), c)
				switch {
				case !row[c].Valid && !problems[id]:
					cols = append(cols, "“"+ColLabels[c]+"”")
					ids = append(ids, id)
				case row[c].Valid && row[c].V < 0:
					v.add([]CellID{id}, "%s为 %d，不能为负数", v.label(id), row[c].V)
				}
			}
			switch {
			case len(ids) == NumCols:
				v.add(ids, "表三 “%s” 行整行为空%s", Rows[i].Name(), blankNote)
			case len(ids) > 0:
				v.add(ids, "表三 “%s” 行 %s 列为空%s", Rows[i].Name(), strings.Join(cols, "、"), blankNote)
			}
		}
	}

	// Table 四.
	if !v.missing[4] {
		for g, grp := range r.ReviewLitigation.Groups() {
			var outs []string
			var ids []CellID
			for o, n := range grp.Cells() {
				id := RLCell(g, o)
				switch {
				case !n.Valid && !problems[id]:
					outs = append(outs, "“"+OutcomeLabels[o]+"”")
					ids = append(ids, id)
				case n.Valid && n.V < 0:
					v.add([]CellID{id}, "表四 “%s” 的 “%s” 为 %d，不能为负数", GroupLabels[g], OutcomeLabels[o], n.V)
				}
			}
			if len(ids) > 0 {
				v.add(ids, "表四 “%s” 的 %s 为空%s", GroupLabels[g], strings.Join(outs, "、"), blankNote)
			}
		}
	}
}

// blank adds one finding for the blank cells of a table, if any.
func (v *validator) blank(prefix string, cells []Cell, name func(Cell) string) {
	if len(cells) == 0 {
		return
	}
	names := make([]string, len(cells))
	ids := make([]CellID, len(cells))
	for i, c := range cells {
		names[i], ids[i] = name(c), c.ID
	}
	v.add(ids, "%s%s为空%s", prefix, strings.Join(names, "、"), blankNote)
}

// missingRows reports the rows of table 三 that the report's template has
// but the report lacks. A report that prints the 2021 template with the
// 2019 template's single （六）其他处理 row lacks （六）1 and （六）2
// (spec/report-model.md: 洪泽区 2023 and 2024 do).
func (v *validator) missingRows() {
	q := &v.r.Requests
	oldSix := q[OtherNoCorrection] == nil && q[OtherFeeUnpaid] == nil && q[OtherOther] != nil
	for i, row := range q {
		if row != nil {
			continue
		}
		id := RowID(i)
		if v.r.Template == Template2019 && (id == OtherNoCorrection || id == OtherFeeUnpaid) {
			continue
		}
		ids := make([]CellID, NumCols)
		for c := Col(0); c < NumCols; c++ {
			ids[c] = ReqCell(id, c)
		}
		if oldSix && (id == OtherNoCorrection || id == OtherFeeUnpaid) {
			v.add(ids, "表三缺少 “%s” 行：报告沿用了 2019 年版模板的单行 “（六）其他处理”，2021 年版模板将其分为 1、2、3 三行", Rows[i].Name())
			// Point at the single row the report printed instead.
			single := make([]CellID, NumCols)
			for c := Col(0); c < NumCols; c++ {
				single[c] = ReqCell(OtherOther, c)
			}
			v.out[len(v.out)-1].Where = v.where(single)
			continue
		}
		v.add(ids, "表三缺少 “%s” 行", Rows[i].Name())
	}
}

// cell2019 is one cell of table 二 in the 2019 template.
type cell2019 struct {
	id       CellID
	label    string
	n        Num
	negative bool // 本年增/减 may be negative
}

// table2Cells2019 lists the cells of table 二 in the 2019 template, with their
// labels.
func table2Cells2019(p *Proactive2019) []cell2019 {
	var cells []cell2019
	tri := func(key, row string, t Triple2019) {
		cells = append(cells,
			cell2019{CellID("proactive_2019." + key + ".made"), lbl(row, "本年新制作数量"), t.Made, false},
			cell2019{CellID("proactive_2019." + key + ".published"), lbl(row, "本年新公开数量"), t.Published, false},
			cell2019{CellID("proactive_2019." + key + ".total"), lbl(row, "对外公开总数量"), t.Total, false})
	}
	items := func(key, row string, it Items2019, decisions bool) {
		cells = append(cells,
			cell2019{CellID("proactive_2019." + key + ".prev_year"), lbl(row, "上一年项目数量"), it.PrevYear, false},
			cell2019{CellID("proactive_2019." + key + ".change"), lbl(row, "本年增/减"), it.Change, true})
		if decisions {
			cells = append(cells, cell2019{CellID("proactive_2019." + key + ".decisions"), lbl(row, "处理决定数量"), it.Decisions, false})
		}
	}
	tri("regulations", "规章", p.Regulations)
	tri("normative_documents", "规范性文件", p.NormativeDocuments)
	items("licensing", "行政许可", p.Licensing, true)
	items("other_services", "其他对外管理服务事项", p.OtherServices, true)
	items("penalty", "行政处罚", p.Penalty, true)
	items("coercion", "行政强制", p.Coercion, true)
	items("fees", "行政事业性收费", p.Fees, false)
	return append(cells, cell2019{"proactive_2019.procurement_count", lbl("政府集中采购", "采购项目数量"), p.ProcurementCount, false})
}

// label2019 names a cell of the 2019 template's table 二 for messages, ""
// when id is none of them.
func label2019(id CellID) string {
	if id == "proactive_2019.procurement_amount" {
		return lbl("政府集中采购", "采购总金额")
	}
	for _, c := range table2Cells2019(&Proactive2019{}) {
		if c.id == id {
			return c.label
		}
	}
	return ""
}

// note2019 ends every finding on a cell of the 2019 template's table 二.
const note2019 = "（2019 年版表二不属于 gongkai.annual-report/v1 的单元格，仅作提示，不计为违反规则）"

// is2019Table2 tells whether id is a cell of the 2019 template's table 二
// ("proactive_2019.…"). spec/report-model.md defines the report's cells and
// its rules for the 2021 table 二 only, and a 2019 report's JSON has
// "proactive": null: the old table's columns (本年新制作数量, 上一年项目数量,
// 本年增/减 …) have no ids there. gongkai still reads that table and reports
// what it cannot read or what looks wrong in it, but as warnings, so that a
// 2019 report breaks only the rules the model defines (the real crawled
// 2020-pingtan-jiaojian page lists none).
func is2019Table2(id CellID) bool { return strings.HasPrefix(string(id), "proactive_2019.") }

// cells2019 checks table 二 of a 2019-template report. Its findings are
// warnings (see is2019Table2).
func (v *validator) cells2019(problems map[CellID]bool) {
	p := v.r.Proactive2019
	if p == nil {
		return
	}
	cells := table2Cells2019(p)
	var names []string
	var ids []CellID
	for _, c := range cells {
		switch {
		case !c.n.Valid && !problems[c.id]:
			names = append(names, c.label)
			ids = append(ids, c.id)
		case c.n.Valid && c.n.V < 0 && !c.negative:
			v.addSev(Warning, []CellID{c.id}, "表二 %s为 %d，不能为负数%s", c.label, c.n.V, note2019)
		}
	}
	if len(ids) > 0 {
		v.addSev(Warning, ids, "表二 %s为空%s%s", strings.Join(names, "、"), blankNote, note2019)
	}
}

// missingTables tells which of tables 二, 三 and 四 a report lacks: as the
// parser found them when the report was parsed, otherwise (a report from
// JSON or data) a table is missing when every one of its cells is absent.
func missingTables(r *Report) [5]bool {
	var m [5]bool
	if r.Source != nil {
		for t := 2; t <= 4; t++ {
			m[t] = !r.Source.Tables[t]
		}
		return m
	}
	m[2], m[3], m[4] = true, true, true
	p := &r.Proactive
	for _, n := range []Num{p.Regulations.Issued, p.Regulations.Repealed, p.Regulations.InForce,
		p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed, p.NormativeDocuments.InForce,
		p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions} {
		if n.Valid {
			m[2] = false
		}
	}
	if p.FeesWanYuan.Valid {
		m[2] = false
	}
	for _, row := range r.Requests {
		for c := 0; row != nil && c < NumCols; c++ {
			if row[c].Valid {
				m[3] = false
			}
		}
	}
	for _, g := range r.ReviewLitigation.Groups() {
		for _, n := range g.Cells() {
			if n.Valid {
				m[4] = false
			}
		}
	}
	if p := r.Proactive2019; p != nil && r.Template == Template2019 {
		for _, n := range []Num{p.Regulations.Made, p.Regulations.Published, p.Regulations.Total,
			p.NormativeDocuments.Made, p.NormativeDocuments.Published, p.NormativeDocuments.Total,
			p.Licensing.Decisions, p.Penalty.Decisions, p.Coercion.Decisions, p.ProcurementCount} {
			if n.Valid {
				m[2] = false
			}
		}
	}
	return m
}

// sectionNames are the six section headings of the 2021 template.
var sectionNames = [7]string{"", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}

// tableNames are the titles of tables 二, 三 and 四.
var tableNames = [5]string{"", "", "表二 “主动公开政府信息情况”", "表三 “收到和处理政府信息公开申请情况”", "表四 “政府信息公开行政复议、行政诉讼情况”"}

// checkSections applies R10: all six section headings (when the report was
// parsed from a document) and tables 二, 三 and 四 are present.
func checkSections(v *validator) {
	if src := v.r.Source; src != nil {
		for i := 1; i <= 6; i++ {
			if !src.Headings[i] {
				v.add(nil, "报告缺少第%s部分 “%s”", sectionNames[i][:3], sectionNames[i])
			}
		}
	}
	for t := 2; t <= 4; t++ {
		if v.missing[t] {
			v.add(nil, "报告缺少%s", tableNames[t])
		}
	}
}
