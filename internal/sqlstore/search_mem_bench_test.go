package sqlstore_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkSearchMem loads one generated corpus (GONGKAI_BENCH_ITEMS
// items, sqlstoretest.BulkLoadCorpus) on each database and runs each
// query kind of BenchmarkSearch through SQL (the in-memory copy off, as
// inside a transaction) and then through the in-memory copy, in the same
// run: the first in-memory run (loading the lists) is reported as cold,
// then b.N warm runs. Run it as
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
			b.Logf("%s: %d items written in %v, indexed in %v", name, n, write.Round(time.Millisecond), reindex.Round(time.Millisecond))
			for _, bq := range benchQueries {
				b.Run(bq.name+"/sql", func(b *testing.B) {
					s.SetSearchMem(false)
					benchQuery(b, s, bq.q)
				})
				s.SetSearchMem(true)
				t0 := time.Now()
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
			t0 := time.Now()
			if _, err := search.Search(ctx, s, "低保", search.Filter{}, 1, 20); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: first search after 400 publications: %v", name, time.Since(t0).Round(time.Microsecond))
		})
	}
}
