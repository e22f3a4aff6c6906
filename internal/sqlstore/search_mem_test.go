package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// sqlPath runs a search inside a transaction, where the store reads the
// lists in the transaction instead of its in-memory copy.
func sqlPath(t *testing.T, s *sqlstore.Store, q string, f search.Filter, page int) search.Page {
	t.Helper()
	var p search.Page
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		var err error
		p, err = search.Search(ctx, s, q, f, page, 20)
		return err
	})
	if err != nil {
		t.Fatalf("%q in a transaction: %v", q, err)
	}
	return p
}

// indexNos is the 索引号 of a page's results, in order.
func indexNos(p search.Page) []string {
	var out []string
	for _, r := range p.Items {
		out = append(out, r.IndexNo)
	}
	return out
}

// openOther opens a second store on s's database, as another process
// would, closed when the test ends.
func openOther(t *testing.T, s *sqlstore.Store) *sqlstore.Store {
	t.Helper()
	open := sqlstore.OpenPostgres
	if s.Dialect() == "sqlite" {
		open = sqlstore.OpenSQLite
	}
	other, err := open(context.Background(), s.Where())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// TestSearchMemFollowsWrites: the in-memory copy of the index follows
// publications and withdrawals committed through this store and through
// another store on the same database (another process), ignores a
// rolled-back write, and gives, for random queries and filters, the
// brute-force matches and the same page, order, total and facets as a
// search inside a transaction. Between rounds the postings are merged
// into blocks (so that later withdrawals leave stale ids in blocks), and
// last the index is rebuilt and written to again.
func TestSearchMemFollowsWrites(t *testing.T) {
	saved := sqlstore.MergeMinDocs
	sqlstore.MergeMinDocs = 15
	defer func() { sqlstore.MergeMinDocs = saved }()
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		other := openOther(t, s)
		var agencies []agency.Agency
		for _, name := range []string{"区民政局", "区住建局"} {
			a, err := s.CreateAgency(ctx, agency.Agency{Name: name, CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			agencies = append(agencies, a)
		}
		items := searchtest.Corpus(21, 180)
		ids := loadCorpus(t, s, agencies, items[:80])
		ids = append(ids, make([]int64, 100)...)
		live := map[int]bool{}
		for i := range 80 {
			live[i] = true
		}
		r := rand.New(rand.NewPCG(3, 5))
		base := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC)
		check := func(round int) {
			t.Helper()
			queries := []string{"低保", "保", "征收拆迁", "拆迁 补偿 货币", "仑民〔2021〕", "的 通知", "最低生活保障"}
			for range 12 {
				queries = append(queries, randomQuery(r, items))
			}
			filters := []search.Filter{{}, {AgencyIDs: []int64{agencies[1].ID}}, {From: base.Add(40 * time.Hour), To: base.Add(120 * time.Hour)}}
			for _, q := range queries {
				if strings.TrimSpace(q) == "" {
					continue
				}
				for fi, f := range filters {
					keep := func(i int) bool {
						at := base.Add(time.Duration(i) * time.Hour)
						return live[i] && (fi != 1 || i%2 == 1) && (fi != 2 || (!at.Before(f.From) && at.Before(f.To)))
					}
					want := bruteForce(items, ids, q, keep)
					for _, st := range []*sqlstore.Store{s, other} {
						total, got := searchAll(t, st, ids, q, f)
						slices.Sort(got)
						if total != len(want) || !slices.Equal(got, want) {
							t.Errorf("round %d %q filter %d: total %d (%d ids); brute force %d", round, q, fi, total, len(got), len(want))
						}
						mem, err := search.Search(ctx, st, q, f, 2, 20)
						if err != nil {
							t.Fatal(err)
						}
						sql := sqlPath(t, st, q, f, 2)
						if mem.Total != sql.Total || !slices.Equal(indexNos(mem), indexNos(sql)) || mem.RankedAmong != sql.RankedAmong ||
							!maps.Equal(mem.Facets.Agencies, sql.Facets.Agencies) || !maps.Equal(mem.Facets.Columns, sql.Facets.Columns) ||
							!maps.Equal(mem.Facets.Years, sql.Facets.Years) {
							t.Errorf("round %d %q filter %d: in memory %d %v %+v; SQL %d %v %+v", round, q, fi,
								mem.Total, indexNos(mem), mem.Facets, sql.Total, indexNos(sql), sql.Facets)
						}
					}
				}
			}
		}
		next := 80
		write := func(round int) {
			t.Helper()
			// publish through the other store, withdraw through this one
			for range 20 {
				i := next
				next++
				err := other.InTx(ctx, func(ctx context.Context) error {
					var err error
					ids[i], err = sqlstoretest.Publish(ctx, other, agencies[i%2], items[i], i, base.Add(time.Duration(i)*time.Hour), catalog.Proactive)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				live[i] = true
			}
			for range 6 {
				i := r.IntN(next)
				if !live[i] {
					continue
				}
				rec, err := s.Item(ctx, ids[i])
				if err != nil {
					t.Fatal(err)
				}
				rec.State = catalog.Withdrawn
				if err := s.UpdateItem(ctx, rec, testNow); err != nil {
					t.Fatal(err)
				}
				live[i] = false
			}
			if round%2 == 0 {
				if _, err := other.MergeSearchPostings(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
		for round := range 4 {
			check(round)
			write(round)
		}
		check(4)
		// a rolled-back publication is never found; inside its
		// transaction it is
		rollback := errors.New("roll back")
		err := s.InTx(ctx, func(ctx context.Context) error {
			it := searchtest.Item{Doc: search.Doc{Title: "关于独角兽企业培育的通知", Body: "<p>独角兽</p>"}}
			if _, err := sqlstoretest.Publish(ctx, s, agencies[0], it, 9999, testNow, catalog.Proactive); err != nil {
				return err
			}
			if p, err := search.Search(ctx, s, "独角兽", search.Filter{}, 1, 20); err != nil || p.Total != 1 {
				return fmt.Errorf("inside the transaction: %d, %v", p.Total, err)
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatal(err)
		}
		for _, st := range []*sqlstore.Store{s, other} {
			if p, err := search.Search(ctx, st, "独角兽", search.Filter{}, 1, 20); err != nil || p.Total != 0 {
				t.Errorf("a rolled-back item is found: %d, %v", p.Total, err)
			}
		}
		// a full reindex renumbers every document: the copies reload
		if err := s.ReindexSearch(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		check(5)
		// withdrawals from the rebuilt blocks, publications after them
		write(6)
		check(6)
	})
}

// TestSearchMemConcurrent: searches running while items are published
// and withdrawn (run it with -race) end, once the writes are done, with
// the brute-force matches.
func TestSearchMemConcurrent(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		items := searchtest.Corpus(31, 90)
		ids := loadCorpus(t, s, []agency.Agency{a}, items[:30])
		ids = append(ids, make([]int64, 60)...)
		queries := []string{"低保", "征收拆迁", "保 通知", "最低生活保障", "拆迁 补偿"}
		done := make(chan struct{})
		errs := make(chan error, 4)
		for g := range 3 {
			go func() {
				for i := 0; ; i++ {
					select {
					case <-done:
						errs <- nil
						return
					default:
					}
					if _, err := search.Search(ctx, s, queries[(g+i)%len(queries)], search.Filter{}, 1, 20); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		base := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC)
		live := map[int]bool{}
		for i := range 30 {
			live[i] = true
		}
		for i := 30; i < 90; i++ {
			err := s.InTx(ctx, func(ctx context.Context) error {
				var err error
				ids[i], err = sqlstoretest.Publish(ctx, s, a, items[i], i, base.Add(time.Duration(i)*time.Hour), catalog.Proactive)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			live[i] = true
			if i%4 == 0 {
				rec, err := s.Item(ctx, ids[i-20])
				if err != nil {
					t.Fatal(err)
				}
				rec.State = catalog.Withdrawn
				if err := s.UpdateItem(ctx, rec, testNow); err != nil {
					t.Fatal(err)
				}
				live[i-20] = false
			}
		}
		close(done)
		for range 3 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range queries {
			want := bruteForce(items, ids, q, func(i int) bool { return live[i] })
			total, got := searchAll(t, s, ids, q, search.Filter{})
			slices.Sort(got)
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("%q: total %d; brute force %d", q, total, len(want))
			}
		}
	})
}
