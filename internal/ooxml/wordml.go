package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A Block is one top-level piece of a WordprocessingML body: a paragraph's
// text, or a table (Table non-nil).
type Block struct {
	Text  string
	Table *Table
	// AltChunk is the relationship id of an imported part (w:altChunk: a
	// whole HTML or MHT page, or another document, pasted into the body);
	// the caller resolves and reads it.
	AltChunk string
}

// A Table is a table expanded on its grid: every row has Cols cells.
type Table struct {
	Cols int
	Rows [][]GridCell
}

// A GridCell is one position of a table grid. The text of a merged cell
// (gridSpan, vMerge) stands in its top-left position; the other positions
// it covers have Covered set and no text.
type GridCell struct {
	Text    string
	Covered bool
}

// Limits on the shape of a body, so that a small document.xml cannot make
// the reader build an enormous grid.
const (
	MaxGridCols   = 1000    // grid columns of one table (Word allows 63)
	MaxTableDepth = 32      // tables nested in tables
	MaxCells      = 1 << 20 // grid positions in one body
	MaxTextRun    = 1 << 20 // bytes between two '<' in the XML
	// MaxDepth bounds how deep elements nest: a body 32 tables deep,
	// each table, row, cell, paragraph, run and content control included,
	// stays well under it; the XML decoder keeps a frame for every open
	// element, so an unbounded depth is unbounded memory (a 160 KB DOCX
	// nested a million deep took 205 MB before this limit).
	MaxDepth = 1000
)

// ErrBadBody is wrapped by ReadBody for a body it refuses.
var ErrBadBody = errors.New("bad document body")

// ReadBody reads a word/document.xml stream token by token and returns its
// body in reading order. Paragraph text includes runs, w:t, inserted text
// (w:ins) and field results; a w:tab is a space, w:br and w:cr are
// newlines; deleted text (w:del, w:delText, w:moveFrom), field codes
// (w:instrText), phonetic guides (w:rt), text boxes (w:txbxContent) and
// mc:Fallback copies are skipped; bookmarks and content controls (w:sdt,
// around runs, cells, rows or blocks) contribute their content only.
// Empty paragraphs are dropped.
//
// A table that contains another table is a layout table: it is not
// returned as a table; its cells' paragraphs and tables are returned in
// order instead, so a data table inside it stays a table of its own.
func ReadBody(r io.Reader) ([]Block, error) {
	d := xml.NewDecoder(&runGuard{r: r})
	p := &bodyReader{d: d}
	if err := p.read(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// item is a paragraph or nested table inside a table cell.
type item struct {
	text string
	tbl  *rawTable
}

type rawCell struct {
	span   int
	vmerge int // 0 none, 1 restart, 2 continue
	items  []item
}

type rawRow struct {
	before, after int
	deleted       bool // a tracked deletion of the whole row
	cells         []rawCell
}

type rawTable struct {
	gridCols int
	nested   bool
	rows     []rawRow
}

type bodyReader struct {
	d      *xml.Decoder
	out    []Block
	tables []*rawTable // open tables, innermost last
	para   strings.Builder
	inPara int
	inRun  int
	inText int
	cells  int
	inTrPr int
	depth  int // open elements, not counting skipped ones
}

func (p *bodyReader) read() error {
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			if len(p.tables) > 0 {
				return fmt.Errorf("%w: unclosed table", ErrBadBody)
			}
			return nil
		}
		if err != nil {
			return err // a syntax error, or the guard's error naming the entry
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.depth++; p.depth > MaxDepth {
				return fmt.Errorf("%w: elements nested more than %d deep", ErrBadBody, MaxDepth)
			}
			if err := p.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			p.depth--
			if err := p.end(t); err != nil {
				return err
			}
		case xml.CharData:
			if p.inText > 0 && p.inPara > 0 {
				p.para.Write(t)
			}
		}
	}
}

// attr returns the value of the attribute with the local name "val".
func val(t xml.StartElement) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

func intVal(t xml.StartElement, def int) int {
	v, ok := val(t)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return def
	}
	return n
}

