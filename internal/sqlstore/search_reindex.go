package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
)

// reindexBatch is how many items ReindexSearch rebuilds in one
// transaction: their documents are read in one query, folded and cut into
// postings on every core, and their postings written together sorted by
// key, so each page of the postings' B-tree is written once a batch
// rather than once a row (issue #12: 216 items/s item by item).
const reindexBatch = 4000

// rebuildBatch is how many items a full rebuild indexes in one
// transaction: their postings are written as one block a key (migration
// 00366), so the larger the batch the fewer and fuller the blocks.
const rebuildBatch = 20000

// ReindexSearch rebuilds the search documents of every item and every
// published annual report of the agencies (all agencies when none is
// given), the items reindexBatch a transaction and each report in its own,
// calling progress after each with the count done and the total. The
// index it writes is the one publication writes item by item (indexItem).
func (s *Store) ReindexSearch(ctx context.Context, agencyIDs []int64, progress func(done, total int)) error {
	in, args := "", []any{}
	if len(agencyIDs) > 0 {
		in = " AND agency_id IN (" + placeholders(len(agencyIDs)) + ")"
		for _, a := range agencyIDs {
			args = append(args, a)
		}
	}
	ids, err := s.int64s(ctx, "SELECT id FROM catalog_items WHERE 1 = 1"+in+" ORDER BY id", args...)
	if err != nil {
		return s.mapErr("reindex", err)
	}
	type key struct {
		agency int64
		year   int
	}
	var reports []key
	rows, err := s.query(ctx, "SELECT agency_id, year FROM report_drafts WHERE status = 'published'"+in+" ORDER BY agency_id, year", args...)
	if err != nil {
		return s.mapErr("reindex", err)
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.agency, &k.year); err != nil {
			rows.Close()
			return s.mapErr("reindex", err)
		}
		reports = append(reports, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.mapErr("reindex", err)
	}
	total := len(ids) + len(reports)
	full := len(agencyIDs) == 0
	var firstNew int64 // a full rebuild: every document written gets an id from here on
	if full {
		if firstNew, err = s.nextDocID(ctx); err != nil {
			return s.mapErr("reindex", err)
		}
	}
	size := reindexBatch
	if full {
		size = rebuildBatch
	}
	for start := 0; start < len(ids); start += size {
		batch := ids[start:min(start+size, len(ids))]
		if err := s.InTx(ctx, func(ctx context.Context) error { return s.reindexItems(ctx, batch, full) }); err != nil {
			return err
		}
		if progress != nil {
			progress(start+len(batch), total)
		}
	}
	for i, k := range reports {
		if err := s.InTx(ctx, func(ctx context.Context) error { return s.indexReport(ctx, k.agency, k.year) }); err != nil {
			return err
		}
		if progress != nil {
			progress(len(ids)+i+1, total)
		}
	}
	if full {
		if err := s.dropOldBlocks(ctx, firstNew); err != nil {
			return s.mapErr("reindex: old blocks", err)
		}
		if err := s.pruneSearchChanges(ctx); err != nil {
			return s.mapErr("reindex: prune changes", err)
		}
	}
	if s.d.name == "postgres" && len(agencyIDs) == 0 {
		// the planner's statistics of the postings, and the visibility map
		// that lets a count be an index-only scan, at once rather than at
		// autovacuum's next pass: without statistics the planner estimates
		// every key alike and may read a common one first
		if _, err := s.exec(ctx, "VACUUM (ANALYZE) search_fresh, search_blocks, search_docs"); err != nil {
			return s.mapErr("reindex: analyze", err)
		}
	}
	return nil
}

// placeholders returns n comma-separated "?".
func placeholders(n int) string { return strings.Repeat(", ?", n)[2:] }

// A reindexDoc is an item's search document being rebuilt.
type reindexDoc struct {
	item     int64
	text     search.Doc // title, 文号 and body, read
	row      []any      // search_docs' columns but doc_id
	doc      searchDoc
	postings []search.Posting
}

