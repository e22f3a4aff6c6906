package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

// searchRead runs the reads of a search. On PostgreSQL it runs them in a
// read-only transaction of their own with parallel workers and JIT
// compilation off (SET LOCAL: for these reads only): a search reads a few
// index ranges, and starting workers or compiling cost more than the
// whole query (issue #12: a miss took 87 ms with two workers launched,
// 0.9 ms without). SQLite has neither; it runs them as they are.
func (s *Store) searchRead(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, inTx := ctx.Value(txKey{s}).(*sql.Tx); inTx || s.d.name != "postgres" {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.mapErr("search", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	if _, err := tx.ExecContext(ctx, "SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"); err != nil {
		return s.mapErr("search", err)
	}
	return fn(context.WithValue(ctx, txKey{s}, tx))
}

// rarestCap bounds the postings rarestFirst counts of one key.
const rarestCap = 5000

// rarestFirst returns the order in which to read the keys' posting lists:
// the rarest first (counted up to rarestCap postings each, one query), so
// that the longest lists are only probed, never read. PostgreSQL orders
// the join itself from its statistics of gram; SQLite has none and reads
// the lists in the order given (CROSS JOIN).
func (s *Store) rarestFirst(ctx context.Context, keys []string) ([]int, error) {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	if len(keys) < 2 || s.d.name == "postgres" {
		return order, nil
	}
	counts := make([]int, len(keys))
	cols := make([]string, len(keys))
	dest := make([]any, len(keys))
	args := make([]any, len(keys))
	for i, k := range keys {
		cols[i] = "(SELECT count(*) FROM (SELECT 1 FROM search_postings WHERE gram = ? LIMIT " + itoa(rarestCap) + "))"
		dest[i], args[i] = &counts[i], k
	}
	if err := s.queryRow(ctx, "SELECT "+strings.Join(cols, ", "), args...).Scan(dest...); err != nil {
		return nil, err
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(counts[a], counts[b]) })
	return order, nil
}

// postingsJoin returns the FROM and the conditions of a join of the keys'
// posting lists (p0, p1, … named after the keys) on doc_id, read in the
// order given: each list is a range of the (gram, doc_id) key, the first
// is read, the others probed (an INTERSECT would read every list whole).
func (s *Store) postingsJoin(keys []string, order []int) (from string, where []string, args []any) {
	join := " CROSS JOIN " // SQLite: the order written
	if s.d.name == "postgres" {
		join = ", " // PostgreSQL: the planner's
	}
	first := order[0]
	for n, i := range order {
		if n > 0 {
			from += join
			where = append(where, fmt.Sprintf("p%d.doc_id = p%d.doc_id", i, first))
		}
		from += fmt.Sprintf("search_postings p%d", i)
		where = append(where, fmt.Sprintf("p%d.gram = ?", i))
		args = append(args, keys[i])
	}
	return from, where, args
}

// searchFrom returns the FROM and WHERE of a search and the key whose
// postings are read first: the keys' postings joined (postingsJoin, the
// rarest first), then the document of each match and the filters. With
// narrow, the documents are read through search_docs_meta (migration
// 00351), which holds every column but the texts: the text-free reads
// of a search never touch the wide rows.
func (s *Store) searchFrom(ctx context.Context, keys []string, f search.Filter, narrow bool) (string, []any, int, error) {
	order, err := s.rarestFirst(ctx, keys)
	if err != nil {
		return "", nil, 0, err
	}
	from, where, args := s.postingsJoin(keys, order)
	docs := "search_docs d"
	if narrow && s.d.name == "sqlite" {
		docs += " INDEXED BY search_docs_meta"
	}
	if s.d.name == "postgres" {
		from = " FROM " + from + ", " + docs
	} else {
		from = " FROM " + from + " CROSS JOIN " + docs
	}
	where = append(where, fmt.Sprintf("d.doc_id = p%d.doc_id", order[0]))
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
	return from + " WHERE " + strings.Join(where, " AND "), args, order[0], nil
}

// searchCandidates is SearchCandidates: the public items matching f
// whose postings hold every key, with their folded text.
func (s *Store) searchCandidates(ctx context.Context, keys []string, f search.Filter) ([]search.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	from, args, _, err := s.searchFrom(ctx, keys, f, false)
	if err != nil {
		return nil, s.mapErr("search", err)
	}
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

// searchWeighted is SearchWeighted: the matches with their keys'
// weights and no text; with a limit, the highest doc_id first (driven
// from the first key's postings, read backwards).
func (s *Store) searchWeighted(ctx context.Context, keys []string, f search.Filter, limit int) ([]search.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	from, args, first, err := s.searchFrom(ctx, keys, f, true)
	if err != nil {
		return nil, s.mapErr("search", err)
	}
	cols := "d.doc_id, d.agency_id, d.category, d.published_at"
	for i := range keys {
		cols += fmt.Sprintf(", p%d.w", i)
	}
	q := "SELECT " + cols + from
	if limit > 0 {
		q += fmt.Sprintf(" ORDER BY p%d.doc_id DESC LIMIT %d", first, limit)
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

// searchCount is SearchCount.
func (s *Store) searchCount(ctx context.Context, keys []string, f search.Filter) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	var from string
	var args []any
	var err error
	if f.Zero() {
		// no filter: every posting's document exists (dropSearchDoc
		// deletes the postings with it), so the postings alone are
		// counted (for one key, a range of the primary key)
		order, err := s.rarestFirst(ctx, keys)
		if err != nil {
			return 0, s.mapErr("search count", err)
		}
		var where []string
		from, where, args = s.postingsJoin(keys, order)
		from = " FROM " + from + " WHERE " + strings.Join(where, " AND ")
	} else if from, args, _, err = s.searchFrom(ctx, keys, f, true); err != nil {
		return 0, s.mapErr("search count", err)
	}
	var n int
	err = s.queryRow(ctx, "SELECT COUNT(*)"+from, args...).Scan(&n)
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

// SearchCandidates implements search.Store (searchRead).
func (s *Store) SearchCandidates(ctx context.Context, keys []string, f search.Filter) (out []search.Candidate, err error) {
	err = s.searchRead(ctx, func(ctx context.Context) error {
		out, err = s.searchCandidates(ctx, keys, f)
		return err
	})
	return out, err
}

// SearchWeighted implements search.Store (searchRead).
func (s *Store) SearchWeighted(ctx context.Context, keys []string, f search.Filter, limit int) (out []search.Candidate, err error) {
	err = s.searchRead(ctx, func(ctx context.Context) error {
		out, err = s.searchWeighted(ctx, keys, f, limit)
		return err
	})
	return out, err
}

// SearchCount implements search.Store (searchRead).
func (s *Store) SearchCount(ctx context.Context, keys []string, f search.Filter) (n int, err error) {
	err = s.searchRead(ctx, func(ctx context.Context) error {
		n, err = s.searchCount(ctx, keys, f)
		return err
	})
	return n, err
}
