// Package parse reads published annual reports — plain text (UTF-8 or
// GBK/GB18030, as exported from Word or by pdftotext), PDF (through
// pdftotext), DOCX, HTML and XLSX — into *report.Report, recording where each
// value came from.
//
// Every format is first read into a Doc: the document's paragraphs and
// table rows in reading order. One extractor then maps a Doc onto the
// template's cells, so all formats share the label matching and the
// handling of blanks, dashes and unreadable values.
package parse

import "github.com/gongkai/gongkai/internal/report"

// A Format is an input format that Detect recognises.
type Format string

// The input formats.
const (
	FormatText Format = "text"
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	FormatHTML Format = "html"
	FormatXLSX Format = "xlsx"
	FormatJSON Format = "json"
)

// A Cell is one cell of a table row, or the whole text of a paragraph.
type Cell struct {
	Text string
	Pos  report.Pos
	// Covered is true for a grid position covered by a merged cell (gridSpan,
	// vMerge continuation, rowspan/colspan): its text stands in the merge's
	// top-left cell. A covered position is not a blank value.
	Covered bool
	// Glued is true for a cell cut from text whose cell separators were
	// lost: its digits may hold several values run together.
	Glued bool
	// Pipe is true for a cell of a "|" row: the pipes fix its column.
	Pipe bool
	// CellLine is true for a cell of a one-cell-per-line conversion
	// ("0 |"): nothing fixes its column but its order in the row.
	CellLine bool
}

// A Line is one paragraph (one cell, Table 0) or one table row.
type Line struct {
	Cells []Cell
	// Table is the 1-based number of the table the row belongs to, 0 for a
	// paragraph or a line of plain text.
	Table int
}

// A Doc is a document read into lines, before the template is recognised.
type Doc struct {
	Name   string // the input's name, for messages
	Format Format
	Lines  []Line
}
