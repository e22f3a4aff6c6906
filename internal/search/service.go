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

// MaxSingleRanked bounds the documents ranked for a query of single
// characters only. The posting list of one character is the longest
// there is (a common character is in nearly every document), so ranking
// all of them costs time in proportion to the whole corpus; such a query
// ranks and facets the MaxSingleRanked matching documents indexed last,
// and its total is still exact (a count of the postings).
var MaxSingleRanked = 10000

// A Shown is what a result shows of a document.
type Shown struct {
	ID         int64
	IndexNo    string // "" for a report
	AgencyID   int64
	Agency     string
	ReportYear int    // the year a report is on; 0 for an item
	Category   string // the column path; ReportColumn for a report
	Published  time.Time
	Plain      string // display paragraphs joined by line breaks
}

// URL is the portal path of the document: an item's page or a report's.
func (s Shown) URL() string {
	if s.ReportYear != 0 {
		return ReportURL(s.AgencyID, s.ReportYear)
	}
	return ItemURL(s.IndexNo)
}

// Store is what search needs from storage.
type Store interface {
	// SearchEvaluate runs q over the index: the exact total, the facets
	// and the hits start to start+n (Query.Evaluate).
	SearchEvaluate(ctx context.Context, q Query, f Filter, start, n int) (Evaluation, error)
	// SearchShown returns what results show of the items, in any order.
	SearchShown(ctx context.Context, ids []int64) ([]Shown, error)
}

// A Result is one item or report of a results page.
type Result struct {
	IndexNo   string // "" for a report
	Title     string
	AgencyID  int64
	Agency    string
	Column    string // the top column's code (TopColumn); ReportColumn for a report
	URL       string
	Published time.Time
	Snippet   Snippet
}

// A Page is a page of results with the exact total and the facets of all
// the results (not only the page's).
type Page struct {
	Total  int
	Items  []Result
	Facets Facets
	// RankedAmong, when not 0, is how many of the Total matches were
	// ranked and counted in the facets: a query of single characters only
	// with more than MaxSingleRanked matches.
	RankedAmong int
}

// Facets count the results of a search by agency, by top column
// (TopColumn: ReportColumn for the reports) and by year of publication
// (China Standard Time). Each count is exact, like the total.
type Facets struct {
	Agencies map[int64]int
	Columns  map[string]int
	Years    map[int]int
}

// TopColumn returns the code of the top column of a column path.
func TopColumn(category string) string {
	top, _, _ := strings.Cut(category, "/")
	return top
}

// MaxPerPage bounds a page.
const MaxPerPage = 100

// Search runs q over the store: candidates from the postings, verified by
// substring on the folded text, ranked (Sort), and the page-th page
// (from 1) of perPage results fetched with their snippets. The total is
// exact: every candidate is verified. A query whose terms are all one or
// two characters needs no verification (its keys are its terms) and is
// ranked from the postings' weights without reading any text; one of
// single characters only ranks at most MaxSingleRanked matches
// (Page.RankedAmong) and counts the total in the store.
func Search(ctx context.Context, st Store, q string, f Filter, page, perPage int) (Page, error) {
	query, err := Parse(q)
	if err != nil {
		return Page{}, err
	}
	if page < 1 || perPage < 1 || perPage > MaxPerPage {
		return Page{}, errorf("页码或每页条数无效（每页 1–%d 条）/ bad page or per_page (1–%d)", MaxPerPage, MaxPerPage)
	}
	e, err := st.SearchEvaluate(ctx, query, f, (page-1)*perPage, perPage)
	if err != nil {
		return Page{}, err
	}
	out := Page{Total: e.Total, Facets: e.Facets, RankedAmong: e.RankedAmong}
	out.Items, err = show(ctx, st, query, e.Hits)
	return out, err
}

// show returns the results of a page's hits, in their order, with their
// snippets; a hit withdrawn since it was found is left out.
func show(ctx context.Context, st Store, query Query, hits []Hit) ([]Result, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	shown, err := st.SearchShown(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Shown, len(shown))
	for _, s := range shown {
		byID[s.ID] = s
	}
	var out []Result
	for _, h := range hits {
		s, ok := byID[h.ID]
		if !ok { // withdrawn between the two reads
			continue
		}
		paras := strings.Split(s.Plain, "\n")
		out = append(out, Result{IndexNo: s.IndexNo, Title: paras[0], AgencyID: s.AgencyID, Agency: s.Agency,
			Column: TopColumn(s.Category), URL: s.URL(), Published: s.Published, Snippet: query.MakeSnippet(paras)})
	}
	return out, nil
}
