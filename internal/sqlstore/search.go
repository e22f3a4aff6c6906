package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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
		if _, err := s.exec(ctx, "DELETE FROM search_postings WHERE item_id = ?", id); err != nil {
			return s.mapErr(op, err)
		}
		if _, err := s.exec(ctx, "DELETE FROM search_docs WHERE item_id = ?", id); err != nil {
			return s.mapErr(op, err)
		}
	}
	if !public {
		return nil
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
	paras := search.Doc{Title: c.Title, DocNo: c.DocNo, Body: c.Body}.Paragraphs()
	folded := search.FoldedText(paras)
	_, err = s.exec(ctx, `INSERT INTO search_docs (item_id, agency_id, version, index_no, category, doc_type, validity,
		published_at, plain, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, agencyID, live, *index, category, docType,
		validity, s.d.t(published), strings.Join(paras, "\n"), folded)
	if err != nil {
		return s.mapErr(op, err)
	}
	keys := search.Keys(folded)
	for len(keys) > 0 {
		n := min(len(keys), postingsPerInsert)
		args := make([]any, 0, 2*n)
		for _, k := range keys[:n] {
			args = append(args, k, id)
		}
		q := "INSERT INTO search_postings (gram, item_id) VALUES " + strings.Repeat("(?, ?), ", n-1) + "(?, ?)"
		if _, err := s.exec(ctx, q, args...); err != nil {
			return s.mapErr(op, err)
		}
		keys = keys[n:]
	}
	return nil
}

// ReindexSearch rebuilds the search rows of every item of the agencies
// (all agencies when none is given), each item in its own transaction,
// calling progress after each with the count done and the total.
func (s *Store) ReindexSearch(ctx context.Context, agencyIDs []int64, progress func(done, total int)) error {
	q := "SELECT id FROM catalog_items"
	var args []any
	if len(agencyIDs) > 0 {
		q += " WHERE agency_id IN (" + strings.Repeat(", ?", len(agencyIDs))[2:] + ")"
		for _, a := range agencyIDs {
			args = append(args, a)
		}
	}
	rows, err := s.query(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return s.mapErr("reindex", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return s.mapErr("reindex", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.mapErr("reindex", err)
	}
	for i, id := range ids {
		err := s.InTx(ctx, func(ctx context.Context) error {
			if _, err := s.exec(ctx, "DELETE FROM search_postings WHERE item_id = ?", id); err != nil {
				return err
			}
			if _, err := s.exec(ctx, "DELETE FROM search_docs WHERE item_id = ?", id); err != nil {
				return err
			}
			return s.indexItem(ctx, id)
		})
		if err != nil {
			return s.mapErr(fmt.Sprintf("reindex item %d", id), err)
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return nil
}

// SearchCandidates implements search.Store: the public items matching f
// whose postings hold every key, by intersecting the keys' postings.
func (s *Store) SearchCandidates(ctx context.Context, keys []string, f search.Filter) ([]search.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	// A join of the keys' postings on item_id: each posting list is a range
	// of the (gram, item_id) key, and the planner can drive from the
	// rarest and probe the others (INTERSECT reads every list whole).
	var args []any
	from := "search_docs d"
	for i, k := range keys {
		from += fmt.Sprintf(" JOIN search_postings p%d ON p%d.gram = ? AND p%d.item_id = d.item_id", i, i, i)
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
	q := "SELECT d.item_id, d.published_at, d.folded FROM " + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr("search", err)
	}
	defer rows.Close()
	var out []search.Candidate
	for rows.Next() {
		var c search.Candidate
		if err := rows.Scan(&c.ID, dbTime{&c.Published}, &c.Folded); err != nil {
			return nil, s.mapErr("search", err)
		}
		out = append(out, c)
	}
	return out, s.mapErr("search", rows.Err())
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
	rows, err := s.query(ctx, `SELECT d.item_id, d.index_no, a.name, d.published_at, d.plain FROM search_docs d
		JOIN agencies a ON a.id = d.agency_id WHERE d.item_id IN (`+strings.Repeat(", ?", len(ids))[2:]+")", args...)
	if err != nil {
		return nil, s.mapErr("search results", err)
	}
	defer rows.Close()
	var out []search.Shown
	for rows.Next() {
		var r search.Shown
		if err := rows.Scan(&r.ID, &r.IndexNo, &r.Agency, dbTime{&r.Published}, &r.Plain); err != nil {
			return nil, s.mapErr("search results", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("search results", rows.Err())
}
