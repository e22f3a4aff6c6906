package bleve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// env returns a whole number from the environment, or def.
func env(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// queries are the query kinds compared (searchtest.GovQueries): one, two
// and four characters, a common word, several terms, a whole 文号, a 文号
// prefix, a rare word and a miss.
var queries = func() (out []struct{ name, q string }) {
	for _, q := range searchtest.GovQueries() {
		out = append(out, struct{ name, q string }{q.Name, q.Q})
	}
	return out
}()

// A result is what one backend gave for one query kind.
type result struct {
	total         int
	found         []int // corpus positions found
	bounded       bool  // ranked among part of the matches: recall not measured
	p50, p95, p99 time.Duration
}

// truth returns the corpus positions in which every folded term occurs
// within one paragraph (catalog.md §5), by scanning every item.
func truth(folded [][]string, q string) []int {
	terms := strings.Fields(search.Fold(q))
	var out []int
	for i, paras := range folded {
		all := true
		for _, t := range terms {
			found := false
			for _, p := range paras {
				if strings.Contains(p, t) {
					found = true
					break
				}
			}
			all = all && found
		}
		if all {
			out = append(out, i)
		}
	}
	return out
}

// timeRuns runs fn runs times and returns its percentiles.
func timeRuns(runs int, fn func()) (p50, p95, p99 time.Duration) {
	lat := make([]time.Duration, runs)
	for i := range runs {
		t0 := time.Now()
		fn()
		lat[i] = time.Since(t0)
	}
	slices.Sort(lat)
	at := func(p float64) time.Duration { return lat[min(runs-1, int(p*float64(runs)))] }
	return at(0.50), at(0.95), at(0.99)
}

// BenchmarkCompare indexes one generated corpus (searchtest.Gov, GONGKAI_BENCH_ITEMS
// items, 10,000 by default) in gongkai's index on SQLite and on
// PostgreSQL and in bleve v2 with its cjk analyzer, then runs each query
// kind GONGKAI_BENCH_RUNS times (20) on each (GONGKAI_BENCH_BACKENDS, e.g.
// "sqlite,bleve", picks some) and logs build speed, index
// size, totals, recall against a brute-force substring scan and the
// 50th/95th/99th percentile latencies, and the cost of publishing an item
// with and without the index. Run it once (-benchtime 1x):
//
//	cd bench/bleve && GONGKAI_BENCH_ITEMS=100000 GONGKAI_TEST_POSTGRES=… CI=true \
//	  go test -run XXX -bench Compare -benchtime 1x -timeout 3h
func BenchmarkCompare(b *testing.B) {
	n, runs := env("GONGKAI_BENCH_ITEMS", 10000), env("GONGKAI_BENCH_RUNS", 20)
	items := searchtest.Gov(1, n)
	folded := make([][]string, n)
	for i, it := range items {
		for _, p := range it.Doc.Paragraphs() {
			folded[i] = append(folded[i], search.Fold(p))
		}
	}
	want := map[string][]int{}
	for _, q := range queries {
		want[q.q] = truth(folded, q.q)
	}
	res := map[string]map[string]result{}
	backends := append(slices.Clone(sqlstoretest.Names), "bleve")
	if s := os.Getenv("GONGKAI_BENCH_BACKENDS"); s != "" {
		backends = strings.Split(s, ",")
	}
	for range b.N {
		for _, be := range backends {
			if be == "bleve" {
				res[be] = runBleve(b, folded, runs)
			} else {
				res[be] = runGongkai(b, be, items, runs)
			}
		}
	}
	b.Logf("%d items, %d runs a query", n, runs)
	for _, q := range queries {
		truthN := len(want[q.q])
		for _, be := range backends {
			r, ok := res[be][q.q]
			if !ok {
				continue
			}
			hit := 0
			wantSet := map[int]bool{}
			for _, i := range want[q.q] {
				wantSet[i] = true
			}
			for _, i := range r.found {
				if wantSet[i] {
					hit++
				}
			}
			recall := 1.0
			if truthN > 0 {
				recall = float64(hit) / float64(truthN)
			}
			rec := fmt.Sprintf("%.3f", recall)
			if r.bounded {
				rec = "(bounded)"
			}
			b.Logf("%-12s %-8s matches %7d total %7d recall %s  p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms",
				q.name, be, truthN, r.total, rec, ms(r.p50), ms(r.p95), ms(r.p99))
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// runGongkai builds gongkai's index on one database and runs the queries.
func runGongkai(b *testing.B, name string, items []searchtest.Item, runs int) map[string]result {
	ctx := context.Background()
	s := sqlstoretest.Open(b, name)
	var agencies []agency.Agency
	for _, a := range []string{"区民政局", "区住建局", "大碶街道"} {
		ag, err := s.CreateAgency(ctx, agency.Agency{Name: a, CreatedAt: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		agencies = append(agencies, ag)
	}
	ids, write, reindex := sqlstoretest.BulkLoadCorpus(b, s, agencies, items, 0)
	pos := make(map[string]int, len(ids))
	for i := range ids {
		pos[fmt.Sprintf("X%d/%d", agencies[i%len(agencies)].ID, i)] = i
	}
	postings, docs := sqlstoretest.IndexSize(b, s)
	b.Logf("%s: items written in %v, indexed (ReindexSearch) in %v: %.0f items/s; index: postings %.1f MB, documents (display and folded text) %.1f MB",
		name, write.Round(time.Millisecond), reindex.Round(time.Millisecond), float64(len(items))/reindex.Seconds(), mb(postings), mb(docs))
	out := map[string]result{}
	for _, q := range queries {
		var r result
		var last search.Page
		r.p50, r.p95, r.p99 = timeRuns(runs, func() {
			p, err := search.Search(ctx, s, q.q, search.Filter{}, 1, 20)
			if err != nil {
				b.Fatal(err)
			}
			last = p
		})
		r.total = last.Total
		if last.RankedAmong == 0 { // collect every match for recall (not timed)
			for page := 1; ; page++ {
				p, err := search.Search(ctx, s, q.q, search.Filter{}, page, search.MaxPerPage)
				if err != nil {
					b.Fatal(err)
				}
				for _, it := range p.Items {
					r.found = append(r.found, pos[it.IndexNo])
				}
				if len(p.Items) < search.MaxPerPage {
					break
				}
			}
		} else {
			b.Logf("%s: %q ranked among %d of %d", name, q.q, last.RankedAmong, last.Total)
			r.bounded = true // its total is a count of the postings, exact by construction
		}
		out[q.q] = r
	}
	publishCost(b, s, agencies[0], items) // last: its items would change the totals
	return out
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

// publishCost logs the cost of publishing one item with and without the
// index (sqlstoretest.PublishCost, 200 of each) and their ratio.
func publishCost(b *testing.B, s *sqlstore.Store, a agency.Agency, items []searchtest.Item) {
	with, without := sqlstoretest.PublishCost(b, s, a, items, len(items), 200)
	b.Logf("%s: publishing one item: %.2f ms with the index, %.2f ms without (%.2f×)", s.Dialect(), ms(with), ms(without),
		float64(with)/float64(without))
}

// runBleve indexes the folded paragraphs (one text field, the cjk
// analyzer, nothing stored) and runs each query as a conjunction of
// phrase queries, one a term.
func runBleve(b *testing.B, folded [][]string, runs int) map[string]result {
	dir := filepath.Join(b.TempDir(), "bleve")
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = cjk.AnalyzerName
	doc := bleve.NewDocumentMapping()
	f := bleve.NewTextFieldMapping()
	f.Analyzer, f.Store, f.IncludeTermVectors = cjk.AnalyzerName, false, true
	doc.AddFieldMappingsAt("text", f)
	m.DefaultMapping = doc
	idx, err := bleve.New(dir, m)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	t0 := time.Now()
	batch := idx.NewBatch()
	for i, paras := range folded {
		if err := batch.Index(strconv.Itoa(i), map[string]any{"text": strings.Join(paras, "\n")}); err != nil {
			b.Fatal(err)
		}
		if batch.Size() == 1000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	build := time.Since(t0)
	b.Logf("bleve: built in %v: %.0f items/s; index %.1f MB", build.Round(time.Millisecond), float64(len(folded))/build.Seconds(), mb(dirSize(dir)))
	out := map[string]result{}
	for _, q := range queries {
		var parts []query.Query
		for _, t := range strings.Fields(search.Fold(q.q)) {
			pq := bleve.NewMatchPhraseQuery(t)
			pq.SetField("text")
			pq.Analyzer = cjk.AnalyzerName
			parts = append(parts, pq)
		}
		bq := bleve.NewConjunctionQuery(parts...)
		var r result
		r.p50, r.p95, r.p99 = timeRuns(runs, func() {
			res, err := idx.Search(bleve.NewSearchRequestOptions(bq, 20, 0, false))
			if err != nil {
				b.Fatal(err)
			}
			r.total = int(res.Total)
		})
		if r.total > 0 {
			res, err := idx.Search(bleve.NewSearchRequestOptions(bq, r.total, 0, false))
			if err != nil {
				b.Fatal(err)
			}
			for _, h := range res.Hits {
				i, _ := strconv.Atoi(h.ID)
				r.found = append(r.found, i)
			}
		}
		out[q.q] = r
	}
	return out
}

// dirSize sums the sizes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
