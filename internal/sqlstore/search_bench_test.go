package sqlstore_test

import (
	"context"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// benchItems is the corpus size of the search benchmarks:
// GONGKAI_BENCH_ITEMS, 10,000 by default.
func benchItems() int {
	if n, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_ITEMS")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// oldCorpus reports whether GONGKAI_BENCH_CORPUS=repetitive asks for the
// first generator (searchtest.Corpus: every subject in a quarter of the
// items), to compare with figures measured on it; the default is the
// realistic one (searchtest.Gov).
func oldCorpus() bool { return os.Getenv("GONGKAI_BENCH_CORPUS") == "repetitive" }

// benchQueries are the query kinds the README's table reports
// (searchtest.GovQueries, or the first generator's).
var benchQueries = func() (out []struct{ name, q string }) {
	qs := searchtest.GovQueries()
	if oldCorpus() {
		qs = []searchtest.NamedQuery{{Name: "1char", Q: "保"}, {Name: "2char", Q: "低保"}, {Name: "2char-b", Q: "宅基"},
			{Name: "4char", Q: "征收拆迁"}, {Name: "multi", Q: "拆迁 补偿 货币"}, {Name: "docno", Q: "仑民〔2021〕15号"},
			{Name: "docno-prefix", Q: "仑民〔2021〕"}, {Name: "miss", Q: "不存在的词"}}
	}
	for _, q := range qs {
		out = append(out, struct{ name, q string }{q.Name, q.Q})
	}
	return out
}()

// benchCorpus returns items [start, end) of the benchmarks' corpus
// (searchtest.Gov with seed 1, or the first generator's).
func benchCorpus(start, end int) []searchtest.Item {
	if oldCorpus() {
		return searchtest.Corpus(1, end)[start:end]
	}
	items := make([]searchtest.Item, end-start)
	for i := range items {
		items[i] = searchtest.GovItem(1, start+i)
	}
	return items
}

// BenchmarkSearch loads a generated corpus (written 50,000 items at a
// time by sqlstoretest.BulkWrite, then indexed by Store.ReindexSearch,
// each reported in items/s, with the postings' count and the index's
// size on disk), then runs each query kind, reporting its total (its
// document frequency: the totals are exact) and the 50th, 95th and 99th
// percentile latencies, and last the cost of publishing an item with and
// without the index. Run it as
//
//	GONGKAI_BENCH_ITEMS=100000 go test ./internal/sqlstore -run XXX -bench 'Search$' -benchtime 20x -timeout 3h
//
// (GONGKAI_BENCH_CORPUS=repetitive for the first generator's corpus;
// GONGKAI_BENCH_BACKENDS=sqlite or postgres for one database).
func BenchmarkSearch(b *testing.B) {
	names := sqlstoretest.Names
	if v := os.Getenv("GONGKAI_BENCH_BACKENDS"); v != "" {
		names = strings.Split(v, ",")
	}
	for _, name := range names {
		b.Run(name, func(b *testing.B) {
			s := sqlstoretest.Open(b, name)
			ctx := context.Background()
			var agencies []agency.Agency
			for _, n := range []string{"区民政局", "区住建局", "大碶街道"} {
				a, err := s.CreateAgency(ctx, agency.Agency{Name: n, CreatedAt: testNow})
				if err != nil {
					b.Fatal(err)
				}
				agencies = append(agencies, a)
			}
			n := benchItems()
			t0 := time.Now()
			const slice = 50000
			chars := 0
			for start := 0; start < n; start += slice {
				items := benchCorpus(start, min(start+slice, n))
				for _, it := range items {
					chars += len([]rune(it.Doc.Title + it.Doc.Body))
				}
				sqlstoretest.BulkWrite(b, s, agencies, items, start)
			}
			write := time.Since(t0)
			t0 = time.Now()
			if err := s.ReindexSearch(ctx, nil, nil); err != nil {
				b.Fatal(err)
			}
			reindex := time.Since(t0)
			var postings int64
			if err := s.DB().QueryRowContext(ctx,
				"SELECT COALESCE(SUM(n), 0) FROM search_blocks").Scan(&postings); err != nil {
				b.Fatal(err)
			}
			ps, ds := sqlstoretest.IndexSize(b, s)
			b.Logf("%s: %d items (%.0f characters each with markup) written in %v (%.0f items/s), indexed in %v (%.0f items/s, %.0f postings/s); "+
				"%d postings (%.0f an item), %.1f MB on disk (%.1f bytes a posting), documents %.1f MB",
				name, n, float64(chars)/float64(n), write.Round(time.Millisecond), float64(n)/write.Seconds(), reindex.Round(time.Millisecond),
				float64(n)/reindex.Seconds(), float64(postings)/reindex.Seconds(), postings, float64(postings)/float64(n),
				float64(ps)/(1<<20), float64(ps)/float64(postings), float64(ds)/(1<<20))
			for _, bq := range benchQueries {
				b.Run(bq.name, func(b *testing.B) { benchQuery(b, s, bq.q) })
			}
			with, without := sqlstoretest.PublishCost(b, s, agencies[0], []searchtest.Item{searchtest.GovItem(2, 0), searchtest.GovItem(2, 1)}, n, 200)
			b.Logf("%s: publishing one item: %.2f ms with the index, %.2f ms without (%.2f×)", name,
				float64(with.Microseconds())/1000, float64(without.Microseconds())/1000, float64(with)/float64(without))
		})
	}
}

func benchQuery(b *testing.B, s *sqlstore.Store, q string) {
	ctx := context.Background()
	var lat []time.Duration
	total := 0
	for b.Loop() {
		t0 := time.Now()
		p, err := search.Search(ctx, s, q, search.Filter{}, 1, 20)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		total = p.Total
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { // nearest rank: of 20 runs, p95 is the 19th, p99 the 20th
		return float64(lat[max(0, int(math.Ceil(p*float64(len(lat))))-1)].Microseconds()) / 1000
	}
	b.ReportMetric(float64(total), "total")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
