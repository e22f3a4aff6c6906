package search

import (
	"context"
	"strings"
	"time"
)

// A Filter narrows a search (catalog.md §5). Zero fields match all.
type Filter struct {
	AgencyIDs []int64 // the agency, or the agency and its subtree
	Category  string  // a column path: the column and its sub-columns
	DocType   string
	Validity  string
	From, To  time.Time // published in [From, To); zero ends are open
}

// A Candidate is an item whose postings hold every key of a query.
type Candidate struct {
	ID        int64
	Published time.Time
	Folded    string
}

// A Shown is what a result shows of an item.
type Shown struct {
	ID        int64
	IndexNo   string
	Agency    string
	Published time.Time
	Plain     string // display paragraphs joined by line breaks
}

// Store is what search needs from storage.
type Store interface {
	// SearchCandidates returns the public items matching f whose postings
	// hold every key.
	SearchCandidates(ctx context.Context, keys []string, f Filter) ([]Candidate, error)
	// SearchShown returns what results show of the items, in any order.
	SearchShown(ctx context.Context, ids []int64) ([]Shown, error)
}

// A Result is one item of a results page.
type Result struct {
	IndexNo   string
	Title     string
	Agency    string
	Published time.Time
	Snippet   Snippet
}

// A Page is a page of results with the exact total.
type Page struct {
	Total int
	Items []Result
}

// MaxPerPage bounds a page.
const MaxPerPage = 100

// Search runs q over the store: candidates from the postings, verified by
// substring on the folded text, ranked (Sort), and the page-th page
// (from 1) of perPage results fetched with their snippets. The total is
// exact: every candidate is verified.
func Search(ctx context.Context, st Store, q string, f Filter, page, perPage int) (Page, error) {
	query, err := Parse(q)
	if err != nil {
		return Page{}, err
	}
	if page < 1 || perPage < 1 || perPage > MaxPerPage {
		return Page{}, errorf("页码或每页条数无效（每页 1–%d 条）/ bad page or per_page (1–%d)", MaxPerPage, MaxPerPage)
	}
	cands, err := st.SearchCandidates(ctx, query.Keys(), f)
	if err != nil {
		return Page{}, err
	}
	hits := make([]Hit, 0, len(cands))
	for _, c := range cands {
		if h, ok := query.Rank(c.ID, c.Published, c.Folded); ok {
			hits = append(hits, h)
		}
	}
	Sort(hits)
	out := Page{Total: len(hits)}
	start := (page - 1) * perPage
	if start >= len(hits) {
		return out, nil
	}
	hits = hits[start:min(start+perPage, len(hits))]
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	shown, err := st.SearchShown(ctx, ids)
	if err != nil {
		return Page{}, err
	}
	byID := make(map[int64]Shown, len(shown))
	for _, s := range shown {
		byID[s.ID] = s
	}
	for _, h := range hits {
		s, ok := byID[h.ID]
		if !ok { // withdrawn between the two reads
			continue
		}
		paras := strings.Split(s.Plain, "\n")
		out.Items = append(out.Items, Result{IndexNo: s.IndexNo, Title: paras[0], Agency: s.Agency,
			Published: s.Published, Snippet: query.MakeSnippet(paras)})
	}
	return out, nil
}
