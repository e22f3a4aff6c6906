package sqlstore_test

import (
	"context"
	"math"
	"os"
	"slices"
	"strconv"
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

// benchQueries are the query kinds the README's table reports.
var benchQueries = []struct{ name, q string }{
	{"1char", "保"},
	{"2char", "低保"},
	{"2char-b", "宅基"},
	{"4char", "征收拆迁"},
	{"multi", "拆迁 补偿 货币"},
	{"docno", "仑民〔2021〕15号"},
	{"docno-prefix", "仑民〔2021〕"},
	{"miss", "不存在的词"},
}

// BenchmarkSearch loads a generated corpus (sqlstoretest.BulkLoadCorpus,
// reporting the writes and the index build in items/s) and then runs each query kind, reporting its total and the
// 50th, 95th and 99th percentile latencies. Run it as
//
//	GONGKAI_BENCH_ITEMS=100000 go test ./internal/sqlstore -run XXX -bench Search -benchtime 20x
func BenchmarkSearch(b *testing.B) {
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
			items := searchtest.Corpus(1, n)
			_, write, reindex := sqlstoretest.BulkLoadCorpus(b, s, agencies, items, 0)
			b.Logf("%s: %d items written in %v (%.0f items/s), indexed in %v (%.0f items/s)", name, n,
				write.Round(time.Millisecond), float64(n)/write.Seconds(), reindex.Round(time.Millisecond), float64(n)/reindex.Seconds())
			for _, bq := range benchQueries {
				b.Run(bq.name, func(b *testing.B) { benchQuery(b, s, bq.q) })
			}
			with, without := sqlstoretest.PublishCost(b, s, agencies[0], items, n, 200)
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
