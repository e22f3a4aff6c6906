package search_test

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/search"
)

// BenchmarkEvaluate measures Query.Evaluate alone (the in-memory part of
// a search: intersecting, filtering, counting the facets, keeping the
// page) over GONGKAI_BENCH_DOCS documents (1,000,000 by default) whose
// lists have the densities the generated corpus gives its words (a
// subject word in 27% of the documents, 保 in 84%), drawn at random with
// random weights. Run it as
//
//	go test ./internal/search -run XXX -bench Evaluate -benchtime 20x
func BenchmarkEvaluate(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	r := rand.New(rand.NewPCG(1, 1))
	var tab search.Table
	agIdx, strIdx := map[int64]int32{}, map[string]int32{}
	metas := make([]search.Meta, n+1)
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	columns := []string{"livelihood", "livelihood/aid", "rules", "other", "planning"}
	for i := 1; i <= n; i++ {
		metas[i] = tab.MetaOf(int64(1+r.IntN(30)), columns[r.IntN(len(columns))], "notice", "valid",
			base.Add(time.Duration(i)*5*time.Minute), agIdx, strIdx)
	}
	meta := func() func(int64) *search.Meta { return func(id int64) *search.Meta { return &metas[id] } }
	list := func(density float64) *search.List {
		l := &search.List{}
		for i := 1; i <= n; i++ {
			if r.Float64() < density {
				w := search.Posting{Title: r.IntN(2), Body: 1 + r.IntN(4)}.Weight()
				l.Docs, l.W = append(l.Docs, int64(i)), append(l.W, uint8(w))
			}
		}
		return l
	}
	lists := map[string]*search.List{"保": list(0.84), "低保": list(0.27), "宅基": list(0.27), "征收拆迁": list(0.27),
		"拆迁": list(0.30), "补偿": list(0.45), "货币": list(0.20), "仑民〔2021〕": list(0.008), "仑民〔2021〕15号": list(0.00006)}
	for _, c := range []struct {
		name, q string
		f       search.Filter
	}{
		{"1char", "保", search.Filter{}},
		{"2char", "低保", search.Filter{}},
		{"4char", "征收拆迁", search.Filter{}},
		{"multi", "拆迁 补偿 货币", search.Filter{}},
		{"docno", "仑民〔2021〕15号", search.Filter{}},
		{"docno-prefix", "仑民〔2021〕", search.Filter{}},
		{"2char-agency", "低保", search.Filter{AgencyIDs: []int64{3, 4}}},
		{"2char-year", "低保", search.Filter{From: base.Add(3 * 365 * 24 * time.Hour), To: base.Add(4 * 365 * 24 * time.Hour)}},
	} {
		for _, serial := range []bool{false, true} {
			name := c.name
			if serial {
				name += "/serial" // on one core: EvalParallelMin out of reach
			}
			b.Run(name, func(b *testing.B) {
				if serial {
					saved := search.EvalParallelMin
					search.EvalParallelMin = 1 << 62
					defer func() { search.EvalParallelMin = saved }()
				}
				q, err := search.Parse(c.q)
				if err != nil {
					b.Fatal(err)
				}
				var ls []*search.List
				for _, t := range q.Terms {
					ls = append(ls, lists[t])
				}
				var lat []time.Duration
				total := 0
				for b.Loop() {
					t0 := time.Now()
					e := q.Evaluate(ls, &tab, meta, c.f, 0, 20)
					lat = append(lat, time.Since(t0))
					total = e.Total
				}
				slices.Sort(lat)
				pct := func(p float64) float64 {
					return float64(lat[max(0, int(math.Ceil(p*float64(len(lat))))-1)].Microseconds()) / 1000
				}
				b.ReportMetric(float64(total), "total")
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.95), "p95-ms")
			})
		}
	}
}
