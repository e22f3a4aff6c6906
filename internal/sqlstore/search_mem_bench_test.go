package sqlstore_test

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkSearchMem loads one generated corpus (GONGKAI_BENCH_ITEMS
// items, sqlstoretest.BulkLoadCorpus) on each database, reporting the
// build's rate and size and how long the in-memory copy takes to load
// every document's metadata, and runs each query kind of BenchmarkSearch
// without the copy ("sql": the lists read for each search, as inside a
// transaction) and then through it, in the same run: the first run
// through the copy (loading the lists) is reported as cold, then b.N warm
// runs. Run it as
//
//	GONGKAI_BENCH_ITEMS=100000 go test ./internal/sqlstore -run XXX -bench SearchMem -benchtime 20x -v
func BenchmarkSearchMem(b *testing.B) {
	for _, name := range sqlstoretest.Names {
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
			items := benchCorpus(0, n)
			_, write, reindex := sqlstoretest.BulkLoadCorpus(b, s, agencies, items, 0)
			items = slices.Clone(items[:min(len(items), 1000)]) // PublishCost's; the rest may go
			ps, ds := sqlstoretest.IndexSize(b, s)
			b.Logf("%s: %d items written in %v (%.0f items/s), indexed in %v (%.0f items/s); postings %.1f MB on disk, documents %.1f MB",
				name, n, write.Round(time.Millisecond), float64(n)/write.Seconds(), reindex.Round(time.Millisecond), float64(n)/reindex.Seconds(),
				float64(ps)/(1<<20), float64(ds)/(1<<20))
			t0 := time.Now()
			docs, err := s.WarmSearch(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: the in-memory copy's documents (%d) loaded in %v", name, docs, time.Since(t0).Round(time.Millisecond))
			for _, bq := range benchQueries {
				b.Run(bq.name+"/sql", func(b *testing.B) {
					s.SetSearchMem(false)
					benchQuery(b, s, bq.q)
				})
				s.SetSearchMem(true)
				t0 = time.Now()
				if _, err := search.Search(ctx, s, bq.q, search.Filter{}, 1, 20); err != nil {
					b.Fatal(err)
				}
				cold := time.Since(t0)
				b.Run(bq.name+"/mem", func(b *testing.B) {
					benchQuery(b, s, bq.q)
					b.ReportMetric(float64(cold.Microseconds())/1000, "cold-ms")
				})
			}
			docs, postings := s.SearchMemSize()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.Logf("%s: in memory: %d documents, %d postings; heap %d MB", name, docs, postings, ms.HeapAlloc>>20)
			with, without := sqlstoretest.PublishCost(b, s, agencies[0], items, n, 200)
			b.Logf("%s: publishing one item: %.2f ms with the index, %.2f ms without (%.2f×)", name,
				float64(with.Microseconds())/1000, float64(without.Microseconds())/1000, float64(with)/float64(without))
			// a search right after the publications: the copy applies them
			t0 = time.Now()
			if _, err := search.Search(ctx, s, "低保", search.Filter{}, 1, 20); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: first search after 400 publications: %v", name, time.Since(t0).Round(time.Microsecond))
		})
	}
}
