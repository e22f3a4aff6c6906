package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
)

var _ search.Store = (*Store)(nil)

// postingsPerInsert bounds the rows of one multi-row INSERT of postings.
const postingsPerInsert = 400

// indexItem brings an item's search rows in line with its catalogue row:
// a public item (a live version, not withdrawn, 主动公开) has its live
// version's text and keys; any other has none. It runs in the caller's
// transaction, so an item is findable the moment its publication commits
// and gone the moment its withdrawal does (条例第二十四条, catalog.md §5).
func (s *Store) indexItem(ctx context.Context, id int64) error {
	d, err := s.itemDoc(ctx, id)
	if err != nil || d.id == 0 {
		return err
	}
	return s.mapErr(fmt.Sprintf("index item %d", id), s.addPostings(ctx, []searchDoc{d}))
}

// A searchDoc is a search document just written, whose postings are still
// to be written.
type searchDoc struct {
	id     int64
	folded string
}

// itemDoc is indexItem but for the postings: it brings the item's search
// document in line with its catalogue row and returns the document it
// wrote, or none (id 0) when the item has no new text to index.
func (s *Store) itemDoc(ctx context.Context, id int64) (searchDoc, error) {
	op := fmt.Sprintf("index item %d", id)
	var agencyID int64
	var live int
	var index *string
	var state, disclosure, category, docType, validity string
	var published time.Time
	err := s.queryRow(ctx, `SELECT agency_id, index_no, state, live, disclosure, category, doc_type, validity, first_published_at
		FROM catalog_items WHERE id = ?`, id).Scan(&agencyID, &index, &state, &live, &disclosure, &category, &docType, &validity, dbTime{&published})
	if err != nil {
		return searchDoc{}, s.mapErr(op, err)
	}
	public := live > 0 && state != string(catalog.Withdrawn) && disclosure == string(catalog.Proactive) && index != nil
	var have int
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM search_docs WHERE item_id = ?", id).Scan(&have); err != nil {
		return searchDoc{}, s.mapErr(op, err)
	}
	if public && have == live {
		// the same version: only what the filters read may have changed
		_, err := s.exec(ctx, `UPDATE search_docs SET agency_id = ?, index_no = ?, category = ?, doc_type = ?, validity = ?,
			published_at = ? WHERE item_id = ?`, agencyID, *index, category, docType, validity, s.d.t(published), id)
		return searchDoc{}, s.mapErr(op, err)
	}
	if have > 0 {
		if err := s.dropSearchDoc(ctx, "item_id = ?", id); err != nil {
			return searchDoc{}, s.mapErr(op, err)
		}
	}
	if !public {
		_, err := s.exec(ctx, "DELETE FROM search_attachments WHERE item_id = ?", id)
		return searchDoc{}, s.mapErr(op, err)
	}
	var content string
	err = s.queryRow(ctx, "SELECT content FROM catalog_versions WHERE item_id = ? AND n = ?", id, live).Scan(&content)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return searchDoc{}, nil // the version is being added (an import writes the row first)
		}
		return searchDoc{}, s.mapErr(op, err)
	}
	var c catalog.Content
	if err := json.Unmarshal([]byte(content), &c); err != nil {
		return searchDoc{}, fmt.Errorf("sqlstore: %s: content: %w", op, err)
	}
	texts, err := s.syncAttachments(ctx, id, live, c.Attachments)
	if err != nil {
		return searchDoc{}, s.mapErr(op, err)
	}
	paras := search.Doc{Title: c.Title, DocNo: c.DocNo, Body: c.Body, Attachments: texts}.Paragraphs()
	d := searchDoc{folded: search.FoldedText(paras)}
	err = s.queryRow(ctx, `INSERT INTO search_docs (item_id, agency_id, version, index_no, category, doc_type, validity,
		published_at, plain, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING doc_id`, id, agencyID, live, *index, category, docType,
		validity, s.d.t(published), strings.Join(paras, "\n"), d.folded).Scan(&d.id)
	return d, s.mapErr(op, err)
}

// dropSearchDoc deletes the search document where cond holds, and its
// postings.
func (s *Store) dropSearchDoc(ctx context.Context, cond string, args ...any) error {
	if _, err := s.exec(ctx, "DELETE FROM search_postings WHERE doc_id IN (SELECT doc_id FROM search_docs WHERE "+cond+")", args...); err != nil {
		return err
	}
	_, err := s.exec(ctx, "DELETE FROM search_docs WHERE "+cond, args...)
	return err
}

// addPostings writes the keys of documents' folded texts with their
// weights, sorted by key and document: the rows of one key go to one place
// of the postings' B-tree, so a batch of many documents (a reindex) touches
// each page it writes once instead of once a row.
func (s *Store) addPostings(ctx context.Context, docs []searchDoc) error {
	type row struct {
		key string
		doc int64
		w   int
	}
	var rows []row
	for _, d := range docs {
		for _, p := range search.Postings(d.folded) {
			rows = append(rows, row{p.Key, d.id, p.Weight()})
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	insert := func(n int) string {
		return s.d.rebind("INSERT INTO search_postings (gram, doc_id, w) VALUES " + strings.Repeat("(?, ?, ?), ", n-1) + "(?, ?, ?)")
	}
	var full *sql.Stmt // the statement of postingsPerInsert rows, prepared once for a batch
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 3*postingsPerInsert)
	for len(rows) > 0 {
		n := min(len(rows), postingsPerInsert)
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r.key, r.doc, r.w)
		}
		if err := checkText(args); err != nil {
			return err
		}
		var err error
		if full == nil && len(rows) >= 2*postingsPerInsert {
			full, err = s.q(ctx).PrepareContext(ctx, insert(n))
		}
		if full != nil && n == postingsPerInsert && err == nil {
			_, err = full.ExecContext(ctx, args...)
		} else if err == nil {
			_, err = s.q(ctx).ExecContext(ctx, insert(n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// indexReport writes the search document of an agency's published annual
// report (search.ReportDoc), in the caller's transaction: the report is
// findable, in the column 政府信息公开年报, the moment its publication
// commits (条例第二十四条, 第五十条). A report that is not published has
// none.
func (s *Store) indexReport(ctx context.Context, agencyID int64, year int) error {
	op := fmt.Sprintf("index report of agency %d on %d", agencyID, year)
	if err := s.dropSearchDoc(ctx, "agency_id = ? AND report_year = ?", agencyID, year); err != nil {
		return s.mapErr(op, err)
	}
	rec, err := s.ReportRecord(ctx, agencyID, year)
	if err != nil {
		return err
	}
	if rec.Status != annual.Published {
		return nil
	}
	rep, err := rec.Report()
	if err != nil {
		return fmt.Errorf("sqlstore: %s: %w", op, err)
	}
	paras := search.ReportDoc(rep).Paragraphs()
	d := searchDoc{folded: search.FoldedText(paras)}
	err = s.queryRow(ctx, `INSERT INTO search_docs (report_year, agency_id, version, index_no, category, published_at, plain, folded)
		VALUES (?, ?, 1, '', ?, ?, ?, ?) RETURNING doc_id`, year, agencyID, search.ReportColumn, s.d.t(rec.PublishedAt),
		strings.Join(paras, "\n"), d.folded).Scan(&d.id)
	if err != nil {
		return s.mapErr(op, err)
	}
	return s.mapErr(op, s.addPostings(ctx, []searchDoc{d}))
}

// int64s runs a query of one whole-number column and returns its values.
func (s *Store) int64s(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
