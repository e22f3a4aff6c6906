package catalog_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// benchLines returns n items as an import file would give them, with a
// body of about 1 KB each.
func benchLines(n int) string {
	var b strings.Builder
	body := strings.Repeat("<p>为进一步规范行政执法行为，根据有关规定，结合本区实际，制定本办法。</p>", 12)
	for i := range n {
		fmt.Fprintf(&b, `{"index_no":"002882367/%d-%05d","title":"北仑区司法局关于第%d号事项的公告","category":"other","doc_type":"notice","formed_on":"2021-03-01","body":%q,"channels":[{"channel":"portal","on":"2021-03-05"}],"published_at":"2021-03-05T09:00:00+08:00"}`+"\n",
			2000+i/90000, i%90000, i, body)
	}
	return b.String()
}

// BenchmarkImport measures catalog import into a fresh store on each
// backend: read and check the JSON Lines, then store every item in one
// transaction. items/s is the figure catalog.md asks for (50,000 items in
// well under a minute on SQLite): run with -benchtime=1x and
// GONGKAI_BENCH_ITEMS=50000.
func BenchmarkImport(b *testing.B) {
	n := 5000
	if v := benchItems(); v > 0 {
		n = v
	}
	text := benchLines(n)
	for _, backend := range sqlstoretest.Names {
		b.Run(backend, func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				st := sqlstoretest.Open(b, backend)
				w := newWorld(b, st)
				w.svc.Scanner = nil
				b.StartTimer()
				start := time.Now()
				lines, err := catalog.ReadItems(strings.NewReader(text), w.a.Name, tree, nil)
				if err != nil {
					b.Fatal(err)
				}
				res, err := w.svc.Import(context.Background(), audit.CLI, w.a.ID, w.a.Name, lines, nil)
				if err != nil || res.Items != n {
					b.Fatalf("imported %d of %d: %v", res.Items, n, err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "items/s")
		})
	}
}

func benchItems() int {
	var n int
	fmt.Sscan(os.Getenv("GONGKAI_BENCH_ITEMS"), &n)
	return n
}
