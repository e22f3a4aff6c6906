package catalog_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// The search index follows the item in the transaction of each step
// (条例第二十四条, catalog.md §5): found once published, not while a draft,
// the live version while a correction is prepared, the new text once it is
// published, and nothing once withdrawn.
func TestSearchFollowsTheItem(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		total := func(q string) int {
			t.Helper()
			p, err := search.Search(ctx, st, q, search.Filter{}, 1, 10)
			w.must(err)
			return p.Total
		}
		c := normative("关于调整城乡低保标准的通知")
		c.Body = "<p>拆迁安置补偿另行公布。</p>"
		id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, c)
		w.must(err)
		if n := total("低保"); n != 0 {
			t.Errorf("a draft is found %d times", n)
		}
		w.must(w.svc.Submit(ctx, w.clerk, id))
		w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
		w.must(w.svc.Sign(ctx, w.head, id, time.Time{}))
		for _, q := range []string{"低保", "拆迁", "仑司〔2022〕3号", "仑司〔２０２２〕３号", "調整 標準", "低 保 通知"} {
			if n := total(q); n != 1 {
				t.Errorf("published: %q found %d; want 1", q, n)
			}
		}
		p, err := search.Search(ctx, st, "低保", search.Filter{}, 1, 10)
		w.must(err)
		if r := p.Items[0]; r.Title != "关于调整城乡低保标准的通知" || r.Agency != w.a.Name || r.IndexNo != creditCode+"/2022-00001" ||
			r.Snippet.HTML() != "关于调整城乡<mark>低保</mark>标准的通知" {
			t.Errorf("result %+v", r)
		}

		w.must(w.svc.Correct(ctx, w.clerk, id, "更正"))
		c.Body = "<p>征收补偿另行公布。</p>"
		w.must(w.svc.Edit(ctx, w.clerk, id, c))
		if total("拆迁") != 1 || total("征收") != 0 {
			t.Errorf("during the correction the live version is searched: 拆迁 %d 征收 %d", total("拆迁"), total("征收"))
		}
		w.must(w.svc.Submit(ctx, w.clerk, id))
		w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
		w.must(w.svc.Sign(ctx, w.head, id, time.Time{}))
		if total("拆迁") != 0 || total("征收") != 1 {
			t.Errorf("after the correction: 拆迁 %d 征收 %d", total("拆迁"), total("征收"))
		}
		p, err = search.Search(ctx, st, "低保", search.Filter{DocType: string(catalog.Normative), AgencyIDs: []int64{w.a.ID}}, 1, 10)
		w.must(err)
		if p.Total != 1 {
			t.Errorf("filtered by agency and type: %d", p.Total)
		}
		p, err = search.Search(ctx, st, "低保", search.Filter{AgencyIDs: []int64{w.b.ID}}, 1, 10)
		w.must(err)
		if p.Total != 0 {
			t.Errorf("another agency's filter finds %d", p.Total)
		}

		w.must(w.svc.Withdraw(ctx, w.head, id, "撤回"))
		if n := total("低保"); n != 0 {
			t.Errorf("a withdrawn item is found %d times", n)
		}
	})
}
