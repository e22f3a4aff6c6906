package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
)

var _ search.Store = (*Store)(nil)

// indexItem brings an item's search rows in line with its catalogue row:
// a public item (a live version, not withdrawn, 主动公开) has its live
// version's text and keys; any other has none. It runs in the caller's
// transaction, so an item is findable the moment its publication commits
// and gone the moment its withdrawal does (条例第二十四条, catalog.md §5).
func (s *Store) indexItem(ctx context.Context, id int64) error {
	_, err := s.itemDoc(ctx, id)
	return err
}

// A searchDoc is a search document just written.
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

// dropSearchDoc deletes the search document where cond holds. Its
// postings in blocks stay until the key is merged again or rebuilt:
// readers keep only the ids search_docs holds (migration 00366).
func (s *Store) dropSearchDoc(ctx context.Context, cond string, args ...any) error {
	_, err := s.exec(ctx, "DELETE FROM search_docs WHERE "+cond, args...)
	return err
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
	_, err = s.exec(ctx, `INSERT INTO search_docs (report_year, agency_id, version, index_no, category, published_at, plain, folded)
		VALUES (?, ?, 1, '', ?, ?, ?, ?)`, year, agencyID, search.ReportColumn, s.d.t(rec.PublishedAt),
		strings.Join(paras, "\n"), search.FoldedText(paras))
	return s.mapErr(op, err)
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
