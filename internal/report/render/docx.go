package render

import (
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/report"
)

// The DOCX is written with internal/ooxml's small WordprocessingML writer:
// content types, relationships, document.xml, styles.xml, settings.xml,
// fontTable.xml, a footer with the page number, and the core and app
// properties. No timestamps are written, so the same report gives the same
// bytes.

// page is A4 portrait with the margins of 党政机关公文格式 (GB/T 9704).
var page = ooxml.A4GBT9704

// textWidth is the A4 text width in twips (8844).
var textWidth = page.TextWidth()

// The fonts: 仿宋_GB2312 for the text, 宋体 for tables and the title, 黑体
// for headings, Times New Roman for Latin text.
const (
	fontBody, fontTable = "仿宋_GB2312", "宋体"
	fontHead, fontLatin = "黑体", "Times New Roman"
)

// DOCX writes a Word document in the template layout: A4, Chinese fonts,
// the three tables with the template's merged headers (gridSpan for
// horizontal, vMerge for vertical merges).
func DOCX(w io.Writer, r *report.Report) error {
	if err := docxDocument(r).Write(w); err != nil {
		return fmt.Errorf("render docx: %w", err)
	}
	return nil
}

func docxDocument(r *report.Report) *ooxml.Document {
	d := ooxml.NewDocument()
	d.Title, d.Creator = Title(r), r.Agency
	d.Styles = docxStyles
	d.Footer = ooxml.PageNumberFooter(ooxml.FooterStyle.ID)
	d.Para(para("Title", "", Title(r)))
	heads := headings(r.Template)
	grids := tables(r)
	texts := [6]string{0: r.Sections.Overview, 4: r.Sections.Problems, 5: r.Sections.Other}
	for i, h := range heads {
		d.Para(para("Heading1", "", h))
		for _, p := range paragraphs(texts[i]) {
			d.Para(para("", "", p))
		}
		if i >= 1 && i <= 3 {
			d.Table(docxTable(grids[i-1]))
			// Word needs a paragraph between two tables, and one after the last.
			d.Para(para("TableAfter", "", ""))
		}
	}
	if r.Agency != "" {
		d.Para(para("Signature", "", r.Agency))
	}
	if r.Date != "" {
		d.Para(para("Signature", "", dateCN(r.Date)))
	}
	return d
}

// para is one paragraph in a style, with an optional justification.
func para(style, jc, text string) ooxml.Para { return ooxml.Para{Style: style, Jc: jc, Text: text} }

// thin is the border of every table line.
var thin = &ooxml.Border{Val: "single", Size: 4, Color: "000000"}

// docxTable lays out a grid: a cell whose top-left is in the row is written
// with its gridSpan and, when it spans rows, vMerge restart; each row it
// covers below gets a vMerge continuation cell of the same width.
func docxTable(g *grid) ooxml.Tbl {
	t := ooxml.Tbl{Style: "ReportTable", Widths: g.Widths, Jc: "center", Borders: thin, Fixed: true, CellMargin: 57, Look: true}
	for r := 0; r < g.Rows; r++ {
		row := ooxml.TblRow{CantSplit: true, Header: r < g.HeadRows}
		for c := 0; c < g.Cols; {
			i := g.covering(r, c)
			if i < 0 { // cannot happen for the template grids; keep the row valid
				row.Cells = append(row.Cells, ooxml.TblCell{})
				c++
				continue
			}
			x := &g.Cells[i]
			cell := ooxml.TblCell{Span: x.ColSpan, VAlign: "center"}
			first := x.Row == r
			if x.RowSpan > 1 {
				cell.VMerge = "continue"
				if first {
					cell.VMerge = "restart"
				}
			}
			if x.Kind == kindBlock {
				cell.Fill = "F2F2F2"
			}
			style, jc := "TableText", ""
			switch x.Kind {
			case kindNote:
				style = "TableNote"
			case kindRowHead:
				jc = "left"
			case kindBlock:
				style = "TableBlock"
			}
			if first {
				cell.Paras = []ooxml.Para{para(style, jc, x.Text)}
			} else {
				cell.Paras = []ooxml.Para{para("TableText", "", "")}
			}
			row.Cells = append(row.Cells, cell)
			c += x.ColSpan
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// fonts sets the Latin and East Asian fonts of a style's runs.
func fonts(eastAsia string) string { return ooxml.RFonts(fontLatin, eastAsia) }

// docxStyles: 仿宋_GB2312 三号 for the text with 28-point lines, 黑体 三号
// for section headings, 宋体 二号 bold for the title, 宋体 for tables.
var docxStyles = ooxml.StylesXML(ooxml.DocDefaults(fontLatin, fontBody, 32, "both"),
	ooxml.Style{Type: "paragraph", ID: "Normal", Name: "Normal", Default: true, QFormat: true,
		PPr: `<w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`},
	ooxml.Style{Type: "paragraph", ID: "Title", Name: "Title", BasedOn: "Normal", Next: "Normal", QFormat: true,
		PPr: `<w:spacing w:before="240" w:after="480" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
		RPr: fonts(fontTable) + `<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/>`},
	ooxml.Style{Type: "paragraph", ID: "Heading1", Name: "heading 1", BasedOn: "Normal", Next: "Normal", QFormat: true,
		PPr: `<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>`,
		RPr: fonts(fontHead)},
	ooxml.Style{Type: "paragraph", ID: "Signature", Name: "Signature", BasedOn: "Normal", QFormat: true,
		PPr: `<w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="200" w:right="640"/><w:jc w:val="right"/>`},
	ooxml.Style{Type: "paragraph", ID: "TableText", Name: "Table Text", Custom: true, BasedOn: "Normal", QFormat: true,
		PPr: `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`,
		RPr: fonts(fontTable) + `<w:sz w:val="18"/><w:szCs w:val="18"/>`},
	ooxml.Style{Type: "paragraph", ID: "TableNote", Name: "Table Note", Custom: true, BasedOn: "TableText", QFormat: true,
		RPr: `<w:sz w:val="16"/><w:szCs w:val="16"/>`},
	ooxml.Style{Type: "paragraph", ID: "TableBlock", Name: "Table Block", Custom: true, BasedOn: "TableText", QFormat: true,
		RPr: `<w:b/><w:bCs/>`},
	ooxml.Style{Type: "paragraph", ID: "TableAfter", Name: "Table After", Custom: true, BasedOn: "Normal",
		PPr: `<w:spacing w:line="240" w:lineRule="auto"/>`, RPr: `<w:sz w:val="12"/><w:szCs w:val="12"/>`},
	ooxml.FooterStyle,
	ooxml.TableNormal,
	ooxml.Style{Type: "table", ID: "ReportTable", Name: "Report Table", Custom: true, BasedOn: "TableNormal",
		TblPr: `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
			`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
			`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>`},
)