// reindexItems rebuilds the search documents of items (ascending ids) in
// the caller's transaction, as itemDoc does one at a time: an item that is
// public gets the document of its live version, any other none. An item
// whose live version has attachment files goes through itemDoc itself
// (their extracted texts and jobs, syncAttachments); the others, nearly
// all, are read in one query and written in a few statements. With
// blocks, their postings are written as one block a key (search_blocks)
// and they are no longer fresh; without, they stay fresh (migration
// 00366) for the next merge.
func (s *Store) reindexItems(ctx context.Context, ids []int64, blocks bool) error {
	const op = "reindex"
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	in := "(" + placeholders(len(ids)) + ")"
	if err := s.dropSearchDoc(ctx, "item_id IN "+in, idArgs...); err != nil {
		return s.mapErr(op, err)
	}
	rows, err := s.query(ctx, `SELECT i.id, i.agency_id, i.index_no, i.state, i.live, i.disclosure, i.category, i.doc_type,
		i.validity, i.first_published_at, v.content FROM catalog_items i
		LEFT JOIN catalog_versions v ON v.item_id = i.id AND v.n = i.live WHERE i.id IN `+in+" ORDER BY i.id", idArgs...)
	if err != nil {
		return s.mapErr(op, err)
	}
	var docs []*reindexDoc
	var slow, hidden, bare []any // items for itemDoc; not public; public without files
	for rows.Next() {
		var id, agencyID int64
		var live int
		var index, content *string
		var state, disclosure, category, docType, validity string
		var published time.Time
		if err := rows.Scan(&id, &agencyID, &index, &state, &live, &disclosure, &category, &docType, &validity,
			dbTime{&published}, &content); err != nil {
			rows.Close()
			return s.mapErr(op, err)
		}
		public := live > 0 && state != string(catalog.Withdrawn) && disclosure == string(catalog.Proactive) && index != nil
		switch {
		case !public:
			hidden = append(hidden, id)
			continue
		case content == nil:
			continue // the version is being added (an import writes the row first)
		}
		var c catalog.Content
		if err := json.Unmarshal([]byte(*content), &c); err != nil {
			rows.Close()
			return fmt.Errorf("sqlstore: %s item %d: content: %w", op, id, err)
		}
		if slices.ContainsFunc(c.Attachments, func(a catalog.Attachment) bool { return a.BlobKey != "" }) {
			slow = append(slow, id)
			continue
		}
		bare = append(bare, id)
		d := &reindexDoc{item: id, row: []any{id, agencyID, live, *index, category, docType, validity, s.d.t(published)}}
		d.text = search.Doc{Title: c.Title, DocNo: c.DocNo, Body: c.Body}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.mapErr(op, err)
	}
	if len(hidden) > 0 {
		if _, err := s.exec(ctx, "DELETE FROM search_attachments WHERE item_id IN ("+placeholders(len(hidden))+")", hidden...); err != nil {
			return s.mapErr(op, err)
		}
	}
	if len(bare) > 0 {
		if _, err := s.exec(ctx, `DELETE FROM search_attachments WHERE item_id IN (`+placeholders(len(bare))+`)
			AND version <> (SELECT live FROM catalog_items WHERE id = item_id)`, bare...); err != nil {
			return s.mapErr(op, err)
		}
	}
	foldDocs(docs, blocks)
	if err := s.insertSearchDocs(ctx, docs); err != nil {
		return s.mapErr(op, err)
	}
	for _, id := range slow {
		d, err := s.itemDoc(ctx, id.(int64))
		if err != nil {
			return err
		}
		if d.id != 0 && blocks {
			docs = append(docs, &reindexDoc{item: id.(int64), doc: d, postings: search.Postings(d.folded)})
		}
	}
	if !blocks {
		return nil
	}
	return s.mapErr(op, s.writeDocBlocks(ctx, docs))
}

// foldDocs computes, on every core, each document's paragraphs (the row's
// plain and folded text) from its title, 文号 and body, and with postings
// its postings.
func foldDocs(docs []*reindexDoc, postings bool) {
	eachDoc(docs, func(d *reindexDoc) {
		paras := d.text.Paragraphs()
		d.text = search.Doc{}
		d.doc.folded = search.FoldedText(paras)
		d.row = append(d.row, strings.Join(paras, "\n"), d.doc.folded)
		if postings {
			d.postings = search.Postings(d.doc.folded)
		}
	})
}

// eachDoc calls fn for every document, on every core.
func eachDoc(docs []*reindexDoc, fn func(d *reindexDoc)) {
	var wg sync.WaitGroup
	next := make(chan *reindexDoc)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				fn(d)
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

// docsPerInsert bounds the rows of one multi-row INSERT of search
// documents (10 values each, their texts a few KB).
const docsPerInsert = 200

// insertSearchDocs writes the documents' rows, many a statement, and sets
// their doc_id.
func (s *Store) insertSearchDocs(ctx context.Context, docs []*reindexDoc) error {
	for start := 0; start < len(docs); start += docsPerInsert {
		part := docs[start:min(start+docsPerInsert, len(docs))]
		var args []any
		byItem := make(map[int64]*reindexDoc, len(part))
		for _, d := range part {
			args = append(args, d.row...)
			byItem[d.item] = d
		}
		q := `INSERT INTO search_docs (item_id, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded)
			VALUES ` + strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", len(part))[2:] + " RETURNING doc_id, item_id"
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var doc, item int64
			if err := rows.Scan(&doc, &item); err != nil {
				rows.Close()
				return err
			}
			byItem[item].doc.id = doc
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
