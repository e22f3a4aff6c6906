package search_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
)

// TestEvaluate: over a generated corpus with random agencies, columns,
// dates and gaps (documents gone), for fixed and random queries, filters
// and pages, Evaluate over lists built as the store builds them (a key's
// postings for a term of one or two characters, TermWeight on every
// document for a longer one) gives the total, facets and page that
// verifying and ranking every document from its text (Rank, Sort) gives,
// and bounds queries of single characters as Search does.
func TestEvaluate(t *testing.T) {
	saved, savedMin := search.MaxSingleRanked, search.EvalParallelMin
	search.MaxSingleRanked = 50
	defer func() { search.MaxSingleRanked, search.EvalParallelMin = saved, savedMin }()
	items := searchtest.Corpus(9, 400)
	r := rand.New(rand.NewPCG(1, 2))
	var tab search.Table
	agIdx, strIdx := map[int64]int32{}, map[string]int32{}
	type doc struct {
		id     int64
		folded string
		m      search.Meta
		gone   bool
	}
	docs := map[int64]*doc{}
	var order []int64
	postings := map[string]*search.List{}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	columns := []string{"livelihood", "livelihood/aid", "rules", "other"}
	types, validities := []string{"", "notice", "rule"}, []string{"", "valid", "repealed"}
	id := int64(0)
	for _, it := range items {
		id += 1 + int64(r.IntN(3))
		d := &doc{id: id, folded: search.FoldedText(it.Doc.Paragraphs()), gone: r.IntN(10) == 0}
		d.m = tab.MetaOf(int64(1+r.IntN(3)), columns[r.IntN(len(columns))], types[r.IntN(3)], validities[r.IntN(3)],
			base.Add(time.Duration(r.IntN(2000*24))*time.Hour), agIdx, strIdx)
		docs[id] = d
		order = append(order, id)
		for _, p := range search.Postings(d.folded) {
			l := postings[p.Key]
			if l == nil {
				l = &search.List{}
				postings[p.Key] = l
			}
			l.Docs, l.W = append(l.Docs, id), append(l.W, uint8(p.Weight()))
		}
	}
	meta := func() func(int64) *search.Meta {
		return func(id int64) *search.Meta {
			if d := docs[id]; d != nil && !d.gone {
				return &d.m
			}
			return nil
		}
	}
	queries := searchtest.Queries()
	for range 80 {
		it := items[r.IntN(len(items))]
		rs := []rune(strings.ReplaceAll(search.FoldedText(it.Doc.Paragraphs()), "\n", ""))
		var terms []string
		for range 1 + r.IntN(3) {
			n := 1 + r.IntN(5)
			i := r.IntN(len(rs) - n)
			terms = append(terms, strings.ReplaceAll(string(rs[i:i+n]), " ", ""))
		}
		queries = append(queries, strings.Join(terms, " "))
	}
	filters := []search.Filter{{}, {AgencyIDs: []int64{2, 3}}, {Category: "livelihood"}, {DocType: "notice", Validity: "valid"},
		{From: base.Add(300 * 24 * time.Hour), To: base.Add(900 * 24 * time.Hour)}, {DocType: "nothing"}}
	for _, qs := range queries {
		q, err := search.Parse(qs)
		if err != nil {
			continue
		}
		var lists []*search.List
		for _, term := range q.Terms {
			if search.Exact(term) {
				l := postings[term]
				if l == nil {
					l = &search.List{}
				}
				lists = append(lists, l)
				continue
			}
			l := &search.List{}
			for _, id := range order {
				if w, ok := search.TermWeight(docs[id].folded, term); ok {
					l.Docs, l.W = append(l.Docs, id), append(l.W, uint8(w))
				}
			}
			lists = append(lists, l)
		}
		for fi, f := range filters {
			// brute force: every document, verified and ranked from its text
			var hits []search.Hit
			want := search.Facets{Agencies: map[int64]int{}, Columns: map[string]int{}, Years: map[int]int{}}
			total := 0
			for i := len(order) - 1; i >= 0; i-- {
				d := docs[order[i]]
				pub := time.UnixMicro(d.m.Published).UTC()
				keep := !d.gone && (len(f.AgencyIDs) == 0 || slices.Contains(f.AgencyIDs, tab.Agencies[d.m.Agency])) &&
					(f.Category == "" || strings.HasPrefix(tab.Strings[d.m.Category]+"/", f.Category+"/")) &&
					(f.DocType == "" || tab.Strings[d.m.DocType] == f.DocType) && (f.Validity == "" || tab.Strings[d.m.Validity] == f.Validity) &&
					(f.From.IsZero() || !pub.Before(f.From)) && (f.To.IsZero() || pub.Before(f.To))
				h, ok := q.Rank(d.id, pub, d.folded)
				if !keep || !ok {
					continue
				}
				total++
				single := true
				for _, term := range q.Terms {
					single = single && len([]rune(term)) == 1
				}
				if single && len(hits) >= search.MaxSingleRanked {
					continue
				}
				hits = append(hits, h)
				want.Agencies[tab.Agencies[d.m.Agency]]++
				want.Columns[search.TopColumn(tab.Strings[d.m.Category])]++
				want.Years[int(d.m.Year)]++
			}
			search.Sort(hits)
			if e := q.Evaluate(lists, &tab, meta, f, -20, 20); e.Total != total || len(e.Hits) != 0 {
				t.Fatalf("%q: a page before the first: total %d, %d hits", qs, e.Total, len(e.Hits))
			}
			for _, pc := range []struct{ page, parallelMin int }{{0, 1 << 30}, {20, 1 << 30}, {45, 1 << 30}, {0, 2}, {45, 2}} {
				page := pc.page
				search.EvalParallelMin = pc.parallelMin // from 2: the lists cut between the cores
				e := q.Evaluate(lists, &tab, meta, f, page, 20)
				wantHits := hits[min(page, len(hits)):min(page+20, len(hits))]
				if e.Total != total || !slices.Equal(e.Hits, wantHits) || !maps.Equal(e.Facets.Agencies, want.Agencies) ||
					!maps.Equal(e.Facets.Columns, want.Columns) || !maps.Equal(e.Facets.Years, want.Years) ||
					(e.RankedAmong != 0) != (total > len(hits)) {
					t.Fatalf("%q filter %d from %d: total %d, %d hits, facets %+v, ranked among %d; want %d, %d hits, %+v",
						qs, fi, page, e.Total, len(e.Hits), e.Facets, e.RankedAmong, total, len(wantHits), want)
				}
			}
		}
	}
}
