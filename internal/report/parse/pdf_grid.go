package parse

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// A PDF's text flowed by pdftotext loses the table: -layout drops rows or
// misaligns values when a label wraps over two or three lines, plain text
// puts labels and values out of order. pdftotext -bbox-layout gives every
// word's box instead, and gridDoc rebuilds the table's rows from the
// positions: words on one baseline make a row, a wide gap between words a
// new cell, and the lines of a wrapped label are joined to the row whose
// values sit beside them.

// A box is one word with its position on the page (points, y downwards).
type box struct {
	text           string
	x0, y0, x1, y1 float64
}

func (b box) mid() float64 { return (b.y0 + b.y1) / 2 }
func (b box) h() float64   { return b.y1 - b.y0 }

// maxWords bounds the words bboxPages keeps, like MaxCells for text.
const maxWords = MaxCells

// bboxPages reads pdftotext -bbox-layout output into the words of each
// page. The document's head (its title and metadata, which may hold
// control characters that XML forbids) is skipped.
func bboxPages(s string) ([][]box, error) {
	if i := strings.Index(s, "<doc>"); i >= 0 {
		s = s[i:]
	}
	if i := strings.LastIndex(s, "</doc>"); i >= 0 {
		s = s[:i+len("</doc>")]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return ' '
		}
		return r
	}, s)
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var pages [][]box
	var cur *box
	var text strings.Builder
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("bbox: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, nil)
			case "word":
				if len(pages) == 0 {
					pages = append(pages, nil)
				}
				b := box{}
				for _, a := range t.Attr {
					v, _ := strconv.ParseFloat(a.Value, 64)
					switch a.Name.Local {
					case "xMin":
						b.x0 = v
					case "yMin":
						b.y0 = v
					case "xMax":
						b.x1 = v
					case "yMax":
						b.y1 = v
					}
				}
				cur = &b
				text.Reset()
			}
		case xml.CharData:
			if cur != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "word" && cur != nil {
				cur.text = strings.TrimSpace(text.String())
				if cur.text != "" && cur.y1 > cur.y0 {
					pages[len(pages)-1] = append(pages[len(pages)-1], *cur)
					n++
					if n > maxWords {
						return nil, errors.New("bbox: 文字过多 (too many words)")
					}
				}
				cur = nil
			}
		}
	}
	return pages, nil
}

// A gridRow is the words of one baseline, cut into cells.
type gridRow struct {
	y0, y1 float64
	cells  []box // one box per cell, words joined
	num    bool  // holds a value cell
}

// firstValueX is the left edge of the row's first value cell.
func (r *gridRow) firstValueX() float64 {
	for _, c := range r.cells {
		if classify(report.Normalize(c.text)) != kText {
			return c.x0
		}
	}
	return math.Inf(1)
}

// text joins the row's cells.
func (r *gridRow) text() string {
	var b strings.Builder
	for _, c := range r.cells {
		b.WriteString(c.text)
	}
	return b.String()
}

// label joins the row's text cells before its first value.
func (r *gridRow) label() string {
	fx := r.firstValueX()
	var b strings.Builder
	for _, c := range r.cells {
		if c.x0 < fx {
			b.WriteString(c.text)
		}
	}
	return b.String()
}

// labelKind says what a text is in the template: 1 a heading or a table
// header, 2 a row label (id names the row), 0 neither (a fragment of a
// wrapped label).
func labelKind(s string) (kind int, id int) {
	k := stripNum(report.Normalize(s))
	if k == "" {
		return 0, 0
	}
	if m, ok := matchReq(k, false, false); ok && m.group == 0 {
		return 2, int(m.row) + 1
	}
	if p := matchProactive(k); p > 0 {
		return 2, 100 + p
	}
	if heading(k) > 0 || isHeader(k) || strings.Contains(k, "第二十条第") {
		return 1, 0
	}
	return 0, 0
}

// pageRows groups a page's words into rows and cells.
func pageRows(words []box) []*gridRow {
	sort.SliceStable(words, func(i, j int) bool { return words[i].mid() < words[j].mid() })
	var rows []*gridRow
	var cur []box
	var y0, y1 float64
	flush := func() {
		if len(cur) == 0 {
			return
		}
		rows = append(rows, makeRow(cur))
		cur = nil
	}
	for _, w := range words {
		if len(cur) > 0 {
			// Same row when the word's middle lies inside the row's band.
			if m := w.mid(); m > y0 && m < y1 {
				cur = append(cur, w)
				y0, y1 = min(y0, w.y0), max(y1, w.y1)
				continue
			}
			flush()
		}
		cur = []box{w}
		y0, y1 = w.y0, w.y1
	}
	flush()
	return rows
}

