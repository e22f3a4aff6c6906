package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/report"
)

// variants are the three shapes table 三 takes: 2021, 2019, and a 2021
// report printed with the old single （六） row (洪泽区 2023).
func variants(t *testing.T) map[string]*report.Report {
	rs := testReports(t)
	full := rs["2022-ningbo-beilun-sifaju"]
	return map[string]*report.Report{
		"2021":            full,
		"2019":            rs["2020-example-2019-template"],
		"2021-single-six": rs["2023-huaian-hongze"],
		"empty-2021":      report.Empty(report.Template2021),
		"empty-2019":      report.Empty(report.Template2019),
		"2019-no-table-2": &report.Report{Template: report.Template2019},
	}
}

// TestGridCoversEveryPosition checks that every table grid is a proper
// tiling: each position covered by exactly one cell.
func TestGridCoversEveryPosition(t *testing.T) {
	for name, r := range variants(t) {
		for _, g := range tables(r) {
			seen := make([][]int, g.Rows)
			for i := range seen {
				seen[i] = make([]int, g.Cols)
			}
			for _, x := range g.Cells {
				if x.RowSpan < 1 || x.ColSpan < 1 || x.Row+x.RowSpan > g.Rows || x.Col+x.ColSpan > g.Cols {
					t.Fatalf("%s %s: cell %q at (%d,%d) span %dx%d is outside the %dx%d grid", name, g.Name, x.Text, x.Row, x.Col, x.RowSpan, x.ColSpan, g.Rows, g.Cols)
				}
				for r := x.Row; r < x.Row+x.RowSpan; r++ {
					for c := x.Col; c < x.Col+x.ColSpan; c++ {
						seen[r][c]++
					}
				}
			}
			for r := range seen {
				for c, n := range seen[r] {
					if n != 1 {
						t.Errorf("%s %s: position (%d,%d) covered %d times; want 1", name, g.Name, r, c, n)
					}
				}
			}
			if len(g.Widths) != g.Cols {
				t.Errorf("%s %s: %d widths for %d columns", name, g.Name, len(g.Widths), g.Cols)
			}
			if w := ooxml.Sum(g.Widths); w != textWidth {
				t.Errorf("%s %s: columns are %d twips wide; want the A4 text width %d", name, g.Name, w, textWidth)
			}
		}
	}
}

// TestTemplateStructure checks the merged cells the template prescribes.
func TestTemplateStructure(t *testing.T) {
	find := func(g *grid, text string) *gcell {
		for i := range g.Cells {
			if g.Cells[i].Text == text {
				return &g.Cells[i]
			}
		}
		return nil
	}
	tests := []struct {
		variant, table, text string
		rowSpan, colSpan     int
	}{
		{"2021", "表三", CornerNote, 3, 3},
		{"2021", "表三", "申请人情况", 1, 7},
		{"2021", "表三", "自然人", 2, 1},
		{"2021", "表三", "法人或其他组织", 1, 5},
		{"2021", "表三", "总计", 2, 1},
		{"2021", "表三", "三、本年度办理结果", 22, 1},
		{"2021", "表三", "（三）不予公开", 8, 1},
		{"2021", "表三", "（四）无法提供", 3, 1},
		{"2021", "表三", "（五）不予处理", 5, 1},
		{"2021", "表三", "（六）其他处理", 3, 1},
		{"2021", "表三", "（七）总计", 1, 2},
		{"2021", "表三", "一、本年新收政府信息公开申请数量", 1, 3},
		{"2021", "表三", "四、结转下年度继续办理", 1, 3},
		{"2019", "表三", "三、本年度办理结果", 20, 1},
		{"2019", "表三", "（六）其他处理", 1, 2},
		{"2021-single-six", "表三", "三、本年度办理结果", 20, 1},
		{"2021-single-six", "表三", "（六）其他处理", 1, 2},
		{"2021", "表四", "行政复议", 1, 5},
		{"2021", "表四", "行政诉讼", 1, 10},
		{"2021", "表四", "未经复议直接起诉", 1, 5},
		{"2021", "表四", "复议后起诉", 1, 5},
		{"2021", "表二", "第二十条第（一）项", 1, 4},
		{"2021", "表二", "本年收费金额（单位：万元）", 1, 3},
		{"2019", "表二", "第二十条第（九）项", 1, 4},
		{"2019", "表二", "采购总金额", 1, 2},
		{"2019-no-table-2", "表二", "第二十条第（九）项", 1, 4},
	}
	vs := variants(t)
	for _, tc := range tests {
		var g *grid
		for _, x := range tables(vs[tc.variant]) {
			if x.Name == tc.table {
				g = x
			}
		}
		c := find(g, tc.text)
		if c == nil {
			t.Errorf("%s %s: no cell %q", tc.variant, tc.table, tc.text)
			continue
		}
		if c.RowSpan != tc.rowSpan || c.ColSpan != tc.colSpan {
			t.Errorf("%s %s %q: got span %dx%d; want %dx%d", tc.variant, tc.table, tc.text, c.RowSpan, c.ColSpan, tc.rowSpan, tc.colSpan)
		}
	}
}

