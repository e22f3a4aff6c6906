package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// tgc is one cell of a hand-built table, with its spans, as a Word or HTML
// table writes it.
type tgc struct {
	text   string
	cs, rs int
}

func tc(text string) tgc                { return tgc{text, 1, 1} }
func tspan(text string, cs, rs int) tgc { return tgc{text, cs, rs} }

// grid lays rows of spanning cells out on a grid the way an HTML or DOCX
// reader must: the text in the top-left position, every other position of a
// merge Covered.
func tgrid(table int, rows [][]tgc) []Line {
	type key struct{ r, c int }
	taken := map[key]bool{}
	var out [][]Cell
	for r, row := range rows {
		for len(out) <= r {
			out = append(out, nil)
		}
		col := 0
		for _, cell := range row {
			for taken[key{r, col}] {
				col++
			}
			for dr := 0; dr < cell.rs; dr++ {
				for dc := 0; dc < cell.cs; dc++ {
					taken[key{r + dr, col + dc}] = true
					for len(out) <= r+dr {
						out = append(out, nil)
					}
					rr := out[r+dr]
					for len(rr) <= col+dc {
						rr = append(rr, Cell{})
					}
					p := report.Pos{Table: table, Row: r + dr + 1, Col: col + dc + 1}
					if dr == 0 && dc == 0 {
						rr[col+dc] = Cell{Text: cell.text, Pos: p}
					} else {
						rr[col+dc] = Cell{Pos: p, Covered: true}
					}
					out[r+dr] = rr
				}
			}
			col += cell.cs
		}
	}
	lines := make([]Line, len(out))
	for i, cells := range out {
		lines[i] = Line{Cells: cells, Table: table}
	}
	return lines
}

func tpara(s string) Line { return Line{Cells: []Cell{{Text: s}}} }

func tvals(vs ...string) []tgc {
	out := make([]tgc, len(vs))
	for i, v := range vs {
		out[i] = tc(v)
	}
	return out
}

// seq returns the seven values of row r of table 三: r*7 … r*7+6.
func tseq(r int) []tgc {
	var vs []string
	for c := 0; c < 7; c++ {
		vs = append(vs, fmt.Sprint(r*7+c))
	}
	return tvals(vs...)
}

func trow(label []tgc, values []tgc) []tgc { return append(label, values...) }