// makeRow sorts a row's words left to right and joins those closer than
// half a character into one cell.
func makeRow(ws []box) *gridRow {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].x0 < ws[j].x0 })
	r := &gridRow{y0: ws[0].y0, y1: ws[0].y1}
	for _, w := range ws {
		r.y0, r.y1 = min(r.y0, w.y0), max(r.y1, w.y1)
		if n := len(r.cells); n > 0 {
			last := &r.cells[n-1]
			if gap := w.x0 - last.x1; gap < 0.7*w.h() {
				sep := ""
				if isASCIIWord(last.text) && isASCIIWord(w.text) {
					sep = " "
				}
				last.text += sep + w.text
				last.x1 = max(last.x1, w.x1)
				last.y0, last.y1 = min(last.y0, w.y0), max(last.y1, w.y1)
				continue
			}
		}
		r.cells = append(r.cells, w)
	}
	for _, c := range r.cells {
		if classify(report.Normalize(c.text)) != kText {
			r.num = true
			break
		}
	}
	return r
}

// isASCIIWord reports whether s ends or starts with ASCII letters or
// digits, which keep a space between words.
func isASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	c := s[len(s)-1]
	return c < 0x80 && c != ' '
}

// joinWrapped joins the lines of wrapped labels to the row of values beside
// them: a row of text only, right above or below a row with values, no
// further than a line's height from it, whose cells all lie left of that
// row's first value, is the wrapped part of that row's label — of the
// nearer such row when both neighbours qualify. It repeats, so that a
// label wrapped over three lines joins line by line.
func joinWrapped(rows []*gridRow) []*gridRow {
	near := func(t, v *gridRow) (float64, bool) {
		h := t.y1 - t.y0
		gap := max(v.y0-t.y1, t.y0-v.y1)
		if gap > 0.9*h || len(t.cells) > 3 {
			return 0, false
		}
		// A heading or a header is never part of a label, nor a row's
		// label part of another row that has its own.
		tk, tid := labelKind(t.text())
		if tk == 1 {
			return 0, false
		}
		if vk, vid := labelKind(v.label()); tk == 2 && vk == 2 && tid != vid {
			return 0, false
		}
		fx := v.firstValueX()
		for _, c := range t.cells {
			if c.x1 > fx {
				return 0, false
			}
		}
		return gap, true
	}
	for pass := 0; pass < 4; pass++ {
		merged := false
		for i := 0; i < len(rows); i++ {
			t := rows[i]
			if t.num {
				continue
			}
			best, bestGap := -1, math.Inf(1)
			for _, j := range []int{i - 1, i + 1} {
				if j < 0 || j >= len(rows) || !rows[j].num {
					continue
				}
				if g, ok := near(t, rows[j]); ok && g < bestGap {
					best, bestGap = j, g
				}
			}
			if best < 0 {
				continue
			}
			v := rows[best]
			mergeLabel(v, t, best > i)
			v.y0, v.y1 = min(v.y0, t.y0), max(v.y1, t.y1)
			rows = append(rows[:i], rows[i+1:]...)
			i--
			merged = true
		}
		if !merged {
			break
		}
	}
	return rows
}

// mergeLabel joins the text cells of t into v's label: the last text cell
// of t continues (or, above, starts) the label cell it overlaps, or the
// label when v has none; t's other cells (a group label in its own
// column) become cells of v before the label.
func mergeLabel(v, t *gridRow, above bool) {
	fx := v.firstValueX()
	li := -1 // v's label cell: the last text cell before the values
	for k, c := range v.cells {
		if c.x0 < fx {
			li = k
		}
	}
	// t's cells that touch each other are one piece of the label.
	var parts []box
	for _, c := range t.cells {
		if n := len(parts); n > 0 && c.x0-parts[n-1].x1 < 2*c.h() {
			parts[n-1].text += c.text
			parts[n-1].x1 = c.x1
			continue
		}
		parts = append(parts, c)
	}
	for _, c := range parts {
		if li >= 0 && c.x1 > v.cells[li].x0-c.h() && c.x0 < v.cells[li].x1+c.h() {
			l := &v.cells[li]
			if above {
				l.text = c.text + l.text
			} else {
				l.text += c.text
			}
			l.x0, l.x1 = min(l.x0, c.x0), max(l.x1, c.x1)
			continue
		}
		if li < 0 {
			v.cells = append([]box{c}, v.cells...)
			li = 0
			continue
		}
		// Another column (a group label): its own cell, before the label.
		k := li
		if c.x0 > v.cells[li].x0 {
			k = li + 1
		}
		v.cells = append(v.cells[:k], append([]box{c}, v.cells[k:]...)...)
		if k <= li {
			li++
		}
	}
	sort.SliceStable(v.cells, func(i, j int) bool { return v.cells[i].x0 < v.cells[j].x0 })
}

// gridDoc rebuilds a Doc from the word boxes of every page.
func gridDoc(name string, pages [][]box) *Doc {
	d := &Doc{Name: name, Format: FormatPDF}
	n := 0
	for _, words := range pages {
		for _, r := range joinWrapped(pageRows(words)) {
			n++
			l := Line{Cells: make([]Cell, 0, len(r.cells))}
			for k, c := range r.cells {
				p := report.Pos{Line: n}
				if len(r.cells) > 1 {
					p.Col = k + 1
				}
				l.Cells = append(l.Cells, Cell{Text: c.text, Pos: p})
			}
			if t := strings.TrimSpace(l.Cells[0].Text); len(l.Cells) == 1 && isPageNumber(t) {
				continue
			}
			d.Lines = append(d.Lines, l)
		}
	}
	return d
}
