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

// postingsPerInsert bounds the rows of one multi-row INSERT of postings.
const postingsPerInsert = 400

// indexItem brings an item's search rows in line with its catalogue row:
// a public item (a live version, not withdrawn, 主动公开) has its live
// version's text and keys; any other has none. It runs in the caller's
// transaction, so an item is findable the moment its publication commits
// and gone the moment its withdrawal does (条例第二十四条, catalog.md §5).
func (s *Store) indexItem(ctx context.Context, id int64) error {
	op := fmt.Sprintf("index item %d", id)
	var agencyID int64
	var live int
	var index *string
	var state, disclosure, category, docType, validity string
	var published time.Time
	err := s.queryRow(ctx, `SELECT agency_id, index_no, state, live, disclosure, category, doc_type, validity, first_published_at
		FROM catalog_items WHERE id = ?`, id).Scan(&agencyID, &index, &state, &live, &disclosure, &category, &docType, &validity, dbTime{&published})
	if err != nil {
		return s.mapErr(op, err)
	}
	public := live > 0 && state != string(catalog.Withdrawn) && disclosure == string(catalog.Proactive) && index != nil
	var have int
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM search_docs WHERE item_id = ?", id).Scan(&have); err != nil {
		return s.mapErr(op, err)
	}
	if public && have == live {
		// the same version: only what the filters read may have changed
		_, err := s.exec(ctx, `UPDATE search_docs SET agency_id = ?, index_no = ?, category = ?, doc_type = ?, validity = ?,
			published_at = ? WHERE item_id = ?`, agencyID, *index, category, docType, validity, s.d.t(published), id)
		return s.mapErr(op, err)
	}
	if have > 0 {
		if err := s.dropSearchDoc(ctx, "item_id = ?", id); err != nil {
			return s.mapErr(op, err)
		}
	}
	if !public {
		_, err := s.exec(ctx, "DELETE FROM search_attachments WHERE item_id = ?", id)
		return s.mapErr(op, err)
	}
	var content string
	err = s.queryRow(ctx, "SELECT content FROM catalog_versions WHERE item_id = ? AND n = ?", id, live).Scan(&content)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the version is being added (an import writes the row first)
		}
		return s.mapErr(op, err)
	}
	var c catalog.Content
	if err := json.Unmarshal([]byte(content), &c); err != nil {
		return fmt.Errorf("sqlstore: %s: content: %w", op, err)
	}
	texts, err := s.syncAttachments(ctx, id, live, c.Attachments)
	if err != nil {
		return s.mapErr(op, err)
	}
	paras := search.Doc{Title: c.Title, DocNo: c.DocNo, Body: c.Body, Attachments: texts}.Paragraphs()
	folded := search.FoldedText(paras)
	var docID int64
	err = s.queryRow(ctx, `INSERT INTO search_docs (item_id, agency_id, version, index_no, category, doc_type, validity,
		published_at, plain, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING doc_id`, id, agencyID, live, *index, category, docType,
		validity, s.d.t(published), strings.Join(paras, "\n"), folded).Scan(&docID)
	if err != nil {
		return s.mapErr(op, err)
	}
	return s.mapErr(op, s.addPostings(ctx, docID, folded))
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