// table3HTML is table 三 of the 2021 template as a Word or HTML table: the
// corner cell over 3×3, the 3-level header, 三、本年度办理结果 with rowspan 22
// and the group labels with their rowspans.
func table3HTML(n int, six bool) []Line {
	rows := [][]tgc{
		{tspan("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), tspan("申请人情况", 7, 1)},
		{tspan("自然人", 1, 2), tspan("法人或其他组织", 5, 1), tspan("总计", 1, 2)},
		tvals("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
		trow([]tgc{tspan("一、本年新收政府信息公开申请数量", 3, 1)}, tseq(0)),
		trow([]tgc{tspan("二、上年结转政府信息公开申请数量", 3, 1)}, tseq(1)),
	}
	group := 22
	if !six {
		group = 20
	}
	rows = append(rows,
		trow([]tgc{tspan("三、本年度办理结果", 1, group), tspan("（一）予以公开", 2, 1)}, tseq(2)),
		trow([]tgc{tspan("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)}, tseq(3)),
		trow([]tgc{tspan("（三）不予公开", 1, 8), tc("1.属于国家秘密")}, tseq(4)),
	)
	r := 5
	for _, l := range []string{"2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"} {
		rows = append(rows, trow([]tgc{tc(l)}, tseq(r)))
		r++
	}
	rows = append(rows, trow([]tgc{tspan("（四）无法提供", 1, 3), tc("1.本机关不掌握相关政府信息")}, tseq(r)))
	r++
	for _, l := range []string{"2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"} {
		rows = append(rows, trow([]tgc{tc(l)}, tseq(r)))
		r++
	}
	rows = append(rows, trow([]tgc{tspan("（五）不予处理", 1, 5), tc("1.信访举报投诉类申请")}, tseq(r)))
	r++
	for _, l := range []string{"2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"} {
		rows = append(rows, trow([]tgc{tc(l)}, tseq(r)))
		r++
	}
	if six {
		rows = append(rows, trow([]tgc{tspan("（六）其他处理", 1, 3), tc("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")}, tseq(r)))
		rows = append(rows, trow([]tgc{tc("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")}, tseq(r+1)))
		rows = append(rows, trow([]tgc{tc("3.其他")}, tseq(r+2)))
	} else {
		rows = append(rows, trow([]tgc{tspan("（六）其他处理", 2, 1)}, tseq(22)))
	}
	rows = append(rows, trow([]tgc{tspan("（七）总计", 2, 1)}, tseq(23)))
	rows = append(rows, trow([]tgc{tspan("四、结转下年度继续办理", 3, 1)}, tseq(24)))
	return tgrid(n, rows)
}

// table2Rows is table 二 of the 2021 template, as the rows of one table.
func table2Blocks() [][][]tgc {
	return [][][]tgc{
		{{tspan("第二十条第（一）项", 4, 1)}, tvals("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), tvals("规章", "1", "2", "3"), tvals("行政规范性文件", "4", "5", "6")},
		{{tspan("第二十条第（五）项", 4, 1)}, {tc("信息内容"), tspan("本年处理决定数量", 3, 1)}, {tc("行政许可"), tspan("7", 3, 1)}},
		{{tspan("第二十条第（六）项", 4, 1)}, {tc("信息内容"), tspan("本年处理决定数量", 3, 1)}, {tc("行政处罚"), tspan("8", 3, 1)}, {tc("行政强制"), tspan("9", 3, 1)}},
		{{tspan("第二十条第（八）项", 4, 1)}, {tc("信息内容"), tspan("本年收费金额（单位：万元）", 3, 1)}, {tc("行政事业性收费"), tspan("0.35", 3, 1)}},
	}
}

// table4HTML is table 四: two header levels over 15 columns, then one row of
// 15 numbers.
func table4HTML(n int) []Line {
	var labels, nums []tgc
	for g := 0; g < 3; g++ {
		for o := 0; o < 5; o++ {
			labels = append(labels, tc(report.OutcomeLabels[o]))
			nums = append(nums, tc(fmt.Sprint(100+g*5+o)))
		}
	}
	return tgrid(n, [][]tgc{
		{tspan("行政复议", 5, 2), tspan("行政诉讼", 10, 1)},
		{tspan("未经复议直接起诉", 5, 1), tspan("复议后起诉", 5, 1)},
		labels,
		nums,
	})
}

// wantHTML is the report the hand-built tables hold.
func wantHTML(six bool) *report.Report {
	t := report.Template2021
	w := report.Empty(t)
	w.Agency, w.Year, w.Date = "某市某局", 2022, "2023-01-20"
	w.Proactive = report.Proactive{
		Regulations:        report.Triple{Issued: report.N(1), Repealed: report.N(2), InForce: report.N(3)},
		NormativeDocuments: report.Triple{Issued: report.N(4), Repealed: report.N(5), InForce: report.N(6)},
		LicensingDecisions: report.N(7), PenaltyDecisions: report.N(8), CoercionDecisions: report.N(9),
		FeesWanYuan: report.D("0.35"),
	}
	for r := range w.Requests {
		w.Requests[r] = &report.Row{}
		for c := 0; c < 7; c++ {
			w.Requests[r][c] = report.N(int64(r*7 + c))
		}
	}
	if !six {
		w.Requests[report.OtherNoCorrection] = nil
		w.Requests[report.OtherFeeUnpaid] = nil
	}
	for g, grp := range w.ReviewLitigation.Groups() {
		for o, n := range grp.Cells() {
			*n = report.N(int64(100 + g*5 + o))
		}
	}
	return w
}

func docHTML(table2 func() []Line, six bool) *Doc {
	d := &Doc{Name: "x.html", Format: FormatHTML}
	d.Lines = append(d.Lines, tpara("某市某局2022年度政府信息公开工作年度报告"), tpara("发布日期：2023-01-20"), tpara("一、总体情况"), tpara("本年度，我局……"), tpara("二、主动公开政府信息情况"))
	d.Lines = append(d.Lines, table2()...)
	d.Lines = append(d.Lines, tpara("三、收到和处理政府信息公开申请情况"))
	d.Lines = append(d.Lines, table3HTML(5, six)...)
	d.Lines = append(d.Lines, tpara("四、政府信息公开行政复议、行政诉讼情况"))
	d.Lines = append(d.Lines, table4HTML(6)...)
	d.Lines = append(d.Lines, tpara("五、存在的主要问题及改进情况"), tpara("问题。"), tpara("六、其他需要报告的事项"), tpara("无。"))
	return d
}

// TestFromDocTables runs the extractor on Docs shaped like the tables a
// DOCX or HTML reader produces: merged label cells, covered positions,
// header rows, table 二 as one table or as four.
func TestFromDocTables(t *testing.T) {
	oneTable := func() []Line {
		var rows [][]tgc
		for _, b := range table2Blocks() {
			rows = append(rows, b...)
		}
		return tgrid(1, rows)
	}
	fourTables := func() []Line {
		var lines []Line
		for i, b := range table2Blocks() {
			lines = append(lines, tgrid(i+1, b)...)
		}
		return lines
	}
	tests := []struct {
		name string
		doc  *Doc
		want *report.Report
	}{
		{"table 二 as one table", docHTML(oneTable, true), wantHTML(true)},
		{"table 二 as four tables", docHTML(fourTables, true), wantHTML(true)},
		{"single （六） row", docHTML(oneTable, false), wantHTML(false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromDoc(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range report.Diff(got, tt.want) {
				t.Error(d)
			}
			if len(got.Source.Problems) > 0 {
				t.Errorf("got problems %+v; want none", got.Source.Problems)
			}
			if got.Template != report.Template2021 {
				t.Errorf("got template %s; want 2021", got.Template)
			}
			if p := got.Source.Cells[report.ReqCell(report.WithheldStateSecret, report.Commercial)]; p.Table != 5 || p.Row != 8 || p.Col != 5 {
				t.Errorf("withheld_state_secret.commercial at %+v; want table 5 row 8 col 5", p)
			}
			if p := got.Source.Cells[report.RLCell(2, 4)]; p.Table != 6 || p.Row != 4 || p.Col != 15 {
				t.Errorf("litigation_after_review.total at %+v; want table 6 row 4 col 15", p)
			}
			if got.Sections.Overview != "本年度，我局……" || got.Sections.Problems != "问题。" || got.Sections.Other != "无。" {
				t.Errorf("got sections %+v", got.Sections)
			}
		})
	}
}

// TestFromDocBlanks checks that blank and dash cells are absent (not 0),
// that the row is still read, and that unreadable values are reported
// with their position.
func TestFromDocBlanks(t *testing.T) {
	d := docHTML(func() []Line {
		return tgrid(1, [][]tgc{
			{tspan("第二十条第（一）项", 4, 1)},
			tvals("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			tvals("规章", "/", "", "—"),
			tvals("行政规范性文件", "4", "约5", "6"),
		})
	}, true)
	got, err := FromDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	reg := got.Proactive.Regulations
	if reg.Issued.Valid || reg.Repealed.Valid || reg.InForce.Valid {
		t.Errorf("got regulations %+v; want all absent", reg)
	}
	nd := got.Proactive.NormativeDocuments
	if nd.Issued != report.N(4) || nd.Repealed.Valid || nd.InForce != report.N(6) {
		t.Errorf("got normative documents %+v; want 4, absent, 6", nd)
	}
	if len(got.Source.Problems) != 1 {
		t.Fatalf("got problems %+v; want 1", got.Source.Problems)
	}
	p := got.Source.Problems[0]
	if p.Cell != "proactive.normative_documents.repealed" || p.Text != "约5" || p.Pos.Table != 1 || p.Pos.Row != 4 || p.Pos.Col != 3 {
		t.Errorf("got problem %+v; want 约5 at table 1 row 4 col 3", p)
	}
	if _, ok := got.Source.Cells["proactive.regulations.repealed"]; !ok {
		t.Error("blank cell has no recorded position")
	}
}

// TestFromDocUnmergedCells reads rows whose cells under a merged header
// were left unmerged and empty: "行政许可 | 7 | | ", "（一）予以公开 | | 0 …".
func TestFromDocUnmergedCells(t *testing.T) {
	d := docHTML(func() []Line {
		return tgrid(1, [][]tgc{
			{tspan("第二十条第（五）项", 4, 1)},
			{tc("信息内容"), tspan("本年处理决定数量", 3, 1)},
			tvals("行政许可", "7", "", ""),
			tvals("行政处罚", "", "", "8"),
		})
	}, true)
	got, err := FromDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	if got.Proactive.LicensingDecisions != report.N(7) || got.Proactive.PenaltyDecisions != report.N(8) {
		t.Errorf("got 行政许可 %v, 行政处罚 %v; want 7, 8", got.Proactive.LicensingDecisions, got.Proactive.PenaltyDecisions)
	}
	if len(got.Source.Problems) > 0 {
		t.Errorf("got problems %+v; want none", got.Source.Problems)
	}
}

// TestFromDocErrors checks the one-line errors.
func TestFromDocErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  *Doc
		want string
	}{
		{"empty", &Doc{Name: "a.txt"}, "a.txt: 找不到表三（收到和处理政府信息公开申请情况）"},
		{"prose only", &Doc{Name: "b.html", Lines: []Line{tpara("某局2022年度政府信息公开工作年度报告"), tpara("一、总体情况"), tpara("本年度没有收到申请。")}}, "b.html: 找不到表三"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromDoc(tt.doc)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v; want one line starting %q", err, tt.want)
			}
		})
	}
	if _, err := FromDoc(nil); err == nil {
		t.Error("FromDoc(nil): got nil error")
	}
}

// TestFromDocNoHeadings reads tables that come without section headings
// (a DOCX holding only the tables): the table headers announce them.
func TestFromDocNoHeadings(t *testing.T) {
	d := &Doc{Name: "t.docx", Format: FormatDOCX}
	var rows [][]tgc
	for _, b := range table2Blocks() {
		rows = append(rows, b...)
	}
	d.Lines = append(d.Lines, tgrid(1, rows)...)
	d.Lines = append(d.Lines, table3HTML(2, true)...)
	d.Lines = append(d.Lines, table4HTML(3)...)
	got, err := FromDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	want := wantHTML(true)
	want.Agency, want.Year, want.Date = "", 0, ""
	for _, d := range report.Diff(got, want) {
		t.Error(d)
	}
	if got.Source.Tables != [5]bool{false, false, true, true, true} {
		t.Errorf("got tables %v; want 2, 3 and 4", got.Source.Tables)
	}
	if got.Source.Headings != [7]bool{} {
		t.Errorf("got headings %v; want none", got.Source.Headings)
	}
	if len(got.Source.Problems) > 0 {
		t.Errorf("got problems %+v; want none", got.Source.Problems)
	}

	// A short table 四 is reported as table 四's problem, not as numbers
	// left over in table 三.
	d.Lines = d.Lines[:len(d.Lines)-1]
	d.Lines = append(d.Lines, tgrid(3, [][]tgc{tvals("1", "2", "3")})...)
	got, err = FromDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Source.Problems) != 1 || !strings.HasPrefix(got.Source.Problems[0].Reason, "表四应有 15 个数值") {
		t.Errorf("got problems %+v; want one about table 四", got.Source.Problems)
	}
}

// TestReviewLitigationRows reads table 四 laid out as three labelled rows.
func TestReviewLitigationRows(t *testing.T) {
	d := docHTML(func() []Line { return nil }, true)
	var lines []Line
	for _, l := range d.Lines {
		if l.Table != 6 {
			lines = append(lines, l)
			continue
		}
	}
	d.Lines = nil
	for _, l := range lines {
		d.Lines = append(d.Lines, l)
		if len(l.Cells) == 1 && strings.HasPrefix(l.Cells[0].Text, "四、政府信息公开") {
			d.Lines = append(d.Lines, tgrid(6, [][]tgc{
				tvals("", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
				tvals("行政复议", "100", "101", "102", "103", "104"),
				tvals("行政诉讼（未经复议直接起诉）", "105", "106", "107", "108", "109"),
				tvals("行政诉讼（复议后起诉）", "110", "111", "112", "113", "114"),
			})...)
		}
	}
	got, err := FromDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	if got.ReviewLitigation != wantHTML(true).ReviewLitigation {
		t.Errorf("got %+v; want %+v", got.ReviewLitigation, wantHTML(true).ReviewLitigation)
	}
}
