package sqlstore

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/search"
)

// memReadMeta reads the metadata of the documents where cond holds (all
// with ""), marking them present.
func (s *Store) memReadMeta(ctx context.Context, cond string, args []any) error {
	m := &s.mem
	return s.readMeta(ctx, &m.tab, m.agIdx, m.strIdx, cond, args, func(id int64, meta search.Meta) {
		c := m.chunks[id>>memChunkBits]
		if c == nil {
			c = &memChunk{}
			m.chunks[id>>memChunkBits] = c
		}
		i := id & (1<<memChunkBits - 1)
		c.meta[i] = meta
		c.present[i] = true
	})
}

// readMeta reads the metadata of the documents where cond holds (all
// with ""), in increasing id order, interning their values in t.
func (s *Store) readMeta(ctx context.Context, t *search.Table, agIdx map[int64]int32, strIdx map[string]int32,
	cond string, args []any, fn func(id int64, m search.Meta)) error {
	from := " FROM search_docs"
	if s.d.name == "sqlite" {
		from += " INDEXED BY search_docs_meta"
	}
	if cond != "" {
		from += " WHERE " + cond
	}
	rows, err := s.query(ctx, "SELECT doc_id, agency_id, category, doc_type, validity, published_at"+from+" ORDER BY doc_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, agency int64
		var category, docType, validity string
		var published time.Time
		if err := rows.Scan(&id, &agency, &category, &docType, &validity, dbTime{&published}); err != nil {
			return err
		}
		fn(id, t.MetaOf(agency, category, docType, validity, published, agIdx, strIdx))
	}
	return rows.Err()
}

// memLoadTerm finds a long term's matches: the documents in the lists
// of every key of the term (TermKeys, given in have), each verified by
// substring on its folded text and weighted (TermWeight).
func (s *Store) memLoadTerm(ctx context.Context, term string, have map[string]search.List) (l search.List, err error) {
	var keys []*search.List
	for _, k := range search.TermKeys(term) {
		kl := have[k]
		keys = append(keys, &kl)
	}
	cands := intersect(keys)
	for len(cands) > 0 {
		k := min(len(cands), memBatch)
		texts, err := s.memFolded(ctx, cands[:k])
		if err != nil {
			return l, err
		}
		for _, id := range cands[:k] {
			if w, ok := search.TermWeight(texts[id], term); ok {
				l.Docs, l.W = append(l.Docs, id), append(l.W, uint8(w))
			}
		}
		cands = cands[k:]
	}
	return l, nil
}

// memFolded reads the folded texts of documents.
func (s *Store) memFolded(ctx context.Context, ids []int64) (map[int64]string, error) {
	in, args := idsIn(ids)
	rows, err := s.query(ctx, "SELECT doc_id, folded FROM search_docs WHERE doc_id IN ("+in+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var f string
		if err := rows.Scan(&id, &f); err != nil {
			return nil, err
		}
		out[id] = f
	}
	return out, rows.Err()
}

// idsIn returns the placeholders and arguments of an IN list of ids.
func idsIn(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.Repeat(", ?", len(ids))[2:], args
}

// intersect returns the ids in every list, in increasing order.
func intersect(ls []*search.List) []int64 {
	if len(ls) == 0 {
		return nil
	}
	slices.SortFunc(ls, func(a, b *search.List) int { return a.Len() - b.Len() })
	out := slices.Clone(ls[0].Docs)
	for _, l := range ls[1:] {
		k, j := 0, 0
		for _, d := range out {
			for j < l.Len() && l.Docs[j] < d {
				j++
			}
			if j < l.Len() && l.Docs[j] == d {
				out[k] = d
				k++
			}
		}
		out = out[:k]
	}
	return out
}

// memApply re-reads changed documents (m.mu held): their metadata (none
// when gone), their postings of the keys held and their weights of the
// terms held.
func (s *Store) memApply(ctx context.Context, ids []int64) error {
	m := &s.mem
	for _, id := range ids {
		if c := m.chunks[id>>memChunkBits]; c != nil {
			c.present[id&(1<<memChunkBits-1)] = false
		}
	}
	in, args := idsIn(ids)
	if err := s.memReadMeta(ctx, "doc_id IN ("+in+")", args); err != nil {
		return err
	}
	// what each list should hold of the changed documents: their keys'
	// postings and their terms' weights, from their folded texts (a
	// document gone has none)
	texts, err := s.memFolded(ctx, ids)
	if err != nil {
		return err
	}
	fresh, err := s.int64s(ctx, "SELECT doc_id FROM search_fresh WHERE doc_id IN ("+in+")", args...)
	if err != nil {
		return err
	}
	m.fresh = maps.Clone(m.fresh)
	if m.fresh == nil {
		m.fresh = map[int64]string{}
	}
	for _, id := range ids {
		delete(m.fresh, id)
	}
	for _, id := range fresh {
		if f, ok := texts[id]; ok {
			m.fresh[id] = f
		}
	}
	want := map[string]map[int64]uint8{}
	add := func(name string, id int64, w int) {
		if want[name] == nil {
			want[name] = map[int64]uint8{}
		}
		want[name][id] = uint8(w)
	}
	var terms []string
	for name := range m.lists {
		if name[0] == 't' {
			terms = append(terms, name[1:])
		}
	}
	for id, f := range texts {
		for _, p := range search.Postings(f) {
			if m.lists["k"+p.Key] != nil {
				add("k"+p.Key, id, p.Weight())
			}
		}
		for _, t := range terms {
			if w, ok := search.TermWeight(f, t); ok {
				add("t"+t, id, w)
			}
		}
	}
	for name, l := range m.lists {
		m.entries -= listCost(&l.l)
		for _, id := range ids {
			w, in := want[name][id]
			i, found := slices.BinarySearch(l.l.Docs, id)
			switch {
			case found && in:
				l.l.W[i] = w
			case found:
				l.l.Docs, l.l.W = slices.Delete(l.l.Docs, i, i+1), slices.Delete(l.l.W, i, i+1)
			case in:
				l.l.Docs, l.l.W = slices.Insert(l.l.Docs, i, id), slices.Insert(l.l.W, i, w)
			}
		}
		m.entries += listCost(&l.l)
	}
	return nil
}

// pruneSearchChanges empties the change log after a full reindex: every
// document was written again under a new id, so an in-memory copy from
// before reloads everything anyway (its generation is below floor).
func (s *Store) pruneSearchChanges(ctx context.Context) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, "UPDATE search_generation SET floor = gen WHERE id = 1"); err != nil {
			return err
		}
		_, err := s.exec(ctx, "DELETE FROM search_changes WHERE gen <= (SELECT floor FROM search_generation WHERE id = 1)")
		return err
	})
}
