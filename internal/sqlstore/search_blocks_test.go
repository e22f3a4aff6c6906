package sqlstore_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestSearchDocIDsNotReused: a document whose postings went into a block
// and that is then withdrawn leaves its id in the block; when it had the
// highest id, the next document must not get that id (migration 00366),
// else the stale postings would match it.
func TestSearchDocIDsNotReused(t *testing.T) {
	saved := sqlstore.MergeMinDocs
	sqlstore.MergeMinDocs = 1
	defer func() { sqlstore.MergeMinDocs = saved }()
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		publish := func(i int, title string) int64 {
			t.Helper()
			var id int64
			err := s.InTx(ctx, func(ctx context.Context) error {
				var err error
				id, err = sqlstoretest.Publish(ctx, s, a, searchtest.Item{Doc: search.Doc{Title: title, Body: "<p>请遵照执行。</p>"}}, i, testNow, catalog.Proactive)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		publish(0, "关于低保标准的通知")
		last := publish(1, "关于独角兽企业的通知")
		if moved, err := s.MergeSearchPostings(ctx); err != nil || moved == 0 {
			t.Fatalf("merge: %d, %v", moved, err)
		}
		rec, err := s.Item(ctx, last)
		if err != nil {
			t.Fatal(err)
		}
		rec.State = catalog.Withdrawn
		if err := s.UpdateItem(ctx, rec, testNow); err != nil {
			t.Fatal(err)
		}
		publish(2, "关于秸秆禁烧的通告")
		for q, want := range map[string]int{"独角兽": 0, "秸秆": 1, "通知": 1, "低保": 1} {
			p, err := search.Search(ctx, s, q, search.Filter{}, 1, 20)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != want || len(p.Items) != want {
				t.Errorf("%q: %d found (%d shown); want %d", q, p.Total, len(p.Items), want)
			}
		}
	})
}
