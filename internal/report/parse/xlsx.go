package parse

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/xuri/excelize/v2"
)

// Limits of the XLSX reader, beyond the zip guard's.
const (
	maxSheetCells = 1 << 20 // grid positions of one sheet
	maxSheets     = 100
)

// readXLSX reads a XLSX workbook into a Doc: every sheet is a table (its
// Table is the sheet's 1-based index) and every row that has a value or
// lies in a merged range is a line, one cell per column from column A;
// merged ranges put their value in the top-left cell and mark the rest
// Covered. Positions are the sheet's own row and column numbers, so a
// finding can be looked up in Excel. Values are read as Excel displays
// them (number formats applied).
//
// The archive passes the zip guard first — excelize trusts the sizes the
// headers declare, so every entry is decompressed once to nowhere within
// the limits before excelize sees it.
func readXLSX(name string, data []byte) (d *Doc, err error) {
	a, err := ooxml.Open(data, ooxml.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	if err := a.CheckAll(); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	// excelize is not hardened against every malformed workbook; a panic in
	// it is an unreadable file, not a crash.
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("xlsx: unreadable workbook (%s)", xlsxOneLine(fmt.Sprint(r)))
		}
	}()
	lim := ooxml.DefaultLimits.MaxTotalSize
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim, UnzipXMLSizeLimit: lim})
	if err != nil {
		return nil, fmt.Errorf("xlsx: %s", xlsxOneLine(err.Error()))
	}
	defer f.Close()
	d = &Doc{Name: name, Format: FormatXLSX}
	sheets := f.GetSheetList()
	if len(sheets) > maxSheets {
		return nil, fmt.Errorf("xlsx: %d sheets (limit %d)", len(sheets), maxSheets)
	}
	for i, sheet := range sheets {
		if err := xlsxSheet(d, f, i+1, sheet); err != nil {
			return nil, fmt.Errorf("xlsx: sheet %q: %w", sheet, err)
		}
	}
	return d, nil
}

// xlsxSheet appends one sheet's rows as table number table.
func xlsxSheet(d *Doc, f *excelize.File, table int, sheet string) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return err
	}
	type rect struct{ c0, r0, c1, r1 int } // 0-based, inclusive
	var rects []rect
	height, width := len(rows), 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, m := range merges {
		c0, r0, err0 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err0 != nil || err1 != nil {
			continue
		}
		if c1 < c0 {
			c0, c1 = c1, c0
		}
		if r1 < r0 {
			r0, r1 = r1, r0
		}
		rects = append(rects, rect{c0 - 1, r0 - 1, c1 - 1, r1 - 1})
		width, height = max(width, c1), max(height, r1)
	}
	if width > ooxml.MaxGridCols || width*height > maxSheetCells {
		return fmt.Errorf("%d rows × %d columns exceed the limit of %d cells", height, width, maxSheetCells)
	}
	grid := make([][]ooxml.GridCell, height)
	merged := make([]bool, height)
	for r := range grid {
		grid[r] = make([]ooxml.GridCell, width)
		if r < len(rows) {
			for c, v := range rows[r] {
				grid[r][c].Text = strings.TrimSpace(v)
			}
		}
	}
	for _, m := range rects {
		for r := m.r0; r <= m.r1; r++ {
			merged[r] = true
			for c := m.c0; c <= m.c1; c++ {
				if r != m.r0 || c != m.c0 {
					grid[r][c] = ooxml.GridCell{Covered: true}
				}
			}
		}
	}
	for r, line := range grid {
		if merged[r] || !xlsxBlankRow(line) {
			d.addGrid(table, r+1, [][]ooxml.GridCell{line})
		}
	}
	return nil
}

func xlsxBlankRow(line []ooxml.GridCell) bool {
	for _, c := range line {
		if c.Text != "" || c.Covered {
			return false
		}
	}
	return true
}

// xlsxOneLine keeps a library's message on one line.
func xlsxOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
