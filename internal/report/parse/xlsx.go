package parse

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
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
// The archive passes the zip guard first (ooxml.OpenWorkbook): every
// entry is decompressed once to nowhere within the limits before the
// workbook is parsed.
func readXLSX(name string, data []byte) (d *Doc, err error) {
	// The spreadsheet parser is not hardened against every malformed
	// workbook; a panic in it is an unreadable file, not a crash.
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("xlsx: unreadable workbook (%s)", xlsxOneLine(fmt.Sprint(r)))
		}
	}()
	f, err := ooxml.OpenWorkbook(data, ooxml.DefaultLimits, false)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", oneLineError{err})
	}
	defer f.Close()
	d = &Doc{Name: name, Format: FormatXLSX}
	sheets := f.Sheets()
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
func xlsxSheet(d *Doc, f *ooxml.Workbook, table int, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	merges, err := f.Merges(sheet)
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
		rects = append(rects, rect{m.Col0 - 1, m.Row0 - 1, m.Col1 - 1, m.Row1 - 1})
		width, height = max(width, m.Col1), max(height, m.Row1)
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

// oneLineError is err with its message on one line; errors.Is still
// sees err (ooxml.ErrNotZip, …).
type oneLineError struct{ err error }

func (e oneLineError) Error() string { return xlsxOneLine(e.err.Error()) }
func (e oneLineError) Unwrap() error { return e.err }
