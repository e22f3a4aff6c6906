package scan

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText extracts the text a reader sees from an HTML page or fragment,
// with a locator that names the source line. Inline tags join their text
// (33010219<span>90</span>0101… is one number, as it shows); block tags
// start a line and table cells are kept apart, so figures in neighbouring
// cells never run together. Script, style and comments are skipped.
func htmlText(src []byte) (string, locator) {
	z := html.NewTokenizer(bytes.NewReader(src))
	var b strings.Builder
	type mark struct{ off, line int }
	var marks []mark
	line := 1
	skip := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		startLine := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			marks = append(marks, mark{b.Len(), startLine})
			b.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Td, atom.Th:
				b.WriteString(" | ")
			case atom.Br, atom.P, atom.Div, atom.Tr, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Table, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Ul, atom.Ol, atom.Dd, atom.Dt, atom.Hr,
				atom.Tbody, atom.Thead, atom.Blockquote, atom.Pre, atom.Title:
				b.WriteString("\n")
			}
		}
	}
	text := b.String()
	at := func(off int) string {
		lo, hi := 0, len(marks)
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if marks[mid].off <= off {
				lo = mid
			} else {
				hi = mid
			}
		}
		if len(marks) == 0 {
			return "第 1 行"
		}
		return "第 " + strconv.Itoa(marks[lo].line) + " 行"
	}
	return text, at
}

// looksHTML reports whether a text is HTML markup rather than plain text.
func looksHTML(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || t[0] != '<' {
		return strings.Contains(t, "</p>") || strings.Contains(t, "<br")
	}
	return true
}
