package report

import "fmt"

// A Pos is where a value was read in a published document: a line of text,
// or a cell of a table (1-based; 0 means unknown).
type Pos struct {
	Line  int `json:"line,omitempty"`  // line of a text or PDF-text input
	Table int `json:"table,omitempty"` // table number in a DOCX, HTML or XLSX input
	Row   int `json:"row,omitempty"`
	Col   int `json:"col,omitempty"`
}

// String describes the position in Chinese: "第 12 行" or "表格 2 第 3 行第 4 列".
func (p Pos) String() string {
	switch {
	case p.Table > 0:
		return fmt.Sprintf("表格 %d 第 %d 行第 %d 列", p.Table, p.Row, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("第 %d 行", p.Line)
	default:
		return "位置不明"
	}
}

// A Source records how a report was read from a published document.
type Source struct {
	File   string         // the input's name as given
	Format string         // text, pdf, docx, html, xlsx or json
	Cells  map[CellID]Pos // where each cell's value was read
	// Headings[i] is true when section heading i (1–6: 一 … 六) was found.
	Headings [7]bool
	// Tables[i] is true when table i (2–4: 二, 三, 四) was found.
	Tables [5]bool
	// Problems are values the parser saw but could not read; their cells
	// are left absent rather than guessed.
	Problems []Problem
}

// A Problem is a value a parser could not read.
type Problem struct {
	Cell   CellID // the cell it belongs to, when known
	Pos    Pos
	Text   string // the text as found
	Reason string // in Chinese, e.g. 不是整数
}