func render(t *testing.T, f func(io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLFindingsAndAccessibility(t *testing.T) {
	r := variants(t)["2021"]
	r.Requests[report.New][report.Research] = report.Num{} // absent: must be an empty cell
	fs := []report.Finding{
		{Rule: "R1-balance", Severity: report.Error, Cells: []report.CellID{"requests.new.total", "requests.total.total"}, Message: "表三 “总计” 列 <平衡> 不成立"},
		{Rule: "R9-narrative", Severity: report.Warning, Cells: []report.CellID{"requests.new.total"}, Message: "正文与表格不一致"},
	}
	out := render(t, func(w io.Writer) error { return HTML(w, r, fs) })
	for _, want := range []string{
		`<html lang="zh-CN">`,
		`@page { size: A4;`,
		`<caption>表三　收到和处理政府信息公开申请情况</caption>`,
		`<li id="finding-1" class="error">`,
		`表三 “总计” 列 &lt;平衡&gt; 不成立`,
		`class="num flag-error" data-cell="requests.new.total"`,
		`aria-describedby="finding-1 finding-2">1</td>`,
		`class="num flag-error" data-cell="requests.total.total"`,
		`data-cell="requests.new.research" headers="t3-h0-3 t3-h1-4 t3-h2-5 t3-h3-0"></td>`,
		`<td class="note" rowspan="3" colspan="3">` + CornerNote + `</td>`,
		`<th id="t3-h5-0" class="lbl" scope="rowgroup" rowspan="22">三、本年度办理结果</th>`,
		`<th id="t3-h7-1" class="lbl" scope="rowgroup" rowspan="8">（三）不予公开</th>`,
		`<h1>宁波市北仑区司法局2022年度政府信息公开工作年度报告</h1>`,
		`<time datetime="2023-01-15">2023年1月15日</time>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %s", want)
		}
	}
	if strings.Contains(out, "http://") || strings.Contains(out, "https://") || strings.Contains(out, "<link") || strings.Contains(out, "<script") {
		t.Error("html refers to external assets; want a standalone page")
	}
	frag := render(t, func(w io.Writer) error { return HTMLWithOptions(w, r, nil, HTMLOptions{Fragment: true}) })
	if strings.Contains(frag, "<html") || strings.Contains(frag, "<style") || !strings.Contains(frag, "<article>") {
		t.Error("fragment: want only the article")
	}
	if strings.Contains(frag, "findings") {
		t.Error("no findings given: want no findings list")
	}
}

// docxDoc reads word/document.xml of a rendered DOCX.
func docxDoc(t *testing.T, r *report.Report) string {
	t.Helper()
	b := render(t, func(w io.Writer) error { return DOCX(w, r) })
	zr, err := zip.NewReader(strings.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			return string(data)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestDOCXTables checks each table row spans the whole grid (gridSpan plus
// one cell per column), and counts the vertical merges.
func TestDOCXTables(t *testing.T) {
	type tc struct {
		rows, restarts, continues int
	}
	for name, want := range map[string][3]tc{
		// 表三 2021: restart 自然人, 总计, corner, 三、, （三）（四）（五）（六）;
		// continuations: corner 2 + 自然人 1 + 总计 1 + 21 + 7 + 2 + 4 + 2.
		"2021": {{14, 0, 0}, {28, 8, 40}, {4, 5, 5}},
		"2019": {{18, 0, 0}, {26, 7, 36}, {4, 5, 5}},
	} {
		doc := docxDoc(t, variants(t)[name])
		if !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/>`) {
			t.Errorf("%s: page is not A4 portrait", name)
		}
		d := xml.NewDecoder(strings.NewReader(doc))
		var tbl, rows, restarts, continues, span int
		var grid []int
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				switch e.Name.Local {
				case "tbl":
					tbl, rows, restarts, continues, grid = tbl+1, 0, 0, 0, nil
				case "gridCol":
					grid = append(grid, 1)
				case "tr":
					rows++
					span = 0
				case "tc":
					span++
				case "gridSpan":
					n := 0
					for _, c := range attr(e, "val") {
						n = n*10 + int(c-'0')
					}
					span += n - 1
				case "vMerge":
					if attr(e, "val") == "restart" {
						restarts++
					} else {
						continues++
					}
				}
			case xml.EndElement:
				switch e.Name.Local {
				case "tr":
					if span != len(grid) {
						t.Errorf("%s table %d row %d: cells span %d columns; want %d", name, tbl, rows, span, len(grid))
					}
				case "tbl":
					w := want[tbl-1]
					if rows != w.rows || restarts != w.restarts || continues != w.continues {
						t.Errorf("%s table %d: got %d rows, %d vMerge restarts, %d continuations; want %d, %d, %d",
							name, tbl, rows, restarts, continues, w.rows, w.restarts, w.continues)
					}
				}
			}
		}
		if tbl != 3 {
			t.Errorf("%s: got %d tables; want 3", name, tbl)
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func TestXLSXCells(t *testing.T) {
	r := variants(t)["2021"]
	r.Requests[report.New][report.Research] = report.Num{}
	b := render(t, func(w io.Writer) error { return XLSX(w, r) })
	wb, err := ooxml.OpenWorkbook([]byte(b), ooxml.DefaultLimits, false)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got, want := wb.Sheets(), []string{SheetInfo, SheetProactive, SheetRequests, SheetReview}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets: got %v; want %v", got, want)
	}
	merged, err := wb.Merges(SheetRequests)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Rows(SheetRequests)
	if err != nil {
		t.Fatal(err)
	}
	value := func(rows [][]string, row, col int) string {
		if row > len(rows) || col > len(rows[row-1]) {
			return ""
		}
		return rows[row-1][col-1]
	}
	ranges := map[ooxml.Range]string{}
	for _, m := range merged {
		ranges[m] = value(rows, m.Row0, m.Col0)
	}
	for rng, want := range map[ooxml.Range]string{
		{Col0: 1, Row0: 1, Col1: 3, Row1: 3}: CornerNote, {Col0: 4, Row0: 1, Col1: 10, Row1: 1}: "申请人情况",
		{Col0: 4, Row0: 2, Col1: 4, Row1: 3}: "自然人", {Col0: 5, Row0: 2, Col1: 9, Row1: 2}: "法人或其他组织",
		{Col0: 10, Row0: 2, Col1: 10, Row1: 3}: "总计", {Col0: 1, Row0: 6, Col1: 1, Row1: 27}: "三、本年度办理结果",
		{Col0: 2, Row0: 8, Col1: 2, Row1: 15}: "（三）不予公开",
	} {
		if got, ok := ranges[rng]; !ok || got != want {
			t.Errorf("表三 merge %+v: got %q (present %v); want %q", rng, got, ok, want)
		}
	}
	// Row 4 is 一、本年新收: natural person 1 as a number (no t="s" or
	// t="str" attribute), research absent.
	a, err := ooxml.Open([]byte(b), ooxml.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sheet3, err := a.ReadFile("xl/worksheets/sheet3.xml")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`<c r="D4"[^>]*>`).Find(sheet3); m == nil || strings.Contains(string(m), " t=") {
		t.Errorf("D4: cell %q; want a number cell", m)
	}
	if v := value(rows, 4, 4); v != "1" {
		t.Errorf("D4: got %q; want 1", v)
	}
	if v := value(rows, 4, 6); v != "" {
		t.Errorf("F4 (absent): got %q; want empty", v)
	}
	info, err := wb.Rows(SheetInfo)
	if err != nil {
		t.Fatal(err)
	}
	if v := value(info, 2, 1); v != "报告机关："+r.Agency {
		t.Errorf("info A2: got %q; want 报告机关：%s", v, r.Agency)
	}
	if v := value(info, 5, 1); v != "成文日期：2023年1月15日" {
		t.Errorf("info A5: got %q; want the date", v)
	}
}

func TestSVG(t *testing.T) {
	r := report.Empty(report.Template2021)
	r.Agency, r.Year = "某局", 2024
	out := render(t, func(w io.Writer) error { return SVG(w, r) })
	if err := wellFormed([]byte(out)); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	for _, want := range []string{`<title id="svg-title">某局2024年度政府信息公开工作年度报告 图解</title>`, `aria-labelledby="svg-title svg-desc"`, "未填报", "Noto Sans CJK SC", "Microsoft YaHei"} {
		if !strings.Contains(out, want) {
			t.Errorf("svg lacks %s", want)
		}
	}
	if strings.Contains(out, "<rect x=\"240\" y=\"") && strings.Contains(out, "NaN") {
		t.Error("svg has NaN sizes for an empty report")
	}
}
