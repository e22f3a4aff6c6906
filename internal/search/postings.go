package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Posting is one key of a document (Keys) with how often it occurs in
// the title, the 文号 and the rest, counted as Rank counts a term
// (non-overlapping occurrences) and capped as Rank caps them, so that a
// query whose terms are their own keys (Exact) is ranked from its
// postings without reading the text.
type Posting struct {
	Key                string
	Title, DocNo, Body int
	// Code numbers the key (its runes, as Postings counts them): equal
	// keys have equal codes, and codes sort as keys do, so a caller that
	// groups many documents' postings by key can hash a number instead
	// of a string.
	Code uint64
}

// Weight packs a posting's counts into one small number (title in bits
// 6–7, 文号 in bits 4–5, the rest in bits 0–3), as the store keeps it.
func (p Posting) Weight() int { return p.Title<<6 | p.DocNo<<4 | p.Body }

// Unpack returns the counts of a packed weight.
func Unpack(w int) (title, docNo, body int) { return w >> 6 & 3, w >> 4 & 3, w & 15 }

// Postings returns the keys of a folded text (paragraphs joined by line
// breaks: the title first, then the 文号, then the rest) with their
// counts, in Keys' order. Keys are counted under a number made of their
// runes (keyCode), not as strings: a reindex cuts every document, and
// the strings cost most of the time (issue #12: 0.5 ms a document).
func Postings(folded string) []Posting {
	type acc struct {
		n    [3]uint8
		last int32 // rune index after the last counted occurrence, in this paragraph
		para int32
	}
	m := make(map[uint64]*acc, len(folded)/3)
	accs := make([]acc, 0, len(folded)/3)
	count := func(k uint64, field, para, at, end int) {
		a := m[k]
		if a == nil {
			if len(accs) == cap(accs) { // a new arena: the pointers taken into the full one stay valid
				accs = make([]acc, 0, max(64, 2*cap(accs)))
			}
			accs = append(accs, acc{para: -1})
			a = &accs[len(accs)-1]
			m[k] = a
		}
		if a.para == int32(para) && int32(at) < a.last {
			return // overlaps the previous occurrence ("保保保" holds "保保" once, as strings.Count says)
		}
		a.para, a.last = int32(para), int32(end)
		if a.n[field] < 255 {
			a.n[field]++
		}
	}
	var rs []rune
	for para, line := range strings.Split(folded, "\n") {
		field := min(para, 2)
		rs = append(rs[:0], []rune(line)...)
		for i, r := range rs {
			if unicode.IsSpace(r) {
				continue
			}
			count(keyCode(r, -1), field, para, i, i+1)
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				count(keyCode(r, rs[i+1]), field, para, i, i+2)
			}
		}
	}
	codes := make([]uint64, 0, len(m))
	for k := range m {
		codes = append(codes, k)
	}
	slices.Sort(codes) // the order of the keys' strings: UTF-8 keeps the order of code points
	out := make([]Posting, len(codes))
	var buf []byte
	for _, k := range codes {
		buf = utf8.AppendRune(buf, rune(k>>22))
		if k&(1<<22-1) != 0 {
			buf = utf8.AppendRune(buf, rune(k&(1<<22-1))-1)
		}
	}
	keys := string(buf) // every key a slice of one string: one allocation
	off := 0
	for i, k := range codes {
		n := utf8.RuneLen(rune(k >> 22))
		if k&(1<<22-1) != 0 {
			n += utf8.RuneLen(rune(k&(1<<22-1)) - 1)
		}
		a := m[k]
		out[i] = Posting{Key: keys[off : off+n], Title: min(int(a.n[0]), capTitle), DocNo: min(int(a.n[1]), capTitle), Body: min(int(a.n[2]), capBody), Code: k}
		off += n
	}
	return out
}

// keyCode numbers a key of one rune (second -1) or two: the first rune
// above bit 22, the second plus one below (0: none). Numbers sort as the
// keys' strings do.
func keyCode(first, second rune) uint64 {
	return uint64(first)<<22 | uint64(second+1)
}

// RankWeights ranks a document from the packed weights of its postings
// of the query's keys (one per term, in the order of the terms; valid
// only when the query is Exact): the same hit Rank gives from the text.
func (q Query) RankWeights(id int64, weights []int) Hit {
	h := Hit{ID: id, TitleAll: true}
	for _, w := range weights {
		t, d, b := Unpack(w)
		if t == 0 {
			h.TitleAll = false
		}
		h.Score += titleWeight*t + docNoWeight*d + bodyWeight*b
	}
	return h
}
