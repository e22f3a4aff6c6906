package ooxml

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A Workbook is an XLSX workbook open for reading. It is the only way
// gongkai reads spreadsheets: excelize does the parsing behind it, after
// the zip guard (excelize trusts the sizes the headers declare).
type Workbook struct {
	f   *excelize.File
	raw bool
}

// OpenWorkbook checks data against lim (every entry is decompressed once,
// to nowhere, within the limits) and opens it. With raw, cells read as
// stored (numbers and date serials unformatted); otherwise as Excel
// displays them, number formats applied. A panic inside excelize on a
// malformed workbook is returned as an error; callers reading sheets
// should still recover, as excelize parses sheets lazily.
func OpenWorkbook(data []byte, lim Limits, raw bool) (wb *Workbook, err error) {
	return OpenWorkbookAt(bytes.NewReader(data), int64(len(data)), lim, raw)
}

// StreamPartSize is the size above which a worksheet or the shared-string
// table of a workbook is not held in memory: excelize extracts it to a
// temporary file (removed by Close) and RowReader and the shared strings
// stream from there. Other parts (styles, the workbook, relationships)
// are read into memory and may be at most MaxMemoryPart each.
const (
	StreamPartSize = 1 << 20
	MaxMemoryPart  = 16 << 20
)

// OpenWorkbookAt is OpenWorkbook for a workbook of n bytes read
// through r (an open file). The compressed bytes are read into memory
// once; large worksheets and shared strings stream (StreamPartSize), so
// that memory does not grow with what the parts expand to.
func OpenWorkbookAt(r io.ReaderAt, n int64, lim Limits, raw bool) (wb *Workbook, err error) {
	a, err := OpenAt(r, n, lim)
	if err == nil {
		err = a.CheckAll()
	}
	if err != nil {
		return nil, err
	}
	for _, name := range a.Names() {
		n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
		if strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml" {
			continue
		}
		if a.Size(name) > MaxMemoryPart {
			return nil, fmt.Errorf("open workbook: %s: %w: %s, limit %s", name, ErrTooLarge, size(uint64(a.Size(name))), size(MaxMemoryPart))
		}
	}
	defer func() {
		if p := recover(); p != nil {
			wb, err = nil, fmt.Errorf("unreadable workbook (%v)", p)
		}
	}()
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, n), excelize.Options{RawCellValue: raw,
		UnzipSizeLimit: max(lim.MaxTotalSize, StreamPartSize), UnzipXMLSizeLimit: StreamPartSize})
	if err != nil {
		return nil, err
	}
	return &Workbook{f: f, raw: raw}, nil
}

// Close releases the workbook.
func (w *Workbook) Close() error { return w.f.Close() }

// Sheets lists the sheet names in workbook order.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }

// Rows returns a sheet's cell values, row by row from row 1 and column A;
// trailing empty cells of a row are left out.
func (w *Workbook) Rows(sheet string) ([][]string, error) {
	return w.f.GetRows(sheet, excelize.Options{RawCellValue: w.raw})
}

// A Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ Col0, Row0, Col1, Row1 int }

// Merges returns a sheet's merged ranges, each with its corners in order;
// a range whose reference cannot be read is left out.
func (w *Workbook) Merges(sheet string) ([]Range, error) {
	ms, err := w.f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	var out []Range
	for _, m := range ms {
		c0, r0, err0 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err0 != nil || err1 != nil {
			continue
		}
		out = append(out, Range{min(c0, c1), min(r0, r1), max(c0, c1), max(r0, r1)})
	}
	return out, nil
}

// A RowReader reads a sheet row by row without holding it all.
type RowReader struct {
	rows *excelize.Rows
	raw  bool
}

// RowReader returns a reader of sheet's rows; close it when done.
func (w *Workbook) RowReader(sheet string) (*RowReader, error) {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &RowReader{rows: rows, raw: w.raw}, nil
}

// Next advances to the next row; false at the end or on an error (Err).
func (r *RowReader) Next() bool { return r.rows.Next() }

// Columns returns the current row's values from column A.
func (r *RowReader) Columns() ([]string, error) {
	return r.rows.Columns(excelize.Options{RawCellValue: r.raw})
}

// Err returns the error that ended Next, if any.
func (r *RowReader) Err() error { return r.rows.Error() }

// Close releases the reader.
func (r *RowReader) Close() error { return r.rows.Close() }
