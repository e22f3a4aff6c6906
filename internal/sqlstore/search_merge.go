package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

// MergeMinDocs is how many documents must have their postings in rows
// (search_postings: those published since the last merge or rebuild)
// before MergeSearchPostings moves them into blocks: each merge adds a
// block to every key the documents hold, so merging few documents at a
// time would leave each key in many small blocks. Below it the rows cost
// little: 20,000 documents' rows are about 1.5 GB on PostgreSQL.
var MergeMinDocs = rebuildBatch

// MergeSearchPostings moves the postings kept in rows into blocks
// (migration 00366), MergeMinDocs documents a transaction, the lowest
// ids first, while at least MergeMinDocs documents have rows. It returns
// how many postings it moved. Searches see the same lists before and
// after: each transaction deletes the rows it writes as blocks.
func (s *Store) MergeSearchPostings(ctx context.Context) (int64, error) {
	var moved int64
	for {
		n, err := s.mergeOnce(ctx)
		if err != nil || n == 0 {
			return moved, s.mapErr("search merge", err)
		}
		moved += n
	}
}

// mergeOnce merges the rows of the MergeMinDocs lowest documents that
// have rows, if there are that many, and returns the postings moved.
func (s *Store) mergeOnce(ctx context.Context) (int64, error) {
	var moved int64
	err := s.InTx(ctx, func(ctx context.Context) error {
		var lo *int64
		if err := s.queryRow(ctx, "SELECT MIN(doc_id) FROM search_postings").Scan(&lo); err != nil || lo == nil {
			return err
		}
		// the ids of the next MergeMinDocs documents from lo on: those with
		// rows among them are merged
		docs, err := s.int64s(ctx, "SELECT doc_id FROM search_docs WHERE doc_id >= ? ORDER BY doc_id LIMIT ?", *lo, MergeMinDocs)
		if err != nil || len(docs) < MergeMinDocs {
			return err
		}
		hi := docs[len(docs)-1]
		rows, err := s.query(ctx, "SELECT gram, doc_id, w FROM search_postings WHERE doc_id >= ? AND doc_id <= ?", *lo, hi)
		if err != nil {
			return err
		}
		byKey := map[string]*search.List{}
		for rows.Next() {
			var gram string
			var id, w int64
			if err := rows.Scan(&gram, &id, &w); err != nil {
				rows.Close()
				return err
			}
			l := byKey[gram]
			if l == nil {
				l = &search.List{}
				byKey[gram] = l
			}
			l.Docs, l.W = append(l.Docs, id), append(l.W, uint8(w))
			moved++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		blocks := make([]blockRow, 0, len(byKey))
		for k, l := range byKey {
			if !l.Sorted() {
				sortList(l)
			}
			blocks = append(blocks, blockRow{gram: k, first: l.Docs[0], n: l.Len(), data: search.AppendBlock(nil, l.Docs, l.W)})
		}
		slices.SortFunc(blocks, func(a, b blockRow) int {
			return cmp.Or(strings.Compare(a.gram, b.gram), cmp.Compare(a.first, b.first))
		})
		if _, err := s.exec(ctx, "DELETE FROM search_postings WHERE doc_id >= ? AND doc_id <= ?", *lo, hi); err != nil {
			return err
		}
		return s.writeBlocks(ctx, blocks)
	})
	return moved, err
}
