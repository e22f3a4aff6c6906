package parse

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/textenc"
)

// readText reads a plain-text report in any encoding textenc recognises.
func readText(name string, data []byte) (*Doc, error) {
	s, _, err := textenc.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("read text: %w", err)
	}
	return textDoc(name, FormatText, s), nil
}

// textDoc splits text into lines of cells. It understands four shapes:
//
//   - one cell per line, each line starting with a tab, rows separated by
//     blank lines (Word "save as text"): consecutive tab lines form one row,
//     and a line holding only a tab is an empty cell;
//   - rows with cells separated by tabs;
//   - rows with cells separated by "|" (also markdown tables);
//   - pdftotext -layout output, with columns separated by runs of spaces.
//
// Any other line is a paragraph of one cell. Blank lines and page numbers
// ("- 3 -", "第3页") carry no cells. It stops reading after MaxCells cells,
// which FromDoc then refuses, so that memory stays bounded.
func textDoc(name string, f Format, s string) *Doc {
	d := &Doc{Name: name, Format: f, Lines: make([]Line, 0, min(strings.Count(s, "\n")/2+1, 4096))}
	var group *Line
	flush := func() {
		if group != nil {
			d.Lines = append(d.Lines, *group)
			group = nil
		}
	}
	n, ncells := 0, 0
	cellLines := isCellPerLine(s)
	for len(s) > 0 && ncells <= MaxCells {
		var line string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			line, s = s, ""
		}
		n++
		line = strings.TrimRight(line, "\r")
		line = strings.ReplaceAll(line, "\f", "")
		if len(line) > 0 && line[0] == '\t' && strings.IndexByte(line[1:], '\t') < 0 {
			if group == nil {
				group = &Line{}
			}
			group.Cells = append(group.Cells, Cell{Text: strings.TrimSpace(line[1:]), Pos: report.Pos{Line: n}})
			ncells++
			continue
		}
		flush()
		t := strings.TrimSpace(line)
		if t == "" || isPageNumber(t) {
			continue
		}
		if n <= crawlerHeadLines {
			var keep bool
			if t, keep = crawlerHeader(t); !keep {
				continue
			}
		}
		if cellLines {
			if c, ok := cellLine(t); ok {
				if c != nil {
					d.Lines = append(d.Lines, Line{Cells: []Cell{{Text: *c, Pos: report.Pos{Line: n}, CellLine: true}}})
					ncells++
				}
				continue
			}
		}
		if segs, ok := unglue(t); ok {
			ncells += appendSegments(d, segs, n)
			continue
		}
		var cells []string
		pipe := false
		switch {
		case strings.IndexByte(t, '\t') >= 0:
			cells = strings.Split(t, "\t")
		case isPipeRow(t):
			cells = splitPipes(t)
			if cells == nil {
				continue // markdown separator row
			}
			pipe = true
		default:
			cells = splitLayout(t)
		}
		ncells += len(cells)
		l := Line{Cells: make([]Cell, 0, len(cells))}
		for i, c := range cells {
			p := report.Pos{Line: n}
			if len(cells) > 1 {
				p.Col = i + 1
			}
			l.Cells = append(l.Cells, Cell{Text: strings.TrimSpace(c), Pos: p, Pipe: pipe})
		}
		d.Lines = append(d.Lines, l)
	}
	flush()
	return d
}

// isPageNumber matches page footers: "-3-", "- 3 -", "第3页", "第 3 页 共 5 页", "3/5".
func isPageNumber(t string) bool {
	if len(t) > 40 || !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "—") && !strings.HasPrefix(t, "－") && !strings.HasPrefix(t, "第") {
		return false
	}
	t = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, t)
	strip := func(p string) bool {
		if strings.HasPrefix(t, p) {
			t = t[len(p):]
			return true
		}
		return false
	}
	digits := func() bool {
		i := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		t = t[i:]
		return i > 0
	}
	switch {
	case strip("-") || strip("—") || strip("－"):
		return digits() && (strip("-") || strip("—") || strip("－")) && t == ""
	case strip("第"):
		if !digits() || !strip("页") {
			return false
		}
		if t == "" {
			return true
		}
		return strip("共") && digits() && strip("页") && t == ""
	}
	return false
}

// isPipeRow reports whether t is a row of a "|" table.
func isPipeRow(t string) bool {
	return strings.HasPrefix(t, "|") || strings.HasPrefix(t, "｜") ||
		strings.Count(t, "|")+strings.Count(t, "｜") >= 2
}

// splitPipes splits a "|" row into cells; nil for a markdown separator row.
func splitPipes(t string) []string {
	t = strings.ReplaceAll(t, "｜", "|")
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	sep := true
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Trim(c, ":-") != "" || !strings.Contains(c, "-") {
			sep = false
			break
		}
	}
	if sep {
		return nil
	}
	return cells
}

// splitLayout splits a line of pdftotext -layout output at runs of two or
// more spaces (an ideographic space counts as two), then splits off a run
// of numbers that a single space separates from a label ("行政许可 550").
func splitLayout(t string) []string {
	var out []string
	start, spaces := 0, 0
	for i, r := range t {
		switch r {
		case ' ', '\u00a0':
			spaces++
			continue
		case '\u3000':
			spaces += 2
			continue
		}
		if spaces >= 2 {
			end := i - spaceBytes(t[:i])
			out = appendSplitNumbers(out, t[start:end])
			start = i
		}
		spaces = 0
	}
	return appendSplitNumbers(out, t[start:])
}

// spaceBytes is the byte length of the run of spaces ending s.
func spaceBytes(s string) int {
	n, ncells := 0, 0
	for len(s) > 0 && ncells <= MaxCells {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != ' ' && r != '\u00a0' && r != '\u3000' {
			break
		}
		n += size
		s = s[:len(s)-size]
	}
	return n
}

// appendSplitNumbers appends c, splitting a trailing run of
// space-separated numbers off a label: "行政许可 550" → "行政许可", "550";
// "0 5 5" → "0", "5", "5".
func appendSplitNumbers(out []string, c string) []string {
	c = strings.TrimSpace(c)
	if strings.IndexByte(c, ' ') < 0 {
		return append(out, c)
	}
	words := strings.Fields(c)
	k := len(words)
	for k > 0 && isPlainNumber(words[k-1]) {
		k--
	}
	if k == len(words) || (k > 0 && len(words)-k < 1) {
		return append(out, c)
	}
	if k > 0 {
		label := strings.Join(words[:k], " ")
		// Only split a label that ends in a letter, not "第 3" or "共 21".
		if r, _ := utf8.DecodeLastRuneInString(label); !unicode.Is(unicode.Han, r) && r != ')' && r != '）' {
			return append(out, c)
		}
		out = append(out, label)
	}
	return append(out, words[k:]...)
}

// isPlainNumber reports whether w is an ASCII or full-width decimal number.
func isPlainNumber(w string) bool {
	if w == "" {
		return false
	}
	dot := false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
		case (r == '.' || r == '．') && !dot:
			dot = true
		default:
			return false
		}
	}
	return true
}
