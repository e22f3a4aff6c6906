package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

// A blockRow is one row of search_blocks (migration 00366).
type blockRow struct {
	gram  string
	first int64 // the block's first (lowest) document id
	n     int
	data  []byte // search.AppendBlock
}

// loadKey returns a key's postings: those in its blocks, read by one
// statement, and those of the fresh documents (migration 00366), whose
// folded texts fresh holds, in increasing id order. Ids of documents
// deleted since their block was written are still there (the caller
// keeps the ids search_docs holds); a document merged into blocks since
// fresh was read is there once.
func (s *Store) loadKey(ctx context.Context, key string, fresh map[int64]string) (search.List, error) {
	rows, err := s.query(ctx, "SELECT first_doc, data FROM search_blocks WHERE gram = ?", key)
	if err != nil {
		return search.List{}, err
	}
	defer rows.Close()
	type block struct {
		first int64
		data  []byte
	}
	var blocks []block
	for rows.Next() {
		var b block
		if err := rows.Scan(&b.first, &b.data); err != nil {
			return search.List{}, err
		}
		blocks = append(blocks, b)
	}
	if err := rows.Err(); err != nil {
		return search.List{}, err
	}
	slices.SortFunc(blocks, func(a, b block) int { return cmp.Compare(a.first, b.first) })
	var l search.List
	for _, b := range blocks {
		if err := search.DecodeBlock(b.data, &l); err != nil {
			return search.List{}, fmt.Errorf("block of %q from %d: %w", key, b.first, err)
		}
	}
	if !l.Sorted() { // blocks whose ranges interleave (merges of late commits)
		sortList(&l)
	}
	return search.Merge(l, freshList(key, fresh)), nil
}

