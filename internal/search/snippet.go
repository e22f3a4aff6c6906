package search

import (
	"html"
	"strings"
	"unicode/utf8"
)

// A Span is a piece of a snippet; Hit marks the text a term matched.
type Span struct {
	Text string
	Hit  bool
}

// A Snippet is the passage of an item that shows why it matched.
type Snippet []Span

// snippetRunes is about how many characters a snippet shows.
const snippetRunes = 100

// MakeSnippet picks the passage to show from an item's display paragraphs
// (Doc.Paragraphs): the body or attachment paragraph holding the most
// distinct terms, else the title or 文号; the window starts a little before
// the first hit, and every hit in it is marked.
func (q Query) MakeSnippet(paras []string) Snippet {
	best, bestN := -1, 0
	folded := make([]string, len(paras))
	for i, p := range paras {
		folded[i] = Fold(p)
	}
	for _, from := range []int{2, 0} {
		for i := from; i < len(paras); i++ {
			if from == 0 && i >= 2 {
				break
			}
			n := 0
			for _, t := range q.Terms {
				if strings.Contains(folded[i], t) {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best >= 0 {
			break
		}
	}
	if best < 0 {
		if len(paras) > 2 {
			return Snippet{{Text: clip(paras[2], 0, snippetRunes)}}
		}
		return nil
	}
	return q.mark(paras[best])
}

// mark cuts a window of p around its first hit and marks every hit.
func (q Query) mark(p string) Snippet {
	f, off := FoldMap(p)
	type rng struct{ a, b int }
	var rs []rng
	for _, t := range q.Terms {
		for i := 0; ; {
			j := strings.Index(f[i:], t)
			if j < 0 {
				break
			}
			s, e := i+j, i+j+len(t)
			end := e
			for end < len(f) && off[end] == off[e-1] {
				end++
			}
			rs = append(rs, rng{off[s], off[end]})
			i = s + len(t)
		}
	}
	if len(rs) == 0 {
		return Snippet{{Text: clip(p, 0, snippetRunes)}}
	}
	// sort and merge
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].a < rs[j-1].a; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	merged := []rng{rs[0]}
	for _, r := range rs[1:] {
		last := &merged[len(merged)-1]
		if r.a <= last.b {
			last.b = max(last.b, r.b)
		} else {
			merged = append(merged, r)
		}
	}
	// window: from 20 characters before the first hit, about snippetRunes long
	start := merged[0].a
	for k := 0; k < 20 && start > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(p[:start])
		start -= n
	}
	stop := start
	for k := 0; k < snippetRunes && stop < len(p); k++ {
		_, n := utf8.DecodeRuneInString(p[stop:])
		stop += n
	}
	var sn Snippet
	if start > 0 {
		sn = append(sn, Span{Text: "…"})
	}
	at := start
	for _, r := range merged {
		if r.a >= stop {
			break
		}
		if r.a > at {
			sn = append(sn, Span{Text: p[at:r.a]})
		}
		b := max(r.b, r.a)
		sn = append(sn, Span{Text: p[max(r.a, at):b], Hit: true})
		at = b
	}
	if at < stop {
		sn = append(sn, Span{Text: p[at:stop]})
	}
	if stop < len(p) {
		sn = append(sn, Span{Text: "…"})
	}
	return sn
}

func clip(s string, from, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[from:n]) + "…"
}

// HTML renders the snippet escaped, hits in <mark> elements: what the API's
// "snippet" field carries.
func (sn Snippet) HTML() string {
	var b strings.Builder
	for _, s := range sn {
		if s.Hit {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

// Text renders the snippet as plain text with hits between open and close
// (the CLI uses 【 and 】).
func (sn Snippet) Text(open, close string) string {
	var b strings.Builder
	for _, s := range sn {
		if s.Hit {
			b.WriteString(open + s.Text + close)
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
