package search

import (
	"slices"
	"strings"
	"time"
)

// A Hit is a verified match, with what ranking needs.
type Hit struct {
	ID        int64
	Published time.Time
	TitleAll  bool // every term occurs in the title
	Score     int
}

// Field weights and the cap on counted occurrences of the relevance score.
const (
	titleWeight = 10
	docNoWeight = 5
	bodyWeight  = 1
	capTitle    = 3
	capBody     = 10
)

// Rank verifies a candidate's folded text (FoldedText) and, when every term
// occurs, scores it. The relevance score (catalog.md §5 leaves it to us) is
// the sum over the terms of 10 × occurrences in the title (at most 3
// counted) + 5 × occurrences in the 文号 (at most 3) + 1 × occurrences in
// the body and attachments (at most 10): a plain, explainable term
// frequency with the title weighted most, capped so a long text cannot win
// by repetition.
func (q Query) Rank(id int64, published time.Time, folded string) (Hit, bool) {
	if !q.Match(folded) {
		return Hit{}, false
	}
	title, rest, _ := strings.Cut(folded, "\n")
	docNo, body, _ := strings.Cut(rest, "\n")
	h := Hit{ID: id, Published: published, TitleAll: true}
	for _, t := range q.Terms {
		nt := min(strings.Count(title, t), capTitle)
		if nt == 0 {
			h.TitleAll = false
		}
		h.Score += titleWeight*nt + docNoWeight*min(strings.Count(docNo, t), capTitle) + bodyWeight*min(strings.Count(body, t), capBody)
	}
	return h, true
}

// Sort orders hits as catalog.md §5 says: all terms in the title first,
// then by relevance, then newest first (then by id, newest first, so the
// order is total and pages never overlap): Compare.
func Sort(hs []Hit) { slices.SortFunc(hs, Compare) }
