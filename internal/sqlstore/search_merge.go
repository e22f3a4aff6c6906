package sqlstore

import (
	"context"

	"github.com/gongkai/gongkai/internal/search"
)

// MergeMinDocs is how many fresh documents (migration 00366: written since
// the last merge or rebuild, their postings cut from their text by every
// reader) there must be before MergeSearchPostings writes their postings
// into blocks: each merge adds a block to every key the documents hold,
// so merging few at a time would leave each key in many small blocks.
// Below it, fresh documents cost the in-memory copy their folded text
// (about 3 KB each) and a substring scan of them when it loads a key.
var MergeMinDocs = 10000

// MergeSearchPostings writes the postings of the fresh documents into
// blocks, MergeMinDocs documents a transaction, the lowest ids first,
// while there are at least MergeMinDocs of them. It returns how many
// postings it wrote. Searches find the same before and after.
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

// mergeOnce merges the MergeMinDocs fresh documents of lowest ids, if
// there are that many, and returns the postings written.
func (s *Store) mergeOnce(ctx context.Context) (int64, error) {
	var moved int64
	err := s.InTx(ctx, func(ctx context.Context) error {
		rows, err := s.query(ctx, `SELECT d.doc_id, d.folded FROM search_fresh f JOIN search_docs d ON d.doc_id = f.doc_id
			ORDER BY f.doc_id LIMIT ?`, MergeMinDocs)
		if err != nil {
			return err
		}
		var docs []*reindexDoc
		for rows.Next() {
			d := &reindexDoc{}
			if err := rows.Scan(&d.doc.id, &d.doc.folded); err != nil {
				rows.Close()
				return err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(docs) < MergeMinDocs {
			return err
		}
		eachDoc(docs, func(d *reindexDoc) { d.postings = search.Postings(d.doc.folded) })
		for _, d := range docs {
			moved += int64(len(d.postings))
		}
		return s.writeDocBlocks(ctx, docs)
	})
	return moved, err
}
