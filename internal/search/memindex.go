package search

import (
	"container/heap"
	"strings"
	"time"
)

// A List is the matches of one term: document ids in increasing order,
// each with the packed weight (Posting.Weight) of the term in it. The
// list of a term of one or two characters is its key's postings; that of
// a longer term is its verified matches (TermWeight on each candidate).
type List struct {
	Docs []int64
	W    []uint8
}

// Len is the number of documents in l.
func (l *List) Len() int { return len(l.Docs) }

// A Meta is what a search reads of a document besides its lists: its
// filter columns, as indexes into a Table, its publication time in
// microseconds since 1970 (UTC) and its year of publication in China
// Standard Time (the year facet).
type Meta struct {
	Published int64
	Agency    int32 // Table.Agencies
	Category  int32 // Table.Strings
	DocType   int32 // Table.Strings
	Validity  int32 // Table.Strings
	Year      int16
}

// A Table holds the values Meta indexes: agency ids and strings (column
// paths, document types, validities), each once.
type Table struct {
	Agencies []int64
	Strings  []string
}

// MetaOf returns the Meta of a document's columns, adding the values it
// needs to t.
func (t *Table) MetaOf(agencyID int64, category, docType, validity string, published time.Time, agencies map[int64]int32, strs map[string]int32) Meta {
	intern := func(s string) int32 {
		i, ok := strs[s]
		if !ok {
			i = int32(len(t.Strings))
			t.Strings = append(t.Strings, s)
			strs[s] = i
		}
		return i
	}
	a, ok := agencies[agencyID]
	if !ok {
		a = int32(len(t.Agencies))
		t.Agencies = append(t.Agencies, agencyID)
		agencies[agencyID] = a
	}
	return Meta{Published: published.UnixMicro(), Agency: a, Category: intern(category), DocType: intern(docType),
		Validity: intern(validity), Year: int16(published.In(cst).Year())}
}

// TermWeight returns the packed weight (Posting.Weight) of a term in a
// folded text (FoldedText), its occurrences counted and capped as Rank
// counts them, and whether it occurs at all.
func TermWeight(folded, term string) (int, bool) {
	if !strings.Contains(folded, term) {
		return 0, false
	}
	title, rest, _ := strings.Cut(folded, "\n")
	docNo, body, _ := strings.Cut(rest, "\n")
	return Posting{Title: min(strings.Count(title, term), capTitle), DocNo: min(strings.Count(docNo, term), capTitle),
		Body: min(strings.Count(body, term), capBody)}.Weight(), true
}

// An Evaluation is a search run over in-memory lists: the exact total,
// the facets, and the hits of the page asked for, in order.
type Evaluation struct {
	Total       int
	Facets      Facets
	Hits        []Hit
	RankedAmong int // as Page.RankedAmong
}

// compiled is a Filter over a Table's indexes.
type compiled struct {
	agencies           []bool // by Table.Agencies index; nil: any
	category           []bool // by Table.Strings index; nil: any
	docType, validity  int32  // -1: any; -2: none can match
	from, to           int64  // µs; 0: open
	hasFrom, hasTo, no bool
}

func (f Filter) compile(t *Table) compiled {
	c := compiled{docType: -1, validity: -1}
	if len(f.AgencyIDs) > 0 {
		c.agencies = make([]bool, len(t.Agencies))
		want := map[int64]bool{}
		for _, a := range f.AgencyIDs {
			want[a] = true
		}
		for i, a := range t.Agencies {
			c.agencies[i] = want[a]
		}
	}
	if f.Category != "" {
		c.category = make([]bool, len(t.Strings))
		for i, s := range t.Strings {
			c.category[i] = s == f.Category || strings.HasPrefix(s, f.Category+"/")
		}
	}
	index := func(v string) int32 {
		if v == "" {
			return -1
		}
		for i, s := range t.Strings {
			if s == v {
				return int32(i)
			}
		}
		return -2
	}
	c.docType, c.validity = index(f.DocType), index(f.Validity)
	// the store compares times truncated to the microsecond
	if !f.From.IsZero() {
		c.from, c.hasFrom = f.From.Truncate(time.Microsecond).UnixMicro(), true
	}
	if !f.To.IsZero() {
		c.to, c.hasTo = f.To.Truncate(time.Microsecond).UnixMicro(), true
	}
	c.no = c.docType == -2 || c.validity == -2
	return c
}

func (c *compiled) keep(m *Meta) bool {
	switch {
	case c.no:
		return false
	case c.agencies != nil && (int(m.Agency) >= len(c.agencies) || !c.agencies[m.Agency]):
		return false
	case c.category != nil && (int(m.Category) >= len(c.category) || !c.category[m.Category]):
		return false
	case c.docType >= 0 && m.DocType != c.docType, c.validity >= 0 && m.Validity != c.validity:
		return false
	case c.hasFrom && m.Published < c.from, c.hasTo && m.Published >= c.to:
		return false
	}
	return true
}

// Compare orders two hits as Sort does.
func Compare(a, b Hit) int {
	if a.TitleAll != b.TitleAll {
		if a.TitleAll {
			return -1
		}
		return 1
	}
	if a.Score != b.Score {
		if a.Score > b.Score {
			return -1
		}
		return 1
	}
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	switch {
	case a.ID > b.ID:
		return -1
	case a.ID < b.ID:
		return 1
	}
	return 0
}

// hitHeap keeps the k first hits (Compare) offered: a heap whose root is
// the last of them.
type hitHeap struct {
	k  int
	hs []Hit
}

func (h *hitHeap) Len() int           { return len(h.hs) }
func (h *hitHeap) Less(i, j int) bool { return Compare(h.hs[i], h.hs[j]) > 0 }
func (h *hitHeap) Swap(i, j int)      { h.hs[i], h.hs[j] = h.hs[j], h.hs[i] }
func (h *hitHeap) Push(x any)         { h.hs = append(h.hs, x.(Hit)) }
func (h *hitHeap) Pop() any {
	x := h.hs[len(h.hs)-1]
	h.hs = h.hs[:len(h.hs)-1]
	return x
}

func (h *hitHeap) offer(x Hit) {
	switch {
	case h.k <= 0:
	case len(h.hs) < h.k:
		heap.Push(h, x)
	case Compare(x, h.hs[0]) < 0:
		h.hs[0] = x
		heap.Fix(h, 0)
	}
}

// sorted returns the kept hits, first first.
func (h *hitHeap) sorted() []Hit {
	out := h.hs
	Sort(out)
	return out
}
