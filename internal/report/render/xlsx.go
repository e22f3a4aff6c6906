package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/gongkai/gongkai/internal/ooxml"
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
	b := ooxml.NewBook()
	defer b.Close()
	if err := xlsxBook(b, r); err != nil {
		return fmt.Errorf("render xlsx: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("render xlsx: %w", err)
	}
	return nil
}

type xlsxStyles struct{ title, key, text, head, block, label, note, data int }

func newXLSXStyles(b *ooxml.Book) (xlsxStyles, error) {
	cell := func(size float64, bold bool, h, fill string) ooxml.CellStyle {
		return ooxml.CellStyle{Font: "宋体", Size: size, Bold: bold, HAlign: h, VAlign: "center", Wrap: true, Border: true, Fill: fill}
	}
	specs := []ooxml.CellStyle{
		{Font: "宋体", Size: 14, Bold: true, HAlign: "center", VAlign: "center", Wrap: true},
		{Font: "宋体", Size: 11, Bold: true, VAlign: "top"},
		{Font: "宋体", Size: 11, HAlign: "left", VAlign: "top", Wrap: true},
		cell(10, false, "center", "F2F2F2"),
		cell(10, true, "center", "E7E6E6"),
		cell(10, false, "left", ""),
		cell(9, false, "center", ""),
		cell(10, false, "center", ""),
	}
	ids := make([]int, len(specs))
	for i, s := range specs {
		id, err := b.Style(s)
		if err != nil {
			return xlsxStyles{}, err
		}
		ids[i] = id
	}
	return xlsxStyles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

func xlsxBook(b *ooxml.Book, r *report.Report) error {
	st, err := newXLSXStyles(b)
	if err != nil {
		return err
	}
	info, err := b.Sheet(SheetInfo)
	if err != nil {
		return err
	}
	if err := xlsxInfo(info, r, st); err != nil {
		return err
	}
	grids := tables(r)
	for i, name := range []string{SheetProactive, SheetRequests, SheetReview} {
		s, err := b.Sheet(name)
		if err != nil {
			return err
		}
		if err := xlsxGrid(s, grids[i], st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	b.Activate(0)
	return b.Props(Title(r), r.Agency, "zh-CN")
}

// xlsxInfo writes the first sheet as a document in one column: the title,
// the metadata as “键：值” lines (报告机关, 报告年度, 报告格式, 成文日期,
// 数据格式), then the six section headings with the free text. One column
// keeps each heading a line of its own for readers of the workbook.
func xlsxInfo(s *ooxml.Sheet, r *report.Report, st xlsxStyles) error {
	row := 0
	put := func(text string, style int) error {
		row++
		if err := s.Text(row, 1, text); err != nil {
			return err
		}
		if err := s.Style(ooxml.Range{Col0: 1, Row0: row, Col1: 1, Row1: row}, style); err != nil {
			return err
		}
		// Roughly 50 characters a line at this column width.
		if lines := (len([]rune(text)) + 49) / 50; lines > 1 {
			return s.RowHeight(row, float64(15*lines))
		}
		return nil
	}
	if err := put(Title(r), st.title); err != nil {
		return err
	}
	if err := s.RowHeight(1, 36); err != nil {
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
	if err := s.ColWidth(1, 100); err != nil {
		return err
	}
	return s.PrintA4(false)
}

// xlsxGrid writes one table from A1, merged cells as in the template. The
// table's caption is the sheet's printed page header rather than a row, so
// the first row of the sheet is the table's own first row.
func xlsxGrid(s *ooxml.Sheet, g *grid, st xlsxStyles) error {
	if err := s.HeaderFooter("&C&\"宋体,Bold\""+g.Caption, "&C第 &P 页"); err != nil {
		return err
	}
	for i, wd := range xlsxWidths[g.Name] {
		if err := s.ColWidth(i+1, wd); err != nil {
			return err
		}
	}
	for _, x := range g.Cells {
		rg := ooxml.Range{Col0: x.Col + 1, Row0: x.Row + 1, Col1: x.Col + x.ColSpan, Row1: x.Row + x.RowSpan}
		if rg.Col1 != rg.Col0 || rg.Row1 != rg.Row0 {
			if err := s.Merge(rg); err != nil {
				return err
			}
		}
		var err error
		style := st.data
		switch {
		case x.Kind == kindNote:
			style = st.note
			err = s.Text(rg.Row0, rg.Col0, x.Text)
		case x.Kind == kindBlock:
			style = st.block
			err = s.Text(rg.Row0, rg.Col0, x.Text)
		case x.Kind == kindColHead:
			style = st.head
			err = s.Text(rg.Row0, rg.Col0, x.Text)
		case x.Kind == kindRowHead:
			style = st.label
			err = s.Text(rg.Row0, rg.Col0, x.Text)
		case x.Number != nil:
			err = s.Int(rg.Row0, rg.Col0, *x.Number)
		case x.Decimal != nil:
			err = s.Float(rg.Row0, rg.Col0, *x.Decimal)
		case x.Text != "":
			err = s.Text(rg.Row0, rg.Col0, x.Text)
		}
		if err != nil {
			return err
		}
		if err := s.Style(rg, style); err != nil {
			return err
		}
	}
	if g.Name == "表三" {
		// Three-level header: the corner note needs room.
		for r := 1; r <= 3; r++ {
			_ = s.RowHeight(r, 24)
		}
	}
	return s.PrintA4(g.Name == "表四")
}
