package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// searchRows returns every row of the search tables as text, documents by
// item (doc_id aside, which a rebuild renumbers): what a reindex must
// rebuild exactly as publication wrote it.
func searchRows(t *testing.T, s *sqlstore.Store) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT item_id, agency_id, version, index_no, category, doc_type, validity, CAST(published_at AS TEXT), plain, folded
			FROM search_docs WHERE item_id IS NOT NULL ORDER BY item_id`,
		`SELECT item_id, version, n, state, name, sha256, blob_key, COALESCE(text, ''), '', '' FROM search_attachments ORDER BY item_id, version, n`,
	} {
		rows, err := s.DB().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v [10]any
			ptrs := make([]any, len(v))
			for i := range v {
				ptrs[i] = &v[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(v))
		}
		rows.Close()
	}
	return append(out, itemPostings(t, s)...)
}

// itemPostings returns the postings of the items' documents, in blocks
// or in rows, as "item key weight", sorted.
func itemPostings(t *testing.T, s *sqlstore.Store) []string {
	t.Helper()
	ctx := context.Background()
	items := map[int64]int64{}
	rows, err := s.DB().QueryContext(ctx, "SELECT doc_id, item_id FROM search_docs WHERE item_id IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc, item int64
		if err := rows.Scan(&doc, &item); err != nil {
			t.Fatal(err)
		}
		items[doc] = item
	}
	rows.Close()
	keys, err := s.IndexKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range keys {
		l, err := s.KeyPostings(ctx, k)
		if err != nil {
			t.Fatalf("%q: %v", k, err)
		}
		for i, d := range l.Docs {
			if item, ok := items[d]; ok {
				out = append(out, fmt.Sprintf("%d %s %d", item, k, l.W[i]))
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestReindexSameIndex: a reindex, whole or of one agency, rebuilds the
// very rows publication wrote item by item (documents, postings with
// their weights, attachment jobs), fixes a damaged index, drops what is
// no longer public, and reports its progress up to the total.
func TestReindexSameIndex(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		var agencies []agency.Agency
		for _, n := range []string{"区民政局", "区住建局"} {
			a, err := s.CreateAgency(ctx, agency.Agency{Name: n, CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			agencies = append(agencies, a)
		}
		items := searchtest.Gov(5, 90)
		base := time.Date(2021, 3, 1, 8, 0, 0, 0, time.UTC)
		ids := make([]int64, len(items))
		for i, it := range items {
			a, at := agencies[i%2], base.Add(time.Duration(i)*time.Hour)
			d := catalog.Proactive
			if i%7 == 3 {
				d = catalog.OnRequest // not indexed
			}
			c := catalog.Content{Title: it.Doc.Title, DocNo: it.Doc.DocNo, Body: it.Doc.Body, DocType: catalog.Notice,
				Category: "other", Disclosure: d}
			if i%11 == 5 { // an attachment file: its job, and the item through itemDoc
				c.Attachments = []catalog.Attachment{{Name: "附件.docx", SHA256: strings.Repeat("a", 64), BlobKey: fmt.Sprintf("t/%d", i)}}
			}
			rec := catalog.Record{AgencyID: a.ID, IndexNo: fmt.Sprintf("R%d", i), State: catalog.Published, Live: 1, Shown: c, FirstPublished: at}
			err := s.InTx(ctx, func(ctx context.Context) error {
				id, err := s.CreateItem(ctx, rec, at)
				if err != nil {
					return err
				}
				ids[i] = id
				if err := s.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"}); err != nil {
					return err
				}
				if i%13 == 6 { // withdrawn after publication
					rec.ID, rec.State = id, catalog.Withdrawn
					return s.UpdateItem(ctx, rec, at.Add(time.Minute))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		want := searchRows(t, s)
		if len(want) < 90*50 {
			t.Fatalf("only %d search rows for 90 items", len(want))
		}
		var seen []int
		err := s.ReindexSearch(ctx, nil, func(done, total int) {
			if total != len(items) {
				t.Errorf("progress total %d; want %d", total, len(items))
			}
			seen = append(seen, done)
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) == 0 || seen[len(seen)-1] != len(items) || !slices.IsSorted(seen) {
			t.Errorf("progress %v", seen)
		}
		if got := searchRows(t, s); !slices.Equal(got, want) {
			t.Fatalf("after a reindex: %d rows, %d written by publication; first difference %s", len(got), len(want), firstDiff(got, want))
		}
		// damage: two keys' blocks gone, a document's text changed, a
		// stray document of an item that is not public
		for _, q := range []string{
			"DELETE FROM search_blocks WHERE gram IN ('通', '知')",
			fmt.Sprintf("UPDATE search_docs SET folded = 'x', version = 9 WHERE item_id = %d", ids[2]),
			fmt.Sprintf(`INSERT INTO search_docs (item_id, agency_id, version, index_no, published_at, plain, folded)
				SELECT id, agency_id, 1, 'R3', first_published_at, 'x', 'x' FROM catalog_items WHERE id = %d`, ids[3]),
		} {
			if _, err := s.DB().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range agencies {
			if err := s.ReindexSearch(ctx, []int64{a.ID}, nil); err != nil {
				t.Fatal(err)
			}
		}
		if got := searchRows(t, s); !slices.Equal(got, want) {
			t.Fatalf("after reindexing each agency: %d rows, want %d; first difference %s", len(got), len(want), firstDiff(got, want))
		}
		// the documents those reindexes wrote, fresh, merged into blocks:
		// the same index
		saved := sqlstore.MergeMinDocs
		sqlstore.MergeMinDocs = 25
		defer func() { sqlstore.MergeMinDocs = saved }()
		moved, err := s.MergeSearchPostings(ctx)
		if err != nil || moved == 0 {
			t.Fatalf("merge: %d postings moved, %v", moved, err)
		}
		var left, docs int
		if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM search_fresh").Scan(&left); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&docs); err != nil {
			t.Fatal(err)
		}
		if left >= 25 || left == docs {
			t.Errorf("after the merge %d of %d documents are still fresh; want fewer than 25", left, docs)
		}
		if got := searchRows(t, s); !slices.Equal(got, want) {
			t.Fatalf("after a merge: %d rows, want %d; first difference %s", len(got), len(want), firstDiff(got, want))
		}
	})
}

func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("at %d: got %.200s, want %.200s", i, got[i], want[i])
		}
	}
	return "(one is a prefix of the other)"
}
