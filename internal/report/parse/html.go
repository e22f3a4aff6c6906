package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/internal/ooxml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the HTML reader.
const (
	maxHTMLSize  = 16 << 20 // bytes of input
	maxHTMLDepth = 512      // element nesting the walker follows
	maxHTMLCells = 1 << 20  // grid positions in one page
	maxColspan   = 1000     // as browsers clamp it
)

// publishedRE matches the 发布时间/发布日期 line of a web page, which must
// survive as a paragraph wherever the page puts it: the extractor takes
// the report's date from it.
var publishedRE = regexp.MustCompile(`发布(时间|日期)|发文日期|成文日期`)

// readHTML reads a HTML page into a Doc: its paragraphs and block-level
// text as one-cell lines, and every data table row as a line of grid cells
// with rowspan/colspan expanded as Covered positions.
//
// The page may be a bare table, HTML exported from Word (mso classes,
// <o:p>, &nbsp;, nested <span>s) or a whole government web page. Scripts,
// styles, forms and hidden elements are dropped; so are navigation,
// headers, footers, sidebars, breadcrumbs and share bars (HTML5 elements,
// or class/id names saying so), except for any line of theirs that gives
// the publication date. A table that contains a table, or whose rows have
// at most one cell, is page layout: its content is read in order as if
// the table were not there, so the data tables inside it stay tables.
func readHTML(name string, data []byte) (*Doc, error) {
	if len(data) > maxHTMLSize {
		return nil, fmt.Errorf("html: page of %d bytes exceeds the limit of %d", len(data), maxHTMLSize)
	}
	text, _, err := decodeHTML(data)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	w := &htmlWalker{d: &Doc{Name: name, Format: FormatHTML}}
	w.walk(root, 0)
	w.flush()
	if w.err != nil {
		return nil, fmt.Errorf("html: %w", w.err)
	}
	return w.d, nil
}

// An htmlWalker turns a parsed page into Doc lines.
type htmlWalker struct {
	d       *Doc
	tables  int
	cells   int
	buf     strings.Builder // inline text of the current block
	lines   *[]string       // when non-nil, blocks are collected here (a table cell, a noise element) instead of emitted
	heading int             // inside h1–h6, where <br> is a space: a title is one line
	err     error
}

// flush ends the current block.
func (w *htmlWalker) flush() {
	s := cleanHTMLText(w.buf.String())
	w.buf.Reset()
	if s == "" {
		return
	}
	if w.lines != nil {
		*w.lines = append(*w.lines, s)
		return
	}
	w.d.addParagraph(s)
}

// cleanHTMLText collapses white space (including &nbsp;) as a browser
// does, and trims it. A line break between two CJK characters (Word and
// many editors wrap long lines of HTML source) is removed rather than
// turned into a space, as CSS Text 3 prescribes.
func cleanHTMLText(s string) string {
	var b strings.Builder
	var prev rune
	space, brk := false, false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\f', '\u00a0':
			space = true
			continue
		case '\n', '\r':
			space, brk = true, true
			continue
		}
		if space && prev != 0 && !(brk && cjkWide(prev) && cjkWide(r)) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev, space, brk = r, false, false
	}
	return b.String()
}

// cjkWide reports whether r is a CJK character or full-width punctuation.
func cjkWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '“' || r == '”'
}

// skipped elements carry no report text.
var skippedHTML = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Select: true, atom.Option: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Map: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
}

// noiseHTML elements surround the report on a web page.
var noiseHTML = map[atom.Atom]bool{atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true}

// noiseWords are class and id names (or their first part before - or _)
// of page furniture.
var noiseWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true, "crumb": true,
	"crumbs": true, "location": true, "position": true, "header": true, "footer": true, "foot": true,
	"sidebar": true, "share": true, "print": true, "search": true, "copyright": true, "friendlink": true,
	"toolbar": true,
}

// blockHTML elements end the text before and after them.
var blockHTML = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Section: true, atom.Article: true, atom.Main: true, atom.Blockquote: true, atom.Pre: true,
	atom.Center: true, atom.Form: true, atom.Fieldset: true, atom.Address: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Body: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Caption: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Table: true, atom.Header: true,
	atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Legend: true, atom.Details: true, atom.Summary: true,
}

func htmlHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlHidden reports whether an element is not displayed.
func htmlHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "hidden" {
			return true
		}
	}
	st := strings.ToLower(strings.ReplaceAll(htmlAttr(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "mso-hide:all") || strings.Contains(st, "visibility:hidden")
}

// htmlNoise reports whether an element is page furniture.
func htmlNoise(n *html.Node) bool {
	if noiseHTML[n.DataAtom] {
		return true
	}
	for _, s := range strings.Fields(strings.ToLower(htmlAttr(n, "class") + " " + htmlAttr(n, "id"))) {
		if noiseWords[s] {
			return true
		}
		if i := strings.IndexAny(s, "-_"); i > 0 && noiseWords[s[:i]] {
			return true
		}
	}
	return false
}

func (w *htmlWalker) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth || w.err != nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.DocumentNode:
		w.children(n, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	if skippedHTML[n.DataAtom] || htmlHidden(n) {
		return
	}
	if htmlNoise(n) && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		w.salvage(n, depth)
		return
	}
	switch {
	case n.DataAtom == atom.Br && w.heading > 0:
		w.buf.WriteByte(' ')
	case n.DataAtom == atom.Br:
		w.flush()
	case htmlHeading(n.DataAtom):
		w.flush()
		w.heading++
		w.children(n, depth)
		w.heading--
		w.flush()
	case n.DataAtom == atom.Table && !htmlLayoutTable(n):
		w.flush()
		w.table(n, depth)
	case blockHTML[n.DataAtom]:
		w.flush()
		w.children(n, depth)
		w.flush()
	default:
		w.children(n, depth)
	}
}

