package opendata_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/opendata"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkExport exports GONGKAI_BENCH_ITEMS generated items (default
// 2,000) on SQLite and reports the peak heap in use while it runs, in MB
// and per item: memory that does not grow with the items is what
// "streaming" promises. Run it as
//
//	GONGKAI_BENCH_ITEMS=10000 go test ./internal/opendata -run XXX -bench Export -benchtime 1x
func BenchmarkExport(b *testing.B) {
	n := 2000
	if s := os.Getenv("GONGKAI_BENCH_ITEMS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	st := sqlstoretest.Open(b, sqlstoretest.SQLite)
	ctx := context.Background()
	ag, _ := st.CreateAgency(ctx, agency.Agency{Name: "宁波市北仑区人民政府办公室", CreatedAt: now})
	svc, err := catalog.NewService(st, &audit.Log{Store: st, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	svc.Now = func() time.Time { return now }
	tree := catalog.NewTree(catalog.DefaultColumns(ag.ID, catalog.LevelCounty))
	items := searchtest.Corpus(3, n)
	for start := 0; start < n; start += 1000 {
		var src strings.Builder
		for i := start; i < min(start+1000, n); i++ {
			it := items[i]
			line, _ := json.Marshal(map[string]any{"schema": catalog.Schema, "index_no": fmt.Sprintf("B/%d", i), "title": it.Doc.Title,
				"doc_no": it.Doc.DocNo, "agency": ag.Name, "category": "other", "doc_type": "notice", "disclosure": "proactive",
				"formed_on": "2024-01-01", "published_at": now.Add(time.Duration(i) * time.Minute).Format(time.RFC3339), "body": it.Doc.Body})
			src.Write(line)
			src.WriteByte('\n')
		}
		lines, err := catalog.ReadItems(strings.NewReader(src.String()), ag.Name, tree, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Import(ctx, audit.CLI, ag.ID, ag.Name, lines, nil); err != nil {
			b.Fatal(err)
		}
	}
	items = nil
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	dir := filepath.Join(b.TempDir(), "open")
	var m opendata.Manifest
	for b.Loop() {
		var err error
		if m, err = opendata.Export(ctx, source(b, st), dir, now, nil); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	grown := float64(peak.Load()) - float64(base.HeapInuse)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(grown/float64(n), "heap-growth-B/item")
	b.ReportMetric(float64(m.Files[0].Bytes)/(1<<20), "items-MB")
}