func (p *bodyReader) cur() *rawTable {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

// cell returns the open cell of the innermost table, or nil.
func (p *bodyReader) cell() *rawCell {
	t := p.cur()
	if t == nil || len(t.rows) == 0 {
		return nil
	}
	row := &t.rows[len(t.rows)-1]
	if len(row.cells) == 0 {
		return nil
	}
	return &row.cells[len(row.cells)-1]
}

func (p *bodyReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "del":
		if p.inTrPr > 0 { // <w:trPr><w:del/>: the row is deleted
			if tb := p.cur(); tb != nil && len(tb.rows) > 0 {
				tb.rows[len(tb.rows)-1].deleted = true
			}
		}
		return p.skip()
	case "trPr":
		p.inTrPr++
	case "txbxContent", "Fallback", "moveFrom", "delText", "instrText", "sdtPr", "sdtEndPr", "rPr", "rt":
		return p.skip()
	case "p":
		p.inPara++
		if p.inPara == 1 {
			p.para.Reset()
		}
	case "altChunk":
		if len(p.tables) == 0 {
			for _, a := range t.Attr {
				if a.Name.Local == "id" {
					p.out = append(p.out, Block{AltChunk: a.Value})
				}
			}
		}
	case "r":
		p.inRun++
	case "t":
		p.inText++
	case "tab", "ptab":
		if p.inRun > 0 && p.inPara > 0 {
			p.para.WriteByte(' ')
		}
	case "br", "cr":
		if p.inRun > 0 && p.inPara > 0 {
			p.para.WriteByte('\n')
		}
	case "noBreakHyphen":
		if p.inRun > 0 && p.inPara > 0 {
			p.para.WriteByte('-')
		}
	case "tbl":
		if p.inPara > 0 {
			return fmt.Errorf("%w: table inside a paragraph", ErrBadBody)
		}
		if len(p.tables) >= MaxTableDepth {
			return fmt.Errorf("%w: tables nested more than %d deep", ErrBadBody, MaxTableDepth)
		}
		if c := p.cell(); c != nil {
			p.cur().nested = true
			nt := &rawTable{}
			c.items = append(c.items, item{tbl: nt})
			p.tables = append(p.tables, nt)
		} else {
			p.tables = append(p.tables, &rawTable{})
		}
	case "gridCol":
		if t := p.cur(); t != nil {
			t.gridCols++
		}
	case "tr":
		if t := p.cur(); t != nil {
			t.rows = append(t.rows, rawRow{})
		}
	case "gridBefore", "gridAfter":
		if tb := p.cur(); tb != nil && len(tb.rows) > 0 {
			row := &tb.rows[len(tb.rows)-1]
			n := min(intVal(t, 0), MaxGridCols)
			if t.Name.Local == "gridBefore" {
				row.before = n
			} else {
				row.after = n
			}
		}
	case "tc":
		if tb := p.cur(); tb != nil && len(tb.rows) > 0 {
			p.cells++
			if p.cells > MaxCells {
				return fmt.Errorf("%w: more than %d table cells", ErrBadBody, MaxCells)
			}
			row := &tb.rows[len(tb.rows)-1]
			row.cells = append(row.cells, rawCell{span: 1})
		}
	case "gridSpan":
		if c := p.cell(); c != nil {
			c.span = max(1, min(intVal(t, 1), MaxGridCols))
		}
	case "vMerge":
		if c := p.cell(); c != nil {
			if v, _ := val(t); v == "restart" {
				c.vmerge = 1
			} else {
				c.vmerge = 2
			}
		}
	}
	return nil
}

