package sqlstore

import (
	"context"

	"github.com/gongkai/gongkai/internal/search"
)

// keepPresent returns the postings of l whose documents meta finds: a
// block may still name a document deleted since it was written
// (migration 00366).
func keepPresent(l search.List, meta func(int64) *search.Meta) search.List {
	k := 0
	for i, id := range l.Docs {
		if meta(id) != nil {
			l.Docs[k], l.W[k] = id, l.W[i]
			k++
		}
	}
	l.Docs, l.W = l.Docs[:k], l.W[:k]
	return l
}

// searchDirect runs a query without the in-memory copy: the lists of its
// terms read (loadKey, with the fresh documents' texts; memLoadTerm) and
// the metadata of the documents in all of them, in the caller's transaction when there is one, so that a
// search inside a transaction sees its uncommitted writes.
func (s *Store) searchDirect(ctx context.Context, q search.Query, f search.Filter, start, n int) (search.Evaluation, error) {
	var e search.Evaluation
	err := s.searchRead(ctx, func(ctx context.Context) error {
		fresh, err := s.freshTexts(ctx)
		if err != nil {
			return err
		}
		have := map[string]search.List{}
		key := func(k string) (search.List, error) {
			if l, ok := have[k]; ok {
				return l, nil
			}
			l, err := s.loadKey(ctx, k, fresh)
			have[k] = l
			return l, err
		}
		lists := make([]*search.List, len(q.Terms))
		for i, t := range q.Terms {
			var l search.List
			var err error
			if search.Exact(t) {
				l, err = key(t)
			} else {
				for _, k := range search.TermKeys(t) {
					if _, err = key(k); err != nil {
						break
					}
				}
				if err == nil {
					l, err = s.memLoadTerm(ctx, t, have)
				}
			}
			if err != nil {
				return err
			}
			lists[i] = &l
		}
		var t search.Table
		agIdx, strIdx := map[int64]int32{}, map[string]int32{}
		metas := map[int64]*search.Meta{}
		ids := intersect(append([]*search.List(nil), lists...))
		for len(ids) > 0 {
			k := min(len(ids), memBatch)
			in, args := idsIn(ids[:k])
			if err := s.readMeta(ctx, &t, agIdx, strIdx, "doc_id IN ("+in+")", args, func(id int64, m search.Meta) {
				metas[id] = &m
			}); err != nil {
				return err
			}
			ids = ids[k:]
		}
		e = q.Evaluate(lists, &t, func() func(int64) *search.Meta {
			return func(id int64) *search.Meta { return metas[id] }
		}, f, start, n)
		return nil
	})
	return e, err
}
