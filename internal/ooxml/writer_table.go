package ooxml

import (
	"bytes"
	"fmt"
	"strconv"
)

// A Tbl is a table (w:tbl) to write, on a grid of fixed column widths (twips). Each row
// lists its cells left to right; a cell spans Span grid columns (gridSpan),
// and a vertical merge is a cell with VMerge "restart" followed, in the
// rows below, by cells with VMerge "continue" at the same grid column.
type Tbl struct {
	Style      string  // w:tblStyle
	Widths     []int   // grid column widths in twips
	Jc         string  // left, center, right
	Borders    *Border // all outer and inner borders; none if nil
	Fixed      bool    // fixed layout: Word keeps the widths
	CellMargin int     // left and right cell margins in twips; the style's if 0
	Look       bool    // write the usual tblLook (header row, first column)
	Rows       []TblRow
}

// A TblRow is one table row.
type TblRow struct {
	Cells     []TblCell
	Header    bool // repeat on every page
	CantSplit bool // keep the row on one page
}

// A TblCell is one table cell. A cell without paragraphs gets an empty one,
// as WordprocessingML requires.
type TblCell struct {
	Span    int     // grid columns; 1 if 0
	VMerge  string  // "", restart or continue
	Fill    string  // background hex RRGGBB
	VAlign  string  // top, center, bottom
	Borders *Border // the cell's own four borders, if any
	Paras   []Para
}

// Sum returns the sum of widths.
func Sum(widths []int) int {
	t := 0
	for _, v := range widths {
		t += v
	}
	return t
}

// Table appends a table to the body. Word needs a paragraph between two
// tables and after a table that ends a cell or the body: the caller adds
// one with Para.
func (d *Document) Table(t Tbl) { t.write(&d.body) }

func (t Tbl) write(b *bytes.Buffer) {
	b.WriteString(`<w:tbl><w:tblPr>`)
	if t.Style != "" {
		b.WriteString(`<w:tblStyle w:val="` + Esc(t.Style) + `"/>`)
	}
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/>`, Sum(t.Widths))
	if t.Jc != "" {
		b.WriteString(`<w:jc w:val="` + Esc(t.Jc) + `"/>`)
	}
	if t.Borders != nil {
		b.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + t.Borders.attrs() + `/>`)
		}
		b.WriteString(`</w:tblBorders>`)
	}
	if t.Fixed {
		b.WriteString(`<w:tblLayout w:type="fixed"/>`)
	}
	if t.CellMargin > 0 {
		fmt.Fprintf(b, `<w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, t.CellMargin, t.CellMargin)
	}
	if t.Look {
		b.WriteString(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>`)
	}
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, wd := range t.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range t.Rows {
		b.WriteString(`<w:tr>`)
		if r.CantSplit || r.Header {
			b.WriteString(`<w:trPr>`)
			if r.CantSplit {
				b.WriteString(`<w:cantSplit/>`)
			}
			if r.Header {
				b.WriteString(`<w:tblHeader/>`)
			}
			b.WriteString(`</w:trPr>`)
		}
		col := 0
		for _, c := range r.Cells {
			span := max(c.Span, 1)
			lo, hi := min(col, len(t.Widths)), min(col+span, len(t.Widths))
			col += span
			c.write(b, Sum(t.Widths[lo:hi]), span)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

func (c TblCell) write(b *bytes.Buffer, width, span int) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
	}
	switch c.VMerge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	if c.Borders != nil {
		b.WriteString(`<w:tcBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right"} {
			b.WriteString(`<w:` + side + c.Borders.attrs() + `/>`)
		}
		b.WriteString(`</w:tcBorders>`)
	}
	if c.Fill != "" {
		b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + Esc(c.Fill) + `"/>`)
	}
	if c.VAlign != "" {
		b.WriteString(`<w:vAlign w:val="` + Esc(c.VAlign) + `"/>`)
	}
	b.WriteString(`</w:tcPr>`)
	if len(c.Paras) == 0 {
		b.WriteString(`<w:p/>`)
	}
	for _, p := range c.Paras {
		p.write(b)
	}
	b.WriteString(`</w:tc>`)
}
