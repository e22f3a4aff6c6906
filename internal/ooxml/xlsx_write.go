package ooxml

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// A Book is an XLSX workbook being written. It is the only way gongkai
// writes spreadsheets (excelize behind it); rows and columns are 1-based.
type Book struct {
	f      *excelize.File
	sheets int
}

// NewBook returns an empty workbook; its first Sheet call names the
// sheet every workbook starts with.
func NewBook() *Book { return &Book{f: excelize.NewFile()} }

// Close releases the workbook.
func (b *Book) Close() error { return b.f.Close() }

// WriteTo writes the workbook.
func (b *Book) WriteTo(w io.Writer) (int64, error) { return b.f.WriteTo(w) }

// Props sets the document properties, with fixed creation and change
// times so the same content gives the same bytes.
func (b *Book) Props(title, creator, language string) error {
	return b.f.SetDocProps(&excelize.DocProperties{Title: title, Creator: creator, Language: language,
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"})
}

// A CellStyle is the look of a cell: font, alignment, a thin black border
// on all sides, a solid fill colour (RRGGBB) and an Excel number format id
// (14 is a date).
type CellStyle struct {
	Font           string
	Size           float64
	Bold           bool
	HAlign, VAlign string // "left", "center", "top", …; "" leaves Excel's default
	Wrap           bool
	Border         bool
	Fill           string
	NumFmt         int
}

// Style registers s and returns its id for Sheet.Style.
func (b *Book) Style(s CellStyle) (int, error) {
	st := &excelize.Style{NumFmt: s.NumFmt}
	if s.Font != "" || s.Size != 0 || s.Bold {
		st.Font = &excelize.Font{Family: s.Font, Size: s.Size, Bold: s.Bold}
	}
	if s.HAlign != "" || s.VAlign != "" || s.Wrap {
		st.Alignment = &excelize.Alignment{Horizontal: s.HAlign, Vertical: s.VAlign, WrapText: s.Wrap}
	}
	if s.Border {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Style: 1, Color: "000000"})
		}
	}
	if s.Fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Fill}}
	}
	return b.f.NewStyle(st)
}

// A Sheet is one worksheet of a Book.
type Sheet struct {
	f    *excelize.File
	name string
}

// Sheet adds a worksheet named name (the first call renames the sheet a
// new workbook has).
func (b *Book) Sheet(name string) (*Sheet, error) {
	b.sheets++
	if b.sheets == 1 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	return &Sheet{f: b.f, name: name}, nil
}

// Activate makes the sheet at index i (0-based) the one shown on opening.
func (b *Book) Activate(i int) { b.f.SetActiveSheet(i) }

func cell(row, col int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// Text writes a text cell; it is never taken for a formula.
func (s *Sheet) Text(row, col int, v string) error { return s.f.SetCellStr(s.name, cell(row, col), v) }

// Int writes a whole number.
func (s *Sheet) Int(row, col int, v int64) error { return s.f.SetCellInt(s.name, cell(row, col), v) }

// Float writes a number with as many digits as it needs.
func (s *Sheet) Float(row, col int, v float64) error {
	return s.f.SetCellFloat(s.name, cell(row, col), v, -1, 64)
}

// Merge merges the range r.
func (s *Sheet) Merge(r Range) error {
	return s.f.MergeCell(s.name, cell(r.Row0, r.Col0), cell(r.Row1, r.Col1))
}

// Style applies style id to the range r.
func (s *Sheet) Style(r Range, id int) error {
	return s.f.SetCellStyle(s.name, cell(r.Row0, r.Col0), cell(r.Row1, r.Col1), id)
}

// ColWidth sets the width of column col, in characters.
func (s *Sheet) ColWidth(col int, width float64) error {
	c, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	return s.f.SetColWidth(s.name, c, c, width)
}

// RowHeight sets the height of row, in points.
func (s *Sheet) RowHeight(row int, height float64) error {
	return s.f.SetRowHeight(s.name, row, height)
}

// HeaderFooter sets the printed page header and footer (Excel's &-codes).
func (s *Sheet) HeaderFooter(header, footer string) error {
	return s.f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer})
}

// PrintA4 prints the sheet on A4, scaled to the page width.
func (s *Sheet) PrintA4(landscape bool) error {
	size, wide, tall, fit, orient := 9, 1, 0, true, "portrait" // 9 is A4
	if landscape {
		orient = "landscape"
	}
	if err := s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall})
}

// A TextSheet writes a large sheet of text cells row by row from A1,
// streaming: memory does not grow with the rows.
type TextSheet struct {
	sw  *excelize.StreamWriter
	row int
	buf []any
}

// TextSheet adds a streamed worksheet with columns 1..width at colWidth
// characters. Nothing else may be written to the Book until Flush.
func (b *Book) TextSheet(name string, width int, colWidth float64) (*TextSheet, error) {
	if _, err := b.Sheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if width > 0 {
		if err := sw.SetColWidth(1, width, colWidth); err != nil {
			return nil, err
		}
	}
	return &TextSheet{sw: sw}, nil
}

// Row writes the next row; every value is a text cell.
func (t *TextSheet) Row(vals []string) error {
	t.row++
	t.buf = t.buf[:0]
	for _, v := range vals {
		t.buf = append(t.buf, excelize.Cell{Value: v})
	}
	return t.sw.SetRow(cell(t.row, 1), t.buf)
}

// Flush ends the sheet.
func (t *TextSheet) Flush() error { return t.sw.Flush() }