// addPostings writes the keys of a document's folded text with their
// weights.
func (s *Store) addPostings(ctx context.Context, docID int64, folded string) error {
	ps := search.Postings(folded)
	for len(ps) > 0 {
		n := min(len(ps), postingsPerInsert)
		args := make([]any, 0, 3*n)
		for _, p := range ps[:n] {
			args = append(args, p.Key, docID, p.Weight())
		}
		q := "INSERT INTO search_postings (gram, doc_id, w) VALUES " + strings.Repeat("(?, ?, ?), ", n-1) + "(?, ?, ?)"
		if _, err := s.exec(ctx, q, args...); err != nil {
			return err
		}
		ps = ps[n:]
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
	folded := search.FoldedText(paras)
	var docID int64
	err = s.queryRow(ctx, `INSERT INTO search_docs (report_year, agency_id, version, index_no, category, published_at, plain, folded)
		VALUES (?, ?, 1, '', ?, ?, ?, ?) RETURNING doc_id`, year, agencyID, search.ReportColumn, s.d.t(rec.PublishedAt),
		strings.Join(paras, "\n"), folded).Scan(&docID)
	if err != nil {
		return s.mapErr(op, err)
	}
	return s.mapErr(op, s.addPostings(ctx, docID, folded))
}

// ReindexSearch rebuilds the search documents of every item and every
// published annual report of the agencies (all agencies when none is
// given), each in its own transaction, calling progress after each with
// the count done and the total.
func (s *Store) ReindexSearch(ctx context.Context, agencyIDs []int64, progress func(done, total int)) error {
	in, args := "", []any{}
	if len(agencyIDs) > 0 {
		in = " AND agency_id IN (" + strings.Repeat(", ?", len(agencyIDs))[2:] + ")"
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
	for i, id := range ids {
		err := s.InTx(ctx, func(ctx context.Context) error {
			if err := s.dropSearchDoc(ctx, "item_id = ?", id); err != nil {
				return err
			}
			return s.indexItem(ctx, id)
		})
		if err != nil {
			return s.mapErr(fmt.Sprintf("reindex item %d", id), err)
		}
		if progress != nil {
			progress(i+1, total)
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
	return nil
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

// searchFrom returns the FROM and WHERE of a search: a join of the keys'
// postings (p0, p1, …) on doc_id — each posting list is a range of the
// (gram, doc_id) key, and the planner can drive from the rarest and probe
// the others (INTERSECT reads every list whole) — and the filters.
func (s *Store) searchFrom(keys []string, f search.Filter) (string, []any) {
	var args []any
	from := " FROM search_docs d"
	for i, k := range keys {
		from += fmt.Sprintf(" JOIN search_postings p%d ON p%d.gram = ? AND p%d.doc_id = d.doc_id", i, i, i)
		args = append(args, k)
	}
	var where []string
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if len(f.AgencyIDs) > 0 {
		var a []any
		for _, id := range f.AgencyIDs {
			a = append(a, id)
		}
		add("d.agency_id IN ("+strings.Repeat(", ?", len(a))[2:]+")", a...)
	}
	if f.Category != "" {
		add("(d.category = ? OR substr(d.category, 1, ?) = ?)", f.Category, len(f.Category)+1, f.Category+"/")
	}
	if f.DocType != "" {
		add("d.doc_type = ?", f.DocType)
	}
	if f.Validity != "" {
		add("d.validity = ?", f.Validity)
	}
	if !f.From.IsZero() {
		add("d.published_at >= ?", s.d.t(f.From))
	}
	if !f.To.IsZero() {
		add("d.published_at < ?", s.d.t(f.To))
	}
	if len(where) > 0 {
		from += " WHERE " + strings.Join(where, " AND ")
	}
	return from, args
}

// SearchCandidates implements search.Store: the public items matching f
// whose postings hold every key, with their folded text.
func (s *Store) SearchCandidates(ctx context.Context, keys []string, f search.Filter) ([]search.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	from, args := s.searchFrom(keys, f)
	rows, err := s.query(ctx, "SELECT d.doc_id, d.agency_id, d.category, d.published_at, d.folded"+from, args...)
	if err != nil {
		return nil, s.mapErr("search", err)
	}
	defer rows.Close()
	var out []search.Candidate
	for rows.Next() {
		var c search.Candidate
		if err := rows.Scan(&c.ID, &c.AgencyID, &c.Category, dbTime{&c.Published}, &c.Folded); err != nil {
			return nil, s.mapErr("search", err)
		}
		out = append(out, c)
	}
	return out, s.mapErr("search", rows.Err())
}

// SearchWeighted implements search.Store: the matches with their keys'
// weights and no text; with a limit, the highest doc_id first (driven
// from the first key's postings, read backwards).
func (s *Store) SearchWeighted(ctx context.Context, keys []string, f search.Filter, limit int) ([]search.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	from, args := s.searchFrom(keys, f)
	cols := "d.doc_id, d.agency_id, d.category, d.published_at"
	for i := range keys {
		cols += fmt.Sprintf(", p%d.w", i)
	}
	q := "SELECT " + cols + from
	if limit > 0 {
		q += " ORDER BY p0.doc_id DESC LIMIT " + itoa(limit)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr("search", err)
	}
	defer rows.Close()
	var out []search.Candidate
	ws := make([]sql.NullInt64, len(keys))
	dest := make([]any, 4+len(keys))
	for i := range ws {
		dest[4+i] = &ws[i]
	}
	for rows.Next() {
		var c search.Candidate
		dest[0], dest[1], dest[2], dest[3] = &c.ID, &c.AgencyID, &c.Category, dbTime{&c.Published}
		if err := rows.Scan(dest...); err != nil {
			return nil, s.mapErr("search", err)
		}
		c.Weights = make([]int, len(keys))
		for i, w := range ws {
			if !w.Valid {
				return nil, search.ErrNoWeights
			}
			c.Weights[i] = int(w.Int64)
		}
		out = append(out, c)
	}
	return out, s.mapErr("search", rows.Err())
}

// SearchCount implements search.Store.
func (s *Store) SearchCount(ctx context.Context, keys []string, f search.Filter) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	from, args := s.searchFrom(keys, f)
	if f.Zero() {
		// no filter: every posting's document exists, so the postings
		// alone are counted (for one key, a range of the primary key)
		from, args = " FROM search_postings p0", []any{keys[0]}
		for i, k := range keys[1:] {
			from += fmt.Sprintf(" JOIN search_postings p%d ON p%d.gram = ? AND p%d.doc_id = p0.doc_id", i+1, i+1, i+1)
			args = append(args, k)
		}
		from += " WHERE p0.gram = ?"
		args = append(args[1:], keys[0])
	}
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*)"+from, args...).Scan(&n)
	return n, s.mapErr("search count", err)
}

// SearchShown implements search.Store.
func (s *Store) SearchShown(ctx context.Context, ids []int64) ([]search.Shown, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, `SELECT d.doc_id, d.index_no, d.agency_id, a.name, COALESCE(d.report_year, 0), d.category,
		d.published_at, d.plain FROM search_docs d
		JOIN agencies a ON a.id = d.agency_id WHERE d.doc_id IN (`+strings.Repeat(", ?", len(ids))[2:]+")", args...)
	if err != nil {
		return nil, s.mapErr("search results", err)
	}
	defer rows.Close()
	var out []search.Shown
	for rows.Next() {
		var r search.Shown
		if err := rows.Scan(&r.ID, &r.IndexNo, &r.AgencyID, &r.Agency, &r.ReportYear, &r.Category, dbTime{&r.Published}, &r.Plain); err != nil {
			return nil, s.mapErr("search results", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("search results", rows.Err())
}
