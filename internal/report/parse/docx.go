package parse

import (
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/report"
)

// readDOCX reads a DOCX document into a Doc: the body of its main part
// (word/document.xml) in reading order, paragraphs as one-cell lines and
// every table row as a line of grid cells, merged cells (gridSpan, vMerge)
// expanded as Covered positions. The archive is opened through the zip
// guard of package ooxml, so a zip bomb is refused with bounded memory.
// Tables that contain tables are layout: their content is emitted in
// order instead (see ooxml.ReadBody). Imported HTML and MHT parts
// (w:altChunk) are read in place with the HTML reader.
func readDOCX(name string, data []byte) (*Doc, error) {
	a, err := ooxml.Open(data, ooxml.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	part, err := ooxml.MainPart(a, "word/document.xml")
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	rc, err := a.Open(part)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	blocks, err := ooxml.ReadBody(rc)
	var syntax *xml.SyntaxError
	switch {
	case errors.Is(err, ooxml.ErrBadBody) || errors.As(err, &syntax):
		return nil, fmt.Errorf("docx: %s: %w", part, err)
	case err != nil: // the zip guard's error, which names the part
		return nil, fmt.Errorf("docx: %w", err)
	}
	d := &Doc{Name: name, Format: FormatDOCX}
	tables := 0
	var rels map[string]string
	for _, b := range blocks {
		switch {
		case b.AltChunk != "":
			if rels == nil {
				if rels, err = ooxml.Rels(a, part); err != nil {
					return nil, fmt.Errorf("docx: %w", err)
				}
			}
			if err := readAltChunk(d, a, rels, b.AltChunk, &tables); err != nil {
				return nil, fmt.Errorf("docx: %w", err)
			}
		case b.Table == nil:
			d.addParagraph(b.Text)
		default:
			tables++
			d.addGrid(tables, 1, b.Table.Rows)
		}
	}
	return d, nil
}

// addParagraph appends a paragraph line; its position is its line number
// in the Doc.
func (d *Doc) addParagraph(text string) {
	d.Lines = append(d.Lines, Line{Cells: []Cell{{Text: text, Pos: report.Pos{Line: len(d.Lines) + 1}}}})
}

// addGrid appends the rows of a table expanded on its grid; firstRow is the
// number of its first row (1 for DOCX and HTML, the sheet row for XLSX).
func (d *Doc) addGrid(table, firstRow int, rows [][]ooxml.GridCell) {
	for r, row := range rows {
		line := Line{Table: table, Cells: make([]Cell, len(row))}
		for c, g := range row {
			line.Cells[c] = Cell{Text: g.Text, Covered: g.Covered, Pos: report.Pos{Table: table, Row: firstRow + r, Col: c + 1}}
		}
		d.Lines = append(d.Lines, line)
	}
}
