package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// loadCorpus is sqlstoretest.LoadCorpus.
var loadCorpus = sqlstoretest.LoadCorpus

// bruteForce returns the ids of the items in which every folded term of q
// occurs within one folded paragraph, by scanning every item.
func bruteForce(items []searchtest.Item, ids []int64, q string, keep func(i int) bool) []int64 {
	terms := strings.Fields(search.Fold(q))
	var out []int64
	for i, it := range items {
		if !keep(i) {
			continue
		}
		paras := it.Doc.Paragraphs()
		all := true
		for _, term := range terms {
			found := false
			for _, p := range paras {
				if strings.Contains(search.Fold(p), term) {
					found = true
					break
				}
			}
			all = all && found
		}
		if all {
			out = append(out, ids[i])
		}
	}
	slices.Sort(out)
	return out
}

// searchAll returns the total and the ids of every page of a search.
func searchAll(t *testing.T, s *sqlstore.Store, ids []int64, q string, f search.Filter) (int, []int64) {
	t.Helper()
	var got []int64
	total := -1
	for page := 1; ; page++ {
		p, err := search.Search(context.Background(), s, q, f, page, search.MaxPerPage)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if total >= 0 && p.Total != total {
			t.Fatalf("%q: total changed between pages", q)
		}
		total = p.Total
		for _, r := range p.Items {
			var i int
			fmt.Sscanf(r.IndexNo[strings.Index(r.IndexNo, "/")+1:], "%d", &i)
			got = append(got, ids[i])
		}
		if len(p.Items) < search.MaxPerPage {
			break
		}
	}
	return total, got
}

// randomQuery draws one to three terms cut from the corpus's paragraphs,
// sometimes written full-width or in 繁體, sometimes spanning a paragraph
// break (which must never match).
func randomQuery(r *rand.Rand, items []searchtest.Item) string {
	var terms []string
	for range 1 + r.IntN(3) {
		paras := items[r.IntN(len(items))].Doc.Paragraphs()
		p := []rune(paras[r.IntN(len(paras))])
		if len(p) == 0 {
			continue
		}
		n := 1 + r.IntN(min(6, len(p)))
		at := r.IntN(len(p) - n + 1)
		term := string(p[at : at+n])
		switch r.IntN(6) {
		case 0: // full-width ASCII
			term = strings.Map(func(c rune) rune {
				if c > ' ' && c < 0x7f {
					return c + 0xfee0
				}
				return c
			}, term)
		case 1: // a term across two paragraphs
			if len(paras) > 3 {
				a, b := []rune(paras[2]), []rune(paras[3])
				term = string(a[max(0, len(a)-2):]) + string(b[:min(2, len(b))])
			}
		}
		terms = append(terms, strings.ReplaceAll(term, " ", ""))
	}
	return strings.Join(terms, " ")
}

// TestSearchTotalsExact: over random corpora, the totals and the result
// sets equal a brute-force substring scan, for fixed and random queries,
// with and without filters (catalog.md §5: exact totals), whether the
// items were indexed as published or by a reindex.
func TestSearchTotalsExact(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		var agencies []agency.Agency
		for _, name := range []string{"区民政局", "区住建局", "大碶街道"} {
			a, err := s.CreateAgency(ctx, agency.Agency{Name: name, CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			agencies = append(agencies, a)
		}
		items := searchtest.Corpus(7, 300)
		// half published one by one, half written in bulk and indexed by a
		// reindex (which rebuilds the first half too, in batches)
		ids := loadCorpus(t, s, agencies, items[:150])
		bulk, _, _ := sqlstoretest.BulkLoadCorpus(t, s, agencies, items[150:], 150)
		ids = append(ids, bulk...)
		r := rand.New(rand.NewPCG(11, 13))
		queries := searchtest.Queries()
		for range 60 {
			queries = append(queries, randomQuery(r, items))
		}
		all := func(int) bool { return true }
		nonEmpty := 0
		for _, q := range queries {
			if strings.TrimSpace(q) == "" {
				continue
			}
			want := bruteForce(items, ids, q, all)
			if len(want) > 0 {
				nonEmpty++
			}
			total, got := searchAll(t, s, ids, q, search.Filter{})
			slices.Sort(got)
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("%q: total %d, %d ids; brute force %d", q, total, len(got), len(want))
			}
		}
		if nonEmpty < len(queries)/2 {
			t.Errorf("only %d of %d queries match anything: the corpus or the generator is off", nonEmpty, len(queries))
		}
		// filters: the second agency, published in the first 100 days
		from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 5, 12, 0, 0, 0, time.UTC)
		keep := func(i int) bool {
			at := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
			return i%3 == 1 && !at.Before(from) && at.Before(to)
		}
		for _, q := range []string{"低保", "通知", "的", "拆迁 补偿"} {
			want := bruteForce(items, ids, q, keep)
			total, got := searchAll(t, s, ids, q, search.Filter{AgencyIDs: []int64{agencies[1].ID}, From: from, To: to})
			slices.Sort(got)
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("filtered %q: total %d; brute force %d", q, total, len(want))
			}
		}
	})
}

func TestSearchWords(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		items := []searchtest.Item{
			{Doc: search.Doc{Title: "关于调整城乡低保标准的通知", DocNo: "仑民〔2024〕3号", Body: "<p>各街道：</p><p>现将城乡最低生活</p><p>保障标准调整如下。</p>"}},
			{Doc: search.Doc{Title: "征收拆迁补偿安置方案", DocNo: "仑建[2023]12号", Body: "<p>拆迁范围：大碶街道。</p>"}},
			{Doc: search.Doc{Title: "關於實施低保審批的通知", Body: "<p>ＡＢＣ１２３</p>"}},
		}
		ids := loadCorpus(t, s, []agency.Agency{a}, items)
		for _, c := range []struct {
			q    string
			want []int64
		}{
			{"低保", []int64{ids[0], ids[2]}},
			{"拆迁", []int64{ids[1]}},
			{"仑民〔2024〕3号", []int64{ids[0]}},
			{"〔2024〕", []int64{ids[0]}},
			{"仑建[2023]", []int64{ids[1]}},
			{"仑民〔２０２４〕", []int64{ids[0]}},
			{"abc123", []int64{ids[2]}},
			{"ＡＢＣ", []int64{ids[2]}},
			{"实施 审批", []int64{ids[2]}},
			{"生活保障", nil}, // across a paragraph break
			{"低保 拆迁", nil},
			{"低", []int64{ids[0], ids[2]}},
		} {
			total, got := searchAll(t, s, ids, c.q, search.Filter{})
			slices.Sort(got)
			if total != len(c.want) || !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("%q: total %d ids %v; want %v", c.q, total, got, c.want)
			}
		}
		// ranking: both are title hits of equal score, so the newest first
		p, err := search.Search(ctx, s, "低保", search.Filter{}, 1, 10)
		if err != nil || len(p.Items) != 2 || p.Items[0].Snippet.Text("【", "】") != "關於實施【低保】審批的通知" {
			t.Errorf("低保 page %+v, %v", p, err)
		}
		if _, err := search.Search(ctx, s, "  ", search.Filter{}, 1, 10); err == nil {
			t.Error("an empty query was accepted")
		}
		if _, err := search.Search(ctx, s, "低保", search.Filter{}, 1, 1000); err == nil {
			t.Error("per_page 1000 was accepted")
		}
	})
}
