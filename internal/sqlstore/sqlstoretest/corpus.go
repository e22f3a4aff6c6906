package sqlstoretest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// LoadCorpus publishes the items as imports do (the row, then version 1,
// indexed in the same transaction), agency i%len(agencies), first
// published hour i from 2020, 500 items a transaction; it returns the
// items' ids. An item's 索引号 is "X{agency id}/{i}".
func LoadCorpus(t testing.TB, s *sqlstore.Store, agencies []agency.Agency, items []searchtest.Item) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, len(items))
	base := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC)
	const batch = 500
	for start := 0; start < len(items); start += batch {
		err := s.InTx(ctx, func(ctx context.Context) error {
			for i := start; i < min(start+batch, len(items)); i++ {
				id, err := Publish(ctx, s, agencies[i%len(agencies)], items[i], i, base.Add(time.Duration(i)*time.Hour), catalog.Proactive)
				if err != nil {
					return err
				}
				ids[i] = id
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// BulkLoadCorpus writes the items as LoadCorpus does (the same 索引号, agencies
// and publication hours, from the hour first on) but without indexing them
// (BulkWrite), then rebuilds the search index of all items
// (Store.ReindexSearch, which writes the postings of many items at once):
// the fast way to a corpus of a million items. It returns the items' ids
// and how long the writes and the reindex took.
func BulkLoadCorpus(t testing.TB, s *sqlstore.Store, agencies []agency.Agency, items []searchtest.Item, first int) (ids []int64, write, reindex time.Duration) {
	t.Helper()
	t0 := time.Now()
	ids = BulkWrite(t, s, agencies, items, first)
	write = time.Since(t0)
	t0 = time.Now()
	if err := s.ReindexSearch(context.Background(), nil, nil); err != nil {
		t.Fatal(err)
	}
	return ids, write, time.Since(t0)
}

// BulkWrite writes the items as LoadCorpus does (the same 索引号, agencies
// and publication hours, from the hour first on) but without indexing
// them, 2,000 items a transaction, and returns their ids: call it slice by
// slice of a corpus too large to hold, then Store.ReindexSearch once.
func BulkWrite(t testing.TB, s *sqlstore.Store, agencies []agency.Agency, items []searchtest.Item, first int) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, len(items))
	base := time.Date(2020, 1, 1, 2, 0, 0, 0, time.UTC)
	const batch = 2000
	for start := 0; start < len(items); start += batch {
		err := s.InTx(ctx, func(ctx context.Context) error {
			for i := start; i < min(start+batch, len(items)); i++ {
				a, it, at := agencies[(first+i)%len(agencies)], items[i], base.Add(time.Duration(first+i)*time.Hour)
				c := catalog.Content{Title: it.Doc.Title, DocNo: it.Doc.DocNo, Body: it.Doc.Body, DocType: catalog.Notice,
					Category: "other", Disclosure: catalog.Proactive}
				// not live yet, so adding its version does not index it
				rec := catalog.Record{AgencyID: a.ID, IndexNo: fmt.Sprintf("X%d/%d", a.ID, first+i), State: catalog.Published, Shown: c}
				id, err := s.CreateItem(ctx, rec, at)
				if err != nil {
					return err
				}
				ids[i] = id
				if err := s.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// then live, in one statement of its own (the store has no bulk write)
		q := `UPDATE catalog_items SET live = 1, first_published_at =
			(SELECT v.published_at FROM catalog_versions v WHERE v.item_id = catalog_items.id AND v.n = 1)
			WHERE live = 0 AND id BETWEEN ? AND ?`
		if s.Dialect() == "postgres" {
			q = strings.Replace(strings.Replace(q, "?", "$1", 1), "?", "$2", 1)
		}
		if _, err := s.DB().ExecContext(ctx, q, ids[start], ids[min(start+batch, len(items))-1]); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// Publish writes one generated item as published at at, with the
// disclosure given (only 主动公开 items are indexed), and returns its id.
func Publish(ctx context.Context, s *sqlstore.Store, a agency.Agency, it searchtest.Item, i int, at time.Time, disclosure catalog.Disclosure) (int64, error) {
	c := catalog.Content{Title: it.Doc.Title, DocNo: it.Doc.DocNo, Body: it.Doc.Body, DocType: catalog.Notice,
		Category: "other", Disclosure: disclosure}
	rec := catalog.Record{AgencyID: a.ID, IndexNo: fmt.Sprintf("X%d/%d", a.ID, i), State: catalog.Published, Live: 1,
		Shown: c, FirstPublished: at}
	id, err := s.CreateItem(ctx, rec, at)
	if err != nil {
		return 0, err
	}
	return id, s.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"})
}

// PublishCost publishes k more items (items from the hour 2030-01-01 on,
// 索引号 from first on), one transaction each, first as 依申请公开 (the same
// writes, not indexed) and then as 主动公开 (indexed in the transaction),
// and returns the mean time of one publication of each kind. Run it last:
// its items change the totals.
func PublishCost(t testing.TB, s *sqlstore.Store, a agency.Agency, items []searchtest.Item, first, k int) (with, without time.Duration) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	each := func(d catalog.Disclosure, off int) time.Duration {
		t0 := time.Now()
		for i := range k {
			err := s.InTx(ctx, func(ctx context.Context) error {
				_, err := Publish(ctx, s, a, items[i%len(items)], first+off+i, at, d)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(t0) / time.Duration(k)
	}
	without = each(catalog.OnRequest, 0)
	return each(catalog.Proactive, k), without
}

// IndexSize returns the bytes on disk of the search postings (the blocks
// and the list of fresh documents, with their indexes), and of the search documents (with
// theirs): SQLite's dbstat, PostgreSQL's pg_total_relation_size.
func IndexSize(t testing.TB, s *sqlstore.Store) (postings, docs int64) {
	t.Helper()
	ctx := context.Background()
	if s.Dialect() == "postgres" {
		err := s.DB().QueryRowContext(ctx, `SELECT pg_total_relation_size('search_blocks') + pg_total_relation_size('search_fresh'),
			pg_total_relation_size('search_docs')`).Scan(&postings, &docs)
		if err != nil {
			t.Fatal(err)
		}
		return postings, docs
	}
	size := func(table string) int64 {
		var n int64
		err := s.DB().QueryRowContext(ctx, `SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN
			(SELECT name FROM sqlite_schema WHERE tbl_name = ?)`, table).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return size("search_blocks") + size("search_fresh"), size("search_docs")
}
