package sqlstore

import "context"

// WarmSearch brings the in-memory copy of the search index up to the
// database's generation — on a first call, reading every document's
// filter columns — and returns how many documents it holds. The server
// calls it once at start, in the background, so that the first reader's
// search does not pay the load (3–4 s at 1,000,000 items, issue #12,
// during which other searches wait for the copy).
func (s *Store) WarmSearch(ctx context.Context) (int, error) {
	m := &s.mem
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.off {
		return 0, nil
	}
	if err := s.memRefresh(ctx); err != nil {
		return 0, s.mapErr("search", err)
	}
	return m.docs(), nil
}

// docs counts the documents the copy holds (m.mu held).
func (m *searchMem) docs() int {
	n := 0
	for _, c := range m.chunks {
		for _, p := range c.present {
			if p {
				n++
			}
		}
	}
	return n
}

// TrimSearchChanges deletes the search change log's entries older than
// the newest keep generations and raises its floor to match (migration
// 00365: a copy older than floor reloads everything, so nothing a copy
// needs is lost). Without it the log grows by every publication, kept
// only to be pruned by a full reindex. It returns the entries deleted.
func (s *Store) TrimSearchChanges(ctx context.Context, keep int64) (int64, error) {
	if keep < 1 {
		keep = 1
	}
	var deleted int64
	err := s.InTx(ctx, func(ctx context.Context) error {
		var gen, floor int64
		if err := s.queryRow(ctx, "SELECT gen, floor FROM search_generation WHERE id = 1").Scan(&gen, &floor); err != nil {
			return err
		}
		to := gen - keep
		if to <= floor {
			return nil
		}
		if _, err := s.exec(ctx, "UPDATE search_generation SET floor = ? WHERE id = 1 AND floor < ?", to, to); err != nil {
			return err
		}
		res, err := s.exec(ctx, "DELETE FROM search_changes WHERE gen <= ?", to)
		if err != nil {
			return err
		}
		deleted, _ = res.RowsAffected()
		return nil
	})
	return deleted, s.mapErr("search", err)
}
