package sqlstore

import (
	"context"
	"database/sql"
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
