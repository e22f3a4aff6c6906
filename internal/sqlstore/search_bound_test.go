package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestSearchSingleCharBound: a query of single characters only with more
// matches than search.MaxSingleRanked ranks and facets the last indexed
// MaxSingleRanked of them and still reports the exact total (against a
// brute-force scan); a query with a longer term is not bounded.
func TestSearchSingleCharBound(t *testing.T) {
	saved := search.MaxSingleRanked
	search.MaxSingleRanked = 40
	defer func() { search.MaxSingleRanked = saved }()
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		items := searchtest.Corpus(3, 300)
		ids := loadCorpus(t, s, []agency.Agency{a}, items)
		for _, c := range []struct {
			q       string
			bounded bool
		}{{"保", true}, {"保 障", true}, {"知", true}, {"低保", false}, {"保 低保", false}} {
			want := bruteForce(items, ids, c.q, func(int) bool { return true })
			p, err := search.Search(ctx, s, c.q, search.Filter{}, 1, search.MaxPerPage)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != len(want) {
				t.Errorf("%q: total %d; brute force %d", c.q, p.Total, len(want))
			}
			if !c.bounded || len(want) <= search.MaxSingleRanked {
				if p.RankedAmong != 0 || len(p.Items) != min(len(want), search.MaxPerPage) {
					t.Errorf("%q: ranked among %d, %d items; want all ranked", c.q, p.RankedAmong, len(p.Items))
				}
				continue
			}
			facets := 0
			for _, n := range p.Facets.Years {
				facets += n
			}
			if p.RankedAmong != search.MaxSingleRanked || len(p.Items) != search.MaxSingleRanked || facets != search.MaxSingleRanked {
				t.Errorf("%q: ranked among %d, %d items, facets count %d; want %d", c.q, p.RankedAmong, len(p.Items), facets, search.MaxSingleRanked)
			}
			// the ranked ones are the last indexed matches (LoadCorpus indexes in order)
			least := want[len(want)-search.MaxSingleRanked]
			for _, r := range p.Items {
				var i int
				fmt.Sscanf(r.IndexNo[strings.Index(r.IndexNo, "/")+1:], "%d", &i)
				if ids[i] < least {
					t.Errorf("%q: item %d ranked, not among the last %d matches", c.q, i, search.MaxSingleRanked)
				}
			}
		}
		// filtered: the total counts only what the filter keeps (items from hour 150 on)
		from := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC).Add(150 * time.Hour)
		want := bruteForce(items, ids, "保", func(i int) bool { return i >= 150 })
		p, err := search.Search(ctx, s, "保", search.Filter{From: from}, 1, 10)
		if err != nil || p.Total != len(want) || p.RankedAmong != search.MaxSingleRanked {
			t.Errorf("filtered: total %d ranked among %d, %v; want %d among %d", p.Total, p.RankedAmong, err, len(want), search.MaxSingleRanked)
		}
	})
}

// TestSearchCommonAndRare: the matches of a query mixing a common and a
// rare key are its brute-force matches.
func TestSearchCommonAndRare(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		items := searchtest.Corpus(5, 120)
		items = append(items, searchtest.Item{Doc: search.Doc{Title: "关于宅基地确权的通知", Body: "<p>请各单位结合实际抓好落实。</p>"}})
		ids := loadCorpus(t, s, []agency.Agency{a}, items)
		for _, q := range []string{"通知 确权", "的 确权 通知", "的 通知"} {
			want := bruteForce(items, ids, q, func(int) bool { return true })
			total, got := searchAll(t, s, ids, q, search.Filter{})
			slices.Sort(got)
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("%q: total %d; brute force %d", q, total, len(want))
			}
		}
	})
}