func (w *htmlWalker) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

// salvage keeps only the publication-date lines of a noise element, from
// the words 发布时间/发布日期 on.
func (w *htmlWalker) salvage(n *html.Node, depth int) {
	w.flush()
	var lines []string
	saved := w.lines
	w.lines = &lines
	w.children(n, depth)
	w.flush()
	w.lines = saved
	for _, l := range lines {
		if loc := publishedRE.FindStringIndex(l); loc != nil {
			w.buf.WriteString(l[loc[0]:])
			w.flush()
		}
	}
}

// htmlLayoutTable reports whether a table is page layout: it contains a table,
// or none of its rows has more than one cell.
func htmlLayoutTable(t *html.Node) bool {
	wide := false
	var visit func(n *html.Node, depth int) bool
	visit = func(n *html.Node, depth int) bool {
		if depth > maxHTMLDepth {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table {
				return true
			}
			if c.DataAtom == atom.Tr && len(htmlCells(c)) > 1 {
				wide = true
			}
			if visit(c, depth+1) {
				return true
			}
		}
		return false
	}
	return visit(t, 0) || !wide
}

// htmlRows returns a table's rows in order: those of its thead, tbody and
// tfoot sections and any directly inside it. Rows that cannot be seen are
// left out: hidden ones, and the zero-height row of empty cells that Word
// appends to tables with merged cells (<![if !supportMisalignedColumns]>).
func htmlRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	add := func(r *html.Node) {
		if r.DataAtom == atom.Tr && !htmlHidden(r) && strings.TrimSpace(htmlAttr(r, "height")) != "0" {
			rows = append(rows, r)
		}
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			add(c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				add(r)
			}
		}
	}
	return rows
}

func htmlCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells = append(cells, c)
		}
	}
	return cells
}

func htmlSpan(n *html.Node, key string, def, hi int) int {
	v, err := strconv.Atoi(strings.TrimSpace(htmlAttr(n, key)))
	if err != nil || v < 0 {
		return def
	}
	return min(v, hi)
}

// table emits a data table, or inside a cell or noise element its rows as
// lines of text.
func (w *htmlWalker) table(t *html.Node, depth int) {
	rows := htmlRows(t)
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Caption {
			w.walk(c, depth+1)
		}
	}
	type placed struct {
		text   string
		origin bool
	}
	var grid [][]*placed
	cols := 0
	var dated []string
	for r, tr := range rows {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		col := 0
		for _, td := range htmlCells(tr) {
			for col < len(grid[r]) && grid[r][col] != nil {
				col++
			}
			cs := max(htmlSpan(td, "colspan", 1, maxColspan), 1)
			rsp := htmlSpan(td, "rowspan", 1, len(rows)-r)
			if rsp == 0 { // rowspan=0: to the end of the table
				rsp = len(rows) - r
			}
			if col+cs > ooxml.MaxGridCols || w.cells+cs*rsp > maxHTMLCells {
				w.err = fmt.Errorf("table %d is too large (more than %d columns or %d cells)", w.tables+1, ooxml.MaxGridCols, maxHTMLCells)
				return
			}
			w.cells += cs * rsp
			text := w.cellText(td, depth)
			for dr := range rsp {
				for len(grid) <= r+dr {
					grid = append(grid, nil)
				}
				line := grid[r+dr]
				for len(line) < col+cs {
					line = append(line, nil)
				}
				for dc := range cs {
					if line[col+dc] == nil {
						line[col+dc] = &placed{origin: dr == 0 && dc == 0}
					}
				}
				grid[r+dr] = line
			}
			grid[r][col].text = text
			col += cs
			cols = max(cols, col)
		}
	}
	if len(rows) == 0 {
		return
	}
	if w.lines != nil { // flattened: one line of text per row
		for _, line := range grid {
			var parts []string
			for _, p := range line {
				if p != nil && p.origin && p.text != "" {
					parts = append(parts, strings.ReplaceAll(p.text, "\n", " "))
				}
			}
			w.buf.WriteString(strings.Join(parts, " "))
			w.flush()
		}
		return
	}
	w.tables++
	out := make([][]ooxml.GridCell, len(grid))
	for r, line := range grid {
		out[r] = make([]ooxml.GridCell, cols)
		var parts []string
		for c, p := range line {
			if p == nil {
				continue
			}
			out[r][c] = ooxml.GridCell{Text: p.text, Covered: !p.origin}
			if p.origin && p.text != "" {
				parts = append(parts, p.text)
			}
		}
		if row := strings.Join(parts, " "); publishedRE.MatchString(row) {
			dated = append(dated, row)
		}
	}
	w.d.addGrid(w.tables, 1, out)
	for _, l := range dated {
		w.d.addParagraph(strings.ReplaceAll(l, "\n", " "))
	}
}

// cellText returns a cell's text, its blocks joined by newlines.
func (w *htmlWalker) cellText(td *html.Node, depth int) string {
	saved, savedBuf := w.lines, w.buf.String()
	var lines []string
	w.lines = &lines
	w.buf.Reset()
	w.children(td, depth+1)
	w.flush()
	w.lines = saved
	w.buf.Reset()
	w.buf.WriteString(savedBuf)
	return strings.Join(lines, "\n")
}