func (p *bodyReader) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "p":
		if p.inPara == 0 {
			return nil
		}
		p.inPara--
		if p.inPara > 0 {
			return nil
		}
		text := strings.TrimSpace(p.para.String())
		if text == "" {
			return nil
		}
		if c := p.cell(); c != nil {
			c.items = append(c.items, item{text: text})
		} else if len(p.tables) == 0 {
			p.out = append(p.out, Block{Text: text})
		}
	case "r":
		p.inRun = max(p.inRun-1, 0)
	case "trPr":
		p.inTrPr = max(p.inTrPr-1, 0)
	case "t":
		p.inText = max(p.inText-1, 0)
	case "tbl":
		if len(p.tables) == 0 {
			return nil
		}
		tb := p.cur()
		p.tables = p.tables[:len(p.tables)-1]
		if len(p.tables) == 0 {
			blocks, err := tb.blocks()
			if err != nil {
				return err
			}
			p.out = append(p.out, blocks...)
		}
	}
	return nil
}

// blocks returns a finished table as one grid table, or, when it holds
// tables, as its cells' contents in order.
func (t *rawTable) blocks() ([]Block, error) {
	if !t.nested {
		g, err := t.grid()
		if err != nil {
			return nil, err
		}
		return []Block{{Table: g}}, nil
	}
	var out []Block
	for _, row := range t.rows {
		for _, c := range row.cells {
			for _, it := range c.items {
				if it.tbl == nil {
					out = append(out, Block{Text: it.text})
					continue
				}
				b, err := it.tbl.blocks()
				if err != nil {
					return nil, err
				}
				out = append(out, b...)
			}
		}
	}
	return out, nil
}

// grid expands gridSpan and vMerge. A vMerge continuation is covered when
// the position above belongs to a vertical merge; otherwise (a continuation
// with nothing to continue) it is an ordinary cell. Rows deleted with
// tracked changes are left out.
func (t *rawTable) grid() (*Table, error) {
	cols := t.gridCols
	for _, row := range t.rows {
		w := row.before + row.after
		for _, c := range row.cells {
			w += c.span
		}
		cols = max(cols, w)
	}
	if cols > MaxGridCols {
		return nil, fmt.Errorf("%w: table with %d grid columns (limit %d)", ErrBadBody, cols, MaxGridCols)
	}
	g := &Table{Cols: cols}
	var above []bool // positions of the previous row inside a vertical merge
	for _, row := range t.rows {
		if row.deleted {
			continue
		}
		line := make([]GridCell, cols)
		merged := make([]bool, cols)
		pos := row.before
		for _, c := range row.cells {
			if c.vmerge == 2 && pos < len(above) && above[pos] {
				for i := pos; i < pos+c.span; i++ {
					line[i].Covered, merged[i] = true, true
				}
				pos += c.span
				continue
			}
			line[pos].Text = cellText(c.items)
			for i := pos; i < pos+c.span; i++ {
				line[i].Covered = i > pos
				merged[i] = c.vmerge != 0
			}
			pos += c.span
		}
		g.Rows, above = append(g.Rows, line), merged
	}
	return g, nil
}

// cellText joins a cell's paragraphs with newlines.
func cellText(items []item) string {
	var parts []string
	for _, it := range items {
		if it.tbl == nil {
			parts = append(parts, it.text)
		}
	}
	return strings.Join(parts, "\n")
}

// A runGuard fails when more than MaxTextRun bytes pass without a '<', so
// the XML decoder never buffers a huge text node or tag.
type runGuard struct {
	r   io.Reader
	run int
}

func (g *runGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for b := p[:n]; len(b) > 0; {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			g.run += len(b)
			break
		}
		if g.run += i; g.run > MaxTextRun {
			break
		}
		g.run, b = 0, b[i+1:]
	}
	if g.run > MaxTextRun {
		return 0, fmt.Errorf("%w: more than %d bytes of text without markup", ErrBadBody, MaxTextRun)
	}
	return n, err
}

// skip reads past the end of the element just started, as xml.Decoder's
// Skip does, but holds its depth to MaxDepth (Skip has no limit, and the
// decoder keeps a frame for each open element).
func (p *bodyReader) skip() error {
	depth := p.depth
	for {
		tok, err := p.d.Token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > MaxDepth {
				return fmt.Errorf("%w: elements nested more than %d deep", ErrBadBody, MaxDepth)
			}
		case xml.EndElement:
			if depth == p.depth {
				p.depth--
				return nil
			}
			depth--
		}
	}
}
