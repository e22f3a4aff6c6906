package sqlstoretest

import (
	"context"
	"fmt"
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
