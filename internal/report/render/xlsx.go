package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/report"
)

// Sheet names of the workbook XLSX writes.
const (
	SheetInfo      = "报告信息"
	SheetProactive = "表二 主动公开"
	SheetRequests  = "表三 依申请公开"
	SheetReview    = "表四 复议诉讼"
)

// xlsxWidths are the column widths (in characters) of each table's sheet.
var xlsxWidths = map[string][]float64{
	"表二": {24, 18, 18, 18},
	"表三": {8, 14, 46, 9, 9, 9, 9, 9, 9, 9},
	"表四": {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9},
}

// templateNames says which national document a template is.
var templateNames = map[report.Template]string{
	report.Template2021: "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
	report.Template2019: "国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
}

// XLSX writes a workbook: a sheet with the report's title, agency, year,
// template, date and free text, then one sheet per table (表二, 表三, 表四)
// with the template's merged headers. Numbers are written as numbers;
// absent cells are left empty.
func XLSX(w io.Writer, r *report.Report) error {
	f, err := xlsxFile(r)
	if err != nil {
		return fmt.Errorf("render xlsx: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("render xlsx: %w", err)
	}
	return nil
}

type xlsxStyles struct{ title, key, text, head, block, label, note, data int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"},
		{Type: "right", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	specs := []*excelize.Style{
		{Font: font(14, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(11, true), Alignment: &excelize.Alignment{Vertical: "top"}},
		{Font: font(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}},
		{Font: font(10, false), Alignment: center, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}},
		{Font: font(10, true), Alignment: center, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}},
		{Font: font(10, false), Alignment: left, Border: border},
		{Font: font(9, false), Alignment: center, Border: border},
		{Font: font(10, false), Alignment: center, Border: border},
	}
	ids := make([]int, len(specs))
	for i, s := range specs {
		id, err := f.NewStyle(s)
		if err != nil {
			return xlsxStyles{}, err
		}
		ids[i] = id
	}
	return xlsxStyles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

func xlsxFile(r *report.Report) (*excelize.File, error) {
	f := excelize.NewFile()
	st, err := newXLSXStyles(f)
	if err != nil {
		return f, err
	}
	if err := f.SetSheetName("Sheet1", SheetInfo); err != nil {
		return f, err
	}
	if err := xlsxInfo(f, r, st); err != nil {
		return f, err
	}
	grids := tables(r)
	for i, name := range []string{SheetProactive, SheetRequests, SheetReview} {
		if _, err := f.NewSheet(name); err != nil {
			return f, err
		}
		if err := xlsxGrid(f, name, grids[i], st); err != nil {
			return f, fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	err = f.SetDocProps(&excelize.DocProperties{
		Title: Title(r), Creator: r.Agency, Language: "zh-CN", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z",
	})
	return f, err
}

// xlsxInfo writes the first sheet as a document in one column: the title,
// the metadata as “键：值” lines (报告机关, 报告年度, 报告格式, 成文日期,
// 数据格式), then the six section headings with the free text. One column
// keeps each heading a line of its own for readers of the workbook.
func xlsxInfo(f *excelize.File, r *report.Report, st xlsxStyles) error {
	s := SheetInfo
	row := 0
	put := func(text string, style int) error {
		row++
		cell := fmt.Sprintf("A%d", row)
		if err := f.SetCellStr(s, cell, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, cell, cell, style); err != nil {
			return err
		}
		// Roughly 50 characters a line at this column width.
		if lines := (len([]rune(text)) + 49) / 50; lines > 1 {
			return f.SetRowHeight(s, row, float64(15*lines))
		}
		return nil
	}
	if err := put(Title(r), st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(s, 1, 36); err != nil {
		return err
	}
	meta := []string{
		"报告机关：" + r.Agency,
		"报告年度：" + strconv.Itoa(r.Year),
		"报告格式：" + string(r.Template) + "（" + templateNames[r.Template] + "）",
	}
	if r.Date != "" {
		meta = append(meta, "成文日期："+dateCN(r.Date)) // the label readers look for
	}
	meta = append(meta, "数据格式："+report.Schema)
	for _, m := range meta {
		if err := put(m, st.text); err != nil {
			return err
		}
	}
	row++
	texts := [6]string{0: r.Sections.Overview, 4: r.Sections.Problems, 5: r.Sections.Other}
	sheets := [6]string{1: SheetProactive, 2: SheetRequests, 3: SheetReview}
	for i, h := range headings(r.Template) {
		if err := put(h, st.key); err != nil {
			return err
		}
		ps := paragraphs(texts[i])
		if sheets[i] != "" {
			ps = append(ps, "（见工作表“"+sheets[i]+"”）")
		}
		for _, p := range ps {
			if err := put(p, st.text); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(s, "A", "A", 100); err != nil {
		return err
	}
	return printSetup(f, s, "portrait")
}

// xlsxGrid writes one table from A1, merged cells as in the template. The
// table's caption is the sheet's printed page header rather than a row, so
// the first row of the sheet is the table's own first row.
func xlsxGrid(f *excelize.File, s string, g *grid, st xlsxStyles) error {
	if err := f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddHeader: "&C&\"宋体,Bold\"" + g.Caption, OddFooter: "&C第 &P 页"}); err != nil {
		return err
	}
	for i, wd := range xlsxWidths[g.Name] {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s, col, col, wd); err != nil {
			return err
		}
	}
	for _, x := range g.Cells {
		tl, _ := excelize.CoordinatesToCellName(x.Col+1, x.Row+1)
		br, _ := excelize.CoordinatesToCellName(x.Col+x.ColSpan, x.Row+x.RowSpan)
		if tl != br {
			if err := f.MergeCell(s, tl, br); err != nil {
				return err
			}
		}
		var err error
		style := st.data
		switch {
		case x.Kind == kindNote:
			style = st.note
			err = f.SetCellStr(s, tl, x.Text)
		case x.Kind == kindBlock:
			style = st.block
			err = f.SetCellStr(s, tl, x.Text)
		case x.Kind == kindColHead:
			style = st.head
			err = f.SetCellStr(s, tl, x.Text)
		case x.Kind == kindRowHead:
			style = st.label
			err = f.SetCellStr(s, tl, x.Text)
		case x.Number != nil:
			err = f.SetCellInt(s, tl, *x.Number)
		case x.Decimal != nil:
			err = f.SetCellFloat(s, tl, *x.Decimal, -1, 64)
		case x.Text != "":
			err = f.SetCellStr(s, tl, x.Text)
		}
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(s, tl, br, style); err != nil {
			return err
		}
	}
	if g.Name == "表三" {
		// Three-level header: the corner note needs room.
		for r := 1; r <= 3; r++ {
			_ = f.SetRowHeight(s, r, 24)
		}
	}
	orient := "portrait"
	if g.Name == "表四" {
		orient = "landscape"
	}
	return printSetup(f, s, orient)
}

// printSetup prints a sheet on A4, scaled to the page width.
func printSetup(f *excelize.File, sheet, orient string) error {
	size, wide, tall, fit := 9, 1, 0, true // 9 is A4
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall})
}
