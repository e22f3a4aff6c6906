package render

import (
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// The layouts below follow the national template (国办公开办函〔2021〕30号,
// and the 试行 format of 国办公开办函〔2019〕60号 for 2019 and 2020), cell by
// cell: every renderer (HTML, DOCX, XLSX) draws the same grid, so the merged
// headers are defined once.

// A kind says what a grid cell is.
type kind int

const (
	kindColHead kind = iota // column header (th scope col / colgroup)
	kindRowHead             // row label (th scope row / rowgroup)
	kindBlock               // a block header spanning the table (表二 第二十条第（一）项)
	kindNote                // the corner note of table 三
	kindData                // a value
)

// A gcell is one cell of a table grid, placed at its top-left corner.
type gcell struct {
	Kind             kind
	Row, Col         int // top-left position, 0-based
	RowSpan, ColSpan int // at least 1
	Text             string
	ID               report.CellID // data cells
	// Number is set when the data cell holds a whole number; Decimal when it
	// holds a decimal that can be written as a number without changing how
	// it reads.
	Number  *int64
	Decimal *float64
}

// A grid is one table of the template.
type grid struct {
	Name     string // 表二, 表三, 表四
	Caption  string
	Rows     int
	Cols     int
	HeadRows int // rows at the top that are column headers
	// Widths are the relative column widths (they sum to the table width
	// in twips for DOCX; XLSX and HTML scale them).
	Widths []int
	Cells  []gcell
	index  []int // covering cell of each position, built on first use
}

// at returns the index of the cell whose top-left corner is (r, c), or -1.
func (g *grid) at(r, c int) int {
	if i := g.covering(r, c); i >= 0 && g.Cells[i].Row == r && g.Cells[i].Col == c {
		return i
	}
	return -1
}

// covering returns the index of the cell covering (r, c), or -1.
func (g *grid) covering(r, c int) int {
	if g.index == nil {
		g.index = make([]int, g.Rows*g.Cols)
		for i := range g.index {
			g.index[i] = -1
		}
		for i, x := range g.Cells {
			for rr := x.Row; rr < x.Row+x.RowSpan && rr < g.Rows; rr++ {
				for cc := x.Col; cc < x.Col+x.ColSpan && cc < g.Cols; cc++ {
					g.index[rr*g.Cols+cc] = i
				}
			}
		}
	}
	if r < 0 || r >= g.Rows || c < 0 || c >= g.Cols {
		return -1
	}
	return g.index[r*g.Cols+c]
}

// builder appends cells row by row.
type builder struct {
	g   *grid
	row int
}

func (b *builder) add(k kind, r, c, rs, cs int, text string) *gcell {
	b.g.Cells = append(b.g.Cells, gcell{Kind: k, Row: r, Col: c, RowSpan: rs, ColSpan: cs, Text: text})
	if r+rs > b.g.Rows {
		b.g.Rows = r + rs
	}
	return &b.g.Cells[len(b.g.Cells)-1]
}

func (b *builder) num(r, c, cs int, id report.CellID, n report.Num) {
	x := b.add(kindData, r, c, 1, cs, "")
	x.ID = id
	if n.Valid {
		v := n.V
		x.Number = &v
		x.Text = strconv.FormatInt(v, 10)
	}
}

func (b *builder) dec(r, c, cs int, id report.CellID, d report.Dec) {
	x := b.add(kindData, r, c, 1, cs, "")
	x.ID = id
	if d.Valid {
		x.Text = d.S
		if f, err := strconv.ParseFloat(d.S, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == d.S {
			x.Decimal = &f
		}
	}
}

// text adds a data cell holding free text as written (采购总金额 in 2019).
func (b *builder) text(r, c, cs int, id report.CellID, s string) {
	x := b.add(kindData, r, c, 1, cs, s)
	x.ID = id
}

// Section headings of the template (regulation.md §1.1, §1.2).
func headings(t report.Template) [6]string {
	h := [6]string{
		"一、总体情况",
		"二、主动公开政府信息情况",
		"三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况",
		"五、存在的主要问题及改进情况",
		"六、其他需要报告的事项",
	}
	if t == report.Template2019 {
		h[4] = "五、政府信息公开工作存在的主要问题及改进情况"
	}
	return h
}

// Title returns the report's title as the template words it:
// “<机关><年度>年度政府信息公开工作年度报告”.
func Title(r *report.Report) string {
	return r.Title()
}

// dateCN writes 2023-01-15 as 2023年1月15日; other strings as they are.
func dateCN(s string) string {
	d, err := calendar.Parse(s)
	if err != nil {
		return s
	}
	return d.Chinese()
}

// paragraphs splits free text into its non-empty paragraphs.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// tables returns the three grids of the report in template order.
func tables(r *report.Report) []*grid {
	return []*grid{proactiveGrid(r), requestsGrid(r), reviewGrid(r)}
}

// proactiveGrid is table 二 as its four blocks (2021), or the five blocks
// of the 2019 试行 format for a 2019-format report or one that carries them.
func proactiveGrid(r *report.Report) *grid {
	switch {
	case r.Proactive2019 != nil:
		return proactive2019Grid(r.Proactive2019)
	case r.Template == report.Template2019:
		// A 2019-format report whose table 二 was not read: the 试行
		// layout with every cell empty, not the 2021 columns.
		return proactive2019Grid(&report.Proactive2019{})
	}
	g := &grid{Name: "表二", Caption: "表二　主动公开政府信息情况", Cols: 4, Widths: []int{3144, 1900, 1900, 1900}}
	b := &builder{g: g}
	p := &r.Proactive
	row := 0
	block := func(title string, heads ...string) {
		b.add(kindBlock, row, 0, 1, 4, title)
		row++
		b.add(kindColHead, row, 0, 1, 1, "信息内容")
		if len(heads) == 1 {
			b.add(kindColHead, row, 1, 1, 3, heads[0])
		} else {
			for i, h := range heads {
				b.add(kindColHead, row, 1+i, 1, 1, h)
			}
		}
		row++
	}
	triple := func(key, label string, t report.Triple) {
		b.add(kindRowHead, row, 0, 1, 1, label)
		b.num(row, 1, 1, report.CellID("proactive."+key+".issued"), t.Issued)
		b.num(row, 2, 1, report.CellID("proactive."+key+".repealed"), t.Repealed)
		b.num(row, 3, 1, report.CellID("proactive."+key+".in_force"), t.InForce)
		row++
	}
	one := func(id, label string, n report.Num) {
		b.add(kindRowHead, row, 0, 1, 1, label)
		b.num(row, 1, 3, report.CellID(id), n)
		row++
	}
	block("第二十条第（一）项", "本年制发件数", "本年废止件数", "现行有效件数")
	triple("regulations", "规章", p.Regulations)
	triple("normative_documents", "行政规范性文件", p.NormativeDocuments)
	block("第二十条第（五）项", "本年处理决定数量")
	one("proactive.licensing_decisions", "行政许可", p.LicensingDecisions)
	block("第二十条第（六）项", "本年处理决定数量")
	one("proactive.penalty_decisions", "行政处罚", p.PenaltyDecisions)
	one("proactive.coercion_decisions", "行政强制", p.CoercionDecisions)
	block("第二十条第（八）项", "本年收费金额（单位：万元）")
	b.add(kindRowHead, row, 0, 1, 1, "行政事业性收费")
	b.dec(row, 1, 3, "proactive.fees_wan_yuan", p.FeesWanYuan)
	return g
}

// proactive2019Grid is table 二 of the 2019 试行 format (regulation.md §1.2).
func proactive2019Grid(p *report.Proactive2019) *grid {
	g := &grid{Name: "表二", Caption: "表二　主动公开政府信息情况", Cols: 4, Widths: []int{3144, 1900, 1900, 1900}}
	b := &builder{g: g}
	row := 0
	block := func(title string, heads ...string) {
		b.add(kindBlock, row, 0, 1, 4, title)
		row++
		b.add(kindColHead, row, 0, 1, 1, "信息内容")
		for i, h := range heads {
			cs := 1
			if i == len(heads)-1 {
				cs = 4 - len(heads)
			}
			b.add(kindColHead, row, 1+i, 1, cs, h)
		}
		row++
	}
	triple := func(key, label string, t report.Triple2019) {
		b.add(kindRowHead, row, 0, 1, 1, label)
		b.num(row, 1, 1, report.CellID("proactive_2019."+key+".made"), t.Made)
		b.num(row, 2, 1, report.CellID("proactive_2019."+key+".published"), t.Published)
		b.num(row, 3, 1, report.CellID("proactive_2019."+key+".total"), t.Total)
		row++
	}
	items := func(key, label string, it report.Items2019, decisions bool) {
		b.add(kindRowHead, row, 0, 1, 1, label)
		b.num(row, 1, 1, report.CellID("proactive_2019."+key+".prev_year"), it.PrevYear)
		cs := 2
		if decisions {
			cs = 1
		}
		b.num(row, 2, cs, report.CellID("proactive_2019."+key+".change"), it.Change)
		if decisions {
			b.num(row, 3, 1, report.CellID("proactive_2019."+key+".decisions"), it.Decisions)
		}
		row++
	}
	block("第二十条第（一）项", "本年新制作数量", "本年新公开数量", "对外公开总数量")
	triple("regulations", "规章", p.Regulations)
	triple("normative_documents", "规范性文件", p.NormativeDocuments)
	block("第二十条第（五）项", "上一年项目数量", "本年增/减", "处理决定数量")
	items("licensing", "行政许可", p.Licensing, true)
	items("other_services", "其他对外管理服务事项", p.OtherServices, true)
	block("第二十条第（六）项", "上一年项目数量", "本年增/减", "处理决定数量")
	items("penalty", "行政处罚", p.Penalty, true)
	items("coercion", "行政强制", p.Coercion, true)
	block("第二十条第（八）项", "上一年项目数量", "本年增/减")
	items("fees", "行政事业性收费", p.Fees, false)
	block("第二十条第（九）项", "采购项目数量", "采购总金额")
	b.add(kindRowHead, row, 0, 1, 1, "政府集中采购")
	b.num(row, 1, 1, "proactive_2019.procurement_count", p.ProcurementCount)
	b.text(row, 2, 2, "proactive_2019.procurement_amount", p.ProcurementAmount)
	return g
}

// CornerNote is the exact text of table 三's corner cell.
const CornerNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// requestsGrid is table 三: the corner note (3 rows × 3 columns), the
// three-level column header and the row labels with their group cells.
// Rows the report lacks (nil) are not drawn; when （六）其他处理 has only
// its 其他 row, it is the single row of the 2019 format.
func requestsGrid(r *report.Report) *grid {
	g := &grid{Name: "表三", Caption: "表三　收到和处理政府信息公开申请情况", Cols: 10, HeadRows: 3,
		Widths: []int{700, 1000, 2384, 680, 680, 680, 680, 680, 680, 680}}
	b := &builder{g: g}
	b.add(kindNote, 0, 0, 3, 3, CornerNote)
	b.add(kindColHead, 0, 3, 1, 7, "申请人情况")
	b.add(kindColHead, 1, 3, 2, 1, report.ColLabels[report.NaturalPerson])
	b.add(kindColHead, 1, 4, 1, 5, "法人或其他组织")
	b.add(kindColHead, 1, 9, 2, 1, report.ColLabels[report.ColTotal])
	for c := report.Commercial; c <= report.OtherOrg; c++ {
		b.add(kindColHead, 2, 3+int(c), 1, 1, report.ColLabels[c])
	}
	q := &r.Requests
	row := 3
	data := func(id report.RowID) {
		for c := report.Col(0); c < report.NumCols; c++ {
			b.num(row, 3+int(c), 1, report.ReqCell(id, c), q[id][c])
		}
		row++
	}
	top := func(id report.RowID) {
		if q[id] == nil {
			return
		}
		b.add(kindRowHead, row, 0, 1, 3, report.Rows[id].Label)
		data(id)
	}
	top(report.New)
	top(report.CarriedOver)
	// 三、本年度办理结果: count its rows first for the rowspan.
	type group struct {
		label string
		rows  []report.RowID
	}
	present := func(ids ...report.RowID) []report.RowID {
		var out []report.RowID
		for _, id := range ids {
			if q[id] != nil {
				out = append(out, id)
			}
		}
		return out
	}
	groups := []group{
		{"", present(report.Granted)},
		{"", present(report.PartiallyGranted)},
		{"（三）不予公开", present(report.WithheldStateSecret, report.WithheldProhibitedByLaw, report.WithheldSecurityStability, report.WithheldThirdParty,
			report.WithheldInternalAffairs, report.WithheldProcessInfo, report.WithheldEnforcementFile, report.WithheldAdministrativeQuery)},
		{"（四）无法提供", present(report.UnavailableNotHeld, report.UnavailableNeedsCreation, report.UnavailableUnclear)},
		{"（五）不予处理", present(report.RejectedPetition, report.RejectedDuplicate, report.RejectedPublication, report.RejectedMassRepeated, report.RejectedReconfirm)},
		{"（六）其他处理", present(report.OtherNoCorrection, report.OtherFeeUnpaid, report.OtherOther)},
		{"", present(report.RowTotal)},
	}
	n := 0
	for _, gr := range groups {
		n += len(gr.rows)
	}
	if n > 0 {
		b.add(kindRowHead, row, 0, n, 1, "三、本年度办理结果")
	}
	for _, gr := range groups {
		switch {
		case len(gr.rows) == 0:
		case gr.label == "":
			b.add(kindRowHead, row, 1, 1, 2, report.Rows[gr.rows[0]].Label)
			data(gr.rows[0])
		case gr.label == "（六）其他处理" && len(gr.rows) == 1 && gr.rows[0] == report.OtherOther:
			// The 2019 format's single row （六）其他处理.
			b.add(kindRowHead, row, 1, 1, 2, gr.label)
			data(report.OtherOther)
		default:
			b.add(kindRowHead, row, 1, len(gr.rows), 1, gr.label)
			for _, id := range gr.rows {
				b.add(kindRowHead, row, 2, 1, 1, report.Rows[id].Label)
				data(id)
			}
		}
	}
	top(report.CarriedForward)
	return g
}

// reviewGrid is table 四: 行政复议 (five columns, their headers spanning
// two rows) and 行政诉讼 with its two sub-groups, then one row of values.
func reviewGrid(r *report.Report) *grid {
	g := &grid{Name: "表四", Caption: "表四　政府信息公开行政复议、行政诉讼情况", Cols: 15, HeadRows: 3}
	for i := 0; i < 15; i++ {
		g.Widths = append(g.Widths, 589)
	}
	g.Widths[14] += 9 // 15 × 589 + 9 = 8844, the text width
	b := &builder{g: g}
	b.add(kindColHead, 0, 0, 1, 5, "行政复议")
	b.add(kindColHead, 0, 5, 1, 10, "行政诉讼")
	for o, l := range report.OutcomeLabels {
		b.add(kindColHead, 1, o, 2, 1, l)
	}
	b.add(kindColHead, 1, 5, 1, 5, "未经复议直接起诉")
	b.add(kindColHead, 1, 10, 1, 5, "复议后起诉")
	for grp := 1; grp < 3; grp++ {
		for o, l := range report.OutcomeLabels {
			b.add(kindColHead, 2, grp*5+o, 1, 1, l)
		}
	}
	for grp, gr := range r.ReviewLitigation.Groups() {
		for o, n := range gr.Cells() {
			b.num(3, grp*5+o, 1, report.RLCell(grp, o), *n)
		}
	}
	return g
}