// freshList returns the documents of texts (folded, by id) that hold
// term, in increasing id order, each with the term's weight
// (search.TermWeight: for a key, the weight search.Postings gives it).
func freshList(term string, texts map[int64]string) search.List {
	var ids []int64
	for id, f := range texts {
		if strings.Contains(f, term) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	l := search.List{Docs: ids, W: make([]uint8, len(ids))}
	for i, id := range ids {
		w, _ := search.TermWeight(texts[id], term)
		l.W[i] = uint8(w)
	}
	return l
}

// freshTexts returns the folded texts of the fresh documents, by id.
func (s *Store) freshTexts(ctx context.Context) (map[int64]string, error) {
	rows, err := s.query(ctx, "SELECT d.doc_id, d.folded FROM search_fresh f JOIN search_docs d ON d.doc_id = f.doc_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
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

// sortList sorts a list's postings by id.
func sortList(l *search.List) {
	idx := make([]int, l.Len())
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(l.Docs[a], l.Docs[b]) })
	docs, ws := make([]int64, len(idx)), make([]uint8, len(idx))
	for i, j := range idx {
		docs[i], ws[i] = l.Docs[j], l.W[j]
	}
	l.Docs, l.W = docs, ws
}

// blockBytesPerInsert bounds the bytes of blocks one statement writes.
const blockBytesPerInsert = 8 << 20

// blocksPerInsert bounds the rows one statement writes on SQLite (4
// values each, within its 32,766 variables).
const blocksPerInsert = 2000

// writeBlocks inserts blocks, many a statement: multi-row INSERTs on
// SQLite, arrays unnested by the server on PostgreSQL.
func (s *Store) writeBlocks(ctx context.Context, blocks []blockRow) error {
	for len(blocks) > 0 {
		k, size := 0, 0
		for k < len(blocks) && k < blocksPerInsert && (k == 0 || size+len(blocks[k].data) <= blockBytesPerInsert) {
			size += len(blocks[k].data)
			k++
		}
		part := blocks[:k]
		blocks = blocks[k:]
		if s.d.name == "postgres" {
			grams, firsts, ns, datas := make([]string, k), make([]int64, k), make([]int32, k), make([][]byte, k)
			for i, b := range part {
				grams[i], firsts[i], ns[i], datas[i] = b.gram, b.first, int32(b.n), b.data
			}
			if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO search_blocks (gram, first_doc, n, data)
				SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::bytea[])`, grams, firsts, ns, datas); err != nil {
				return err
			}
			continue
		}
		args := make([]any, 0, 4*k)
		for _, b := range part {
			args = append(args, b.gram, b.first, b.n, b.data)
		}
		// OR ROLLBACK: no statement journal (see insertPostings)
		if _, err := s.exec(ctx, "INSERT OR ROLLBACK INTO search_blocks (gram, first_doc, n, data) VALUES "+
			strings.Repeat(", (?, ?, ?, ?)", k)[2:], args...); err != nil {
			return err
		}
	}
	return nil
}

// writeDocBlocks writes the postings of documents (each with its id) as
// one block a key, and the documents are no longer fresh.
func (s *Store) writeDocBlocks(ctx context.Context, docs []*reindexDoc) error {
	slices.SortFunc(docs, func(a, b *reindexDoc) int { return cmp.Compare(a.doc.id, b.doc.id) })
	type keyList struct {
		key string
		l   search.List
	}
	byKey := map[uint64]*keyList{} // by search.Posting.Code: a number hashes faster than a string
	for _, d := range docs {
		for _, p := range d.postings {
			kl := byKey[p.Code]
			if kl == nil {
				kl = &keyList{key: p.Key}
				byKey[p.Code] = kl
			}
			kl.l.Docs, kl.l.W = append(kl.l.Docs, d.doc.id), append(kl.l.W, uint8(p.Weight()))
		}
		d.postings = nil
	}
	rows := make([]blockRow, 0, len(byKey))
	for _, kl := range byKey {
		rows = append(rows, blockRow{gram: kl.key, first: kl.l.Docs[0], n: kl.l.Len(), data: search.AppendBlock(nil, kl.l.Docs, kl.l.W)})
	}
	slices.SortFunc(rows, func(a, b blockRow) int { return strings.Compare(a.gram, b.gram) })
	if err := s.writeBlocks(ctx, rows); err != nil {
		return err
	}
	for start := 0; start < len(docs); start += memBatch {
		part := docs[start:min(start+memBatch, len(docs))]
		ids := make([]int64, len(part))
		for i, d := range part {
			ids[i] = d.doc.id
		}
		in, args := idsIn(ids)
		if _, err := s.exec(ctx, "DELETE FROM search_fresh WHERE doc_id IN ("+in+")", args...); err != nil {
			return err
		}
	}
	return nil
}

// nextDocID returns an id at or below that of every search document
// written from now on and above that of every one there is: ids are
// never given twice (migration 00366).
func (s *Store) nextDocID(ctx context.Context) (int64, error) {
	var max int64
	err := s.queryRow(ctx, "SELECT COALESCE(MAX(doc_id), 0) FROM search_docs").Scan(&max)
	return max + 1, err
}

// dropOldBlocks deletes, after a full rebuild that gave every document an
// id from firstNew on, the blocks written before it: those starting below
// firstNew. A block that starts below it but also names later documents
// (a merge that ran during the rebuild) is written again with those
// only.
func (s *Store) dropOldBlocks(ctx context.Context, firstNew int64) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		rows, err := s.query(ctx, "SELECT gram, data FROM search_blocks WHERE first_doc < ?", firstNew)
		if err != nil {
			return err
		}
		var keep []blockRow
		for rows.Next() {
			var gram string
			var data []byte
			if err := rows.Scan(&gram, &data); err != nil {
				rows.Close()
				return err
			}
			var l search.List
			if err := search.DecodeBlock(data, &l); err != nil {
				rows.Close()
				return fmt.Errorf("block of %q: %w", gram, err)
			}
			i, _ := slices.BinarySearch(l.Docs, firstNew)
			if i < l.Len() {
				keep = append(keep, blockRow{gram: gram, first: l.Docs[i], n: l.Len() - i, data: search.AppendBlock(nil, l.Docs[i:], l.W[i:])})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := s.exec(ctx, "DELETE FROM search_blocks WHERE first_doc < ?", firstNew); err != nil {
			return err
		}
		return s.writeBlocks(ctx, keep)
	})
}
