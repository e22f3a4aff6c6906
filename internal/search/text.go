package search

import (
	"strings"

	"golang.org/x/net/html"
)

// A Doc is the searchable text of one published item (catalog.md §5): its
// title, 文号, body (sanitized HTML) and the text of its attachments.
type Doc struct {
	Title       string
	DocNo       string
	Body        string   // HTML
	Attachments []string // extracted plain text, one string per file
}

// Paragraphs returns the display text of d cut into paragraphs: the title
// first, the 文号 second (possibly empty), then the body's block elements
// and the attachments' lines. No paragraph contains a line break, so a term
// never matches across paragraphs.
func (d Doc) Paragraphs() []string {
	out := []string{oneLine(d.Title), oneLine(d.DocNo)}
	for _, p := range HTMLParagraphs(d.Body) {
		out = append(out, p)
	}
	for _, a := range d.Attachments {
		for _, l := range strings.Split(a, "\n") {
			if l = oneLine(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

func oneLine(s string) string {
	return strings.TrimSpace(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
	}), " "))
}

var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true, "ul": true, "ol": true,
	"blockquote": true, "pre": true, "section": true, "article": true, "hr": true, "caption": true}

// HTMLParagraphs returns the text of an HTML fragment cut at block
// elements and line breaks, each paragraph trimmed, empty ones dropped.
func HTMLParagraphs(src string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		for _, l := range strings.Split(cur.String(), "\n") {
			if l = oneLine(l); l != "" {
				out = append(out, l)
			}
		}
		cur.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(src))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			}
			if blockTags[tag] {
				flush()
			}
		}
	}
}

// FoldedText returns the folded paragraphs of a document joined by line
// breaks: the text the store keeps and verification searches.
func FoldedText(paras []string) string {
	f := make([]string, len(paras))
	for i, p := range paras {
		f[i] = Fold(p)
	}
	return strings.Join(f, "\n")
}
