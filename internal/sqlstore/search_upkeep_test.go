package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestSearchUpkeep: WarmSearch loads every document into the in-memory
// copy; TrimSearchChanges deletes the change log but its newest entries
// and raises the floor, after which a copy from before the trim (another
// process's) reloads and still finds exactly what the SQL path finds,
// new publications included.
func TestSearchUpkeep(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		other := openOther(t, s)
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		items := searchtest.Corpus(41, 60)
		loadCorpus(t, s, []agency.Agency{a}, items[:30])
		n, err := other.WarmSearch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if docs, _ := other.SearchMemSize(); n != 30 || docs != 30 {
			t.Fatalf("warmed %d documents (copy holds %d), want 30", n, docs)
		}
		if n2, err := other.WarmSearch(ctx); err != nil || n2 != 30 {
			t.Fatalf("a second warm: %d, %v", n2, err)
		}
		base := time.Date(2021, 1, 1, 2, 0, 0, 0, time.UTC)
		for i := 30; i < 60; i++ {
			err := s.InTx(ctx, func(ctx context.Context) error {
				_, err := sqlstoretest.Publish(ctx, s, a, items[i], i, base.Add(time.Duration(i)*time.Hour), catalog.Proactive)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		deleted, err := s.TrimSearchChanges(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if deleted < 25 {
			t.Errorf("trim deleted %d entries of 30 publications, want at least 25", deleted)
		}
		if again, err := s.TrimSearchChanges(ctx, 2); err != nil || again != 0 {
			t.Errorf("a second trim with nothing new deleted %d (%v), want 0", again, err)
		}
		for _, q := range []string{"低保", "保", "征收拆迁", "拆迁 补偿", "的 通知"} {
			mem, err := search.Search(ctx, other, q, search.Filter{}, 1, 20)
			if err != nil {
				t.Fatal(err)
			}
			sql := sqlPath(t, other, q, search.Filter{}, 1)
			if mem.Total != sql.Total || !slices.Equal(indexNos(mem), indexNos(sql)) {
				t.Errorf("%q after a trim: in memory %d %v; SQL %d %v", q, mem.Total, indexNos(mem), sql.Total, indexNos(sql))
			}
		}
		if docs, _ := other.SearchMemSize(); docs != 60 {
			t.Errorf("the copy from before the trim holds %d documents after reloading, want 60", docs)
		}
	})
}
