package search

import (
	"sort"
	"strings"
	"unicode"
)

// A Posting is one key of a document (Keys) with how often it occurs in
// the title, the 文号 and the rest, counted as Rank counts a term
// (non-overlapping occurrences) and capped as Rank caps them, so that a
// query whose terms are their own keys (Exact) is ranked from its
// postings without reading the text.
type Posting struct {
	Key                string
	Title, DocNo, Body int
}

// Weight packs a posting's counts into one small number (title in bits
// 6–7, 文号 in bits 4–5, the rest in bits 0–3), as the store keeps it.
func (p Posting) Weight() int { return p.Title<<6 | p.DocNo<<4 | p.Body }

// Unpack returns the counts of a packed weight.
func Unpack(w int) (title, docNo, body int) { return w >> 6 & 3, w >> 4 & 3, w & 15 }

// Postings returns the keys of a folded text (paragraphs joined by line
// breaks: the title first, then the 文号, then the rest) with their
// counts, in Keys' order.
func Postings(folded string) []Posting {
	type acc struct {
		n    [3]int
		last int // rune index after the last counted occurrence, in this paragraph
		para int
	}
	m := make(map[string]*acc, len(folded)/2)
	count := func(k string, field, para, at, end int) {
		a := m[k]
		if a == nil {
			a = &acc{para: -1}
			m[k] = a
		}
		if a.para == para && at < a.last {
			return // overlaps the previous occurrence ("保保保" holds "保保" once, as strings.Count says)
		}
		a.para, a.last = para, end
		a.n[field]++
	}
	for para, line := range strings.Split(folded, "\n") {
		field := min(para, 2)
		rs := []rune(line)
		for i, r := range rs {
			if unicode.IsSpace(r) {
				continue
			}
			count(string(r), field, para, i, i+1)
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				count(string(rs[i:i+2]), field, para, i, i+2)
			}
		}
	}
	out := make([]Posting, 0, len(m))
	for k, a := range m {
		out = append(out, Posting{Key: k, Title: min(a.n[0], capTitle), DocNo: min(a.n[1], capTitle), Body: min(a.n[2], capBody)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// RankWeights ranks a document from the packed weights of its postings
// of the query's keys (one per term, in the order of the terms; valid
// only when the query is Exact): the same hit Rank gives from the text.
func (q Query) RankWeights(c Candidate, weights []int) Hit {
	h := Hit{ID: c.ID, Published: c.Published, TitleAll: true}
	for _, w := range weights {
		t, d, b := Unpack(w)
		if t == 0 {
			h.TitleAll = false
		}
		h.Score += titleWeight*t + docNoWeight*d + bodyWeight*b
	}
	return h
}
