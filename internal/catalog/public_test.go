package catalog_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPublicView: the public sees published 主动公开 items only; a draft,
// a never-published item and an unknown one are the same not-found; a
// correction in progress leaves the live version; a withdrawn item keeps
// its record without body or files.
func TestPublicView(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		doc := w.publish(normative("北仑区司法局行政执法公示办法"))
		interp := normative("《北仑区司法局行政执法公示办法》政策解读")
		interp.DocType, interp.Category, interp.Validity, interp.DocNo = catalog.Interpretation, "rules/policy", "", ""
		docRec, _ := st.Item(ctx, doc)
		interp.Interprets = []string{docRec.IndexNo}
		ip := w.publish(interp)
		draft, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, normative("尚未发布的稿件"))
		w.must(err)

		for _, id := range []int64{draft, 9999} {
			if _, err := w.svc.PublicItemByID(ctx, id); apperr.KindOf(err) != apperr.NotFound {
				t.Errorf("item %d: %v; want not found", id, err)
			}
		}
		if _, err := w.svc.PublicItem(ctx, "nope/2022-00001"); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("unknown index: %v", err)
		}
		pv, err := w.svc.PublicItem(ctx, docRec.IndexNo)
		w.must(err)
		if pv.Version.Content.Body == "" || strings.Contains(pv.Version.Content.Body, "script") || len(pv.InterpretedBy) != 1 ||
			!pv.InterpretedBy[0].Public || pv.InterpretedBy[0].Title != interp.Title {
			t.Errorf("published view: %+v", pv)
		}
		ipv, _ := w.svc.PublicItemByID(ctx, ip)
		if len(ipv.Interprets) != 1 || ipv.Interprets[0].IndexNo != docRec.IndexNo {
			t.Errorf("interpretation links: %+v", ipv.Interprets)
		}

		// a correction in progress: the public still reads version 1
		w.tick(time.Hour)
		w.must(w.svc.Correct(ctx, w.clerk, doc, "错字"))
		c := normative("改过的标题")
		w.must(w.svc.Edit(ctx, w.clerk, doc, c))
		pv, _ = w.svc.PublicItemByID(ctx, doc)
		if pv.Version.Content.Title != "北仑区司法局行政执法公示办法" {
			t.Errorf("during correction the public sees %q", pv.Version.Content.Title)
		}
		if n, _ := w.svc.PublicCount(ctx, catalog.PublicQuery{AgencyIDs: []int64{w.a.ID}}); n != 2 {
			t.Errorf("count during correction = %d; want 2", n)
		}

		// JSON: the public history has no staff logins and no review steps
		ij := pv.JSON(w.a.Name, func(n int) string { return "/f/" + string(rune('0'+n)) })
		b, _ := json.Marshal(ij)
		for _, bad := range []string{`"by"`, `"review"`, `"submit"`, `"correct"`, `"create"`} {
			if strings.Contains(string(b), bad) {
				t.Errorf("public JSON has %s: %s", bad, b)
			}
		}
		if ij.Schema != catalog.Schema || len(ij.InterpretedBy) != 1 || !strings.Contains(string(b), `"action":"sign"`) {
			t.Errorf("public JSON: %s", b)
		}

		// withdrawal
		w.tick(time.Hour)
		w.must(w.svc.Withdraw(ctx, w.head, ip, "解读内容有误"))
		wv, err := w.svc.PublicItemByID(ctx, ip)
		w.must(err)
		if wv.Withdrawal == nil || wv.Withdrawal.Reason != "解读内容有误" || wv.Version.Content.Body != "" ||
			wv.Version.Content.Attachments != nil || !wv.Updated().Equal(w.now) {
			t.Errorf("withdrawn view: %+v", wv)
		}
		pv, _ = w.svc.PublicItemByID(ctx, doc)
		if len(pv.InterpretedBy) != 1 || pv.InterpretedBy[0].Public {
			t.Errorf("a withdrawn 解读 is linked as public: %+v", pv.InterpretedBy)
		}
		if n, _ := w.svc.PublicCount(ctx, catalog.PublicQuery{}); n != 1 {
			t.Errorf("count after withdrawal = %d; want 1", n)
		}
		if n, _ := w.svc.PublicCount(ctx, catalog.PublicQuery{Withdrawn: true}); n != 2 {
			t.Errorf("count with withdrawn = %d; want 2", n)
		}
	})
}

// TestPublicList: the filters and the keyset order agree with a count,
// on both dialects.
func TestPublicList(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		var ids []int64
		for i := range 7 {
			c := normative("规范性文件" + string(rune('A'+i)))
			if i%2 == 1 {
				c.Category, c.DocType, c.Validity = "organ", catalog.Notice, ""
			}
			if i == 6 {
				w.now = time.Date(2023, 1, 5, 2, 0, 0, 0, time.UTC)
			}
			ids = append(ids, w.publish(c))
			if i == 3 {
				// two items first published at the same instant: the id breaks the tie
				w.tick(-3 * time.Hour)
			}
		}
		_, _ = w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, normative("草稿"))
		for _, tc := range []struct {
			name string
			q    catalog.PublicQuery
			want int
		}{
			{"all", catalog.PublicQuery{}, 7},
			{"agency", catalog.PublicQuery{AgencyIDs: []int64{w.a.ID}}, 7},
			{"other agency", catalog.PublicQuery{AgencyIDs: []int64{w.b.ID}}, 0},
			{"column", catalog.PublicQuery{Category: "rules"}, 4},
			{"sub-column", catalog.PublicQuery{Category: "rules/normative"}, 4},
			{"not a prefix", catalog.PublicQuery{Category: "rul"}, 0},
			{"doc type", catalog.PublicQuery{DocType: catalog.Notice}, 3},
			{"validity", catalog.PublicQuery{Validity: catalog.InForce}, 4},
			{"year 2022", catalog.PublicQuery{Year: 2022}, 6},
			{"year 2023", catalog.PublicQuery{Year: 2023}, 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				n, err := w.svc.PublicCount(ctx, tc.q)
				w.must(err)
				if n != tc.want {
					t.Errorf("count = %d; want %d", n, tc.want)
				}
				// walk it two at a time by cursor: every item once, newest first
				var got []catalog.Record
				q := tc.q
				q.Limit = 2
				for {
					page, err := w.svc.PublicList(ctx, q)
					w.must(err)
					got = append(got, page...)
					if len(page) < q.Limit {
						break
					}
					q.After = catalog.CursorOf(page[len(page)-1])
				}
				if len(got) != tc.want {
					t.Fatalf("walked %d; want %d", len(got), tc.want)
				}
				for i := 1; i < len(got); i++ {
					a, b := got[i-1], got[i]
					if a.FirstPublished.Before(b.FirstPublished) || a.FirstPublished.Equal(b.FirstPublished) && a.ID < b.ID {
						t.Errorf("order: %d (%v) before %d (%v)", a.ID, a.FirstPublished, b.ID, b.FirstPublished)
					}
				}
			})
		}
		counts, err := w.svc.PublicCategoryCounts(ctx, []int64{w.a.ID})
		w.must(err)
		if counts["rules/normative"] != 4 || counts["organ"] != 3 {
			t.Errorf("category counts: %v", counts)
		}
		cols, err := w.svc.PublicColumns(ctx, w.b.ID, w.b.Name)
		w.must(err)
		if len(cols) == 0 || cols[0].Path != "organ" {
			t.Errorf("an agency without a catalogue shows the default tree: %v", cols)
		}
		_ = ids
		_ = calendar.Date{}
	})
}
