package search

import (
	"runtime"
	"sort"
	"sync"
	"time"
)

// EvalParallelMin is the length of the shortest list from which Evaluate
// splits the work between the cores: at 1,000,000 documents a common word
// (公开, 59 % of them) is 590,000 matches, each counted in the facets and
// offered to the page.
var EvalParallelMin = 50000

// A MetaSource returns a document's metadata (nil: none, it is gone). Each
// call of a MetaSource gives a function for one goroutine: it may cache.
type MetaSource func() func(int64) *Meta

// Evaluate runs q over lists, one per term of q in order, each document
// that meta finds and f keeps: the exact total, the facets, and the hits
// start to start+n of the order Sort gives, with the same scores
// RankWeights gives. A query of single characters only ranks and facets
// the MaxSingleRanked kept matches of the highest ids, as Search does.
// The lists are intersected from the highest id down: the shortest is
// walked, the others followed (by binary search when much longer). A
// shortest list of EvalParallelMin or more is cut into one range a core,
// evaluated at once and added up (not for single characters, whose bound
// follows the ids' order).
func (q Query) Evaluate(lists []*List, t *Table, meta MetaSource, f Filter, start, n int) Evaluation {
	e := Evaluation{Facets: Facets{Agencies: map[int64]int{}, Columns: map[string]int{}, Years: map[int]int{}}}
	if len(lists) == 0 || len(lists) != len(q.Terms) {
		return e
	}
	c := f.compile(t)
	short := 0
	for i, l := range lists {
		if l.Len() < lists[short].Len() {
			short = i
		}
	}
	bound := -1
	if q.singleChars() {
		bound = MaxSingleRanked
	}
	k := start + n
	if start < 0 || n < 0 || start+n < 0 { // an overflowing page: no hits, the total still counted
		k = 0
	}
	base := lists[short]
	parts := 1
	if bound < 0 && base.Len() >= EvalParallelMin {
		parts = runtime.GOMAXPROCS(0)
	}
	out := make([]evalPart, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[p] = q.evalRange(lists, short, base.Len()*p/parts, base.Len()*(p+1)/parts, &c, t, meta(), bound, k)
		}()
	}
	wg.Wait()
	ranked := 0
	var hs []Hit
	years := map[int16]int{}
	for _, r := range out {
		e.Total += r.total
		ranked += r.ranked
		for i, k := range r.agencies {
			if k > 0 {
				e.Facets.Agencies[t.Agencies[i]] += k
			}
		}
		for i, k := range r.categories {
			if k > 0 {
				e.Facets.Columns[TopColumn(t.Strings[i])] += k
			}
		}
		for y, k := range r.years {
			years[y] += k
		}
		hs = append(hs, r.top.hs...)
	}
	if bound >= 0 && e.Total > ranked {
		e.RankedAmong = ranked
	}
	for y, k := range years {
		e.Facets.Years[int(y)] = k
	}
	Sort(hs)
	hs = hs[:min(len(hs), k)]
	if start >= 0 && start < len(hs) {
		e.Hits = hs[start:min(start+n, len(hs))]
	}
	return e
}

// An evalPart is what Evaluate counts over a range of the shortest list.
type evalPart struct {
	total, ranked        int
	agencies, categories []int // by Table index
	years                map[int16]int
	top                  *hitHeap
}

// evalRange evaluates the documents of the shortest list (lists[short])
// from index from to index to (excluded), from the highest down, keeping
// the k first hits.
func (q Query) evalRange(lists []*List, short, from, to int, c *compiled, t *Table, meta func(int64) *Meta, bound, k int) evalPart {
	r := evalPart{agencies: make([]int, len(t.Agencies)), categories: make([]int, len(t.Strings)), years: map[int16]int{},
		top: &hitHeap{k: k}}
	base := lists[short]
	if from >= to {
		return r
	}
	pos := make([]int, len(lists)) // per list, the highest index not yet passed
	top := base.Docs[to-1]
	for i, l := range lists {
		pos[i] = sort.Search(l.Len(), func(x int) bool { return l.Docs[x] > top }) - 1
	}
	w := make([]int, len(lists))
outer:
	for i := to - 1; i >= from; i-- {
		d := base.Docs[i]
		w[short] = int(base.W[i])
		for j, l := range lists {
			if j == short {
				continue
			}
			p := pos[j]
			if p < 0 {
				break outer
			}
			if l.Docs[p] > d {
				if p > 64 && l.Docs[p-64] > d { // far: binary search below p
					p = sort.Search(p, func(k int) bool { return l.Docs[k] > d }) - 1
				} else {
					for p >= 0 && l.Docs[p] > d {
						p--
					}
				}
				pos[j] = p
				if p < 0 {
					break outer
				}
			}
			if l.Docs[p] != d {
				continue outer
			}
			w[j] = int(l.W[p])
		}
		m := meta(d)
		if m == nil || !c.keep(m) {
			continue
		}
		r.total++
		if bound >= 0 && r.ranked >= bound {
			continue // counted, not ranked
		}
		r.ranked++
		r.agencies[m.Agency]++
		r.categories[m.Category]++
		r.years[m.Year]++
		h := q.RankWeights(d, w)
		h.Published = time.UnixMicro(m.Published).UTC()
		r.top.offer(h)
	}
	return r
}
