package sqlstore

import (
	"context"

	"github.com/gongkai/gongkai/internal/report"
)

// CellSums implements annual.Store: the sum of each cell over the
// reports of scope on year that have it, and the agencies whose stored
// report leaves it empty.
//
// The sums are read from report_subtree_sums (migration 00320, kept by
// triggers): the scope is covered by the subtrees of its roots — the
// agencies of scope with no ancestor in it — so its sum is the roots'
// sums (of the agencies below them) plus the roots' own cells, minus the
// cells of the agencies of those subtrees that scope leaves out (a
// supervising office that publishes no report, say). A scope that its
// roots' subtrees cover badly (a page of agencies) is summed from
// report_cells directly.
func (s *Store) CellSums(ctx context.Context, year int, scope []int64) (map[report.CellID]int64, map[report.CellID][]int64, error) {
	sums, err := s.cellSums(ctx, year, scope)
	if err != nil {
		return nil, nil, err
	}
	absent, err := s.absentCells(ctx, year, scope)
	if err != nil {
		return nil, nil, err
	}
	return sums, absent, nil
}

// cellTotal is a cell summed over some reports: the sum of their values
// and how many have one.
type cellTotal struct{ total, n int64 }

func (s *Store) cellSums(ctx context.Context, year int, scope []int64) (map[report.CellID]int64, error) {
	roots, extra, err := s.subtreeCover(ctx, scope)
	if err != nil {
		return nil, err
	}
	totals := map[report.CellID]cellTotal{}
	if roots == nil {
		err = s.addTotals(ctx, totals, 1, `SELECT cell, SUM(value), COUNT(*) FROM report_cells
			WHERE year = ? AND value IS NOT NULL AND `+s.inScope("agency_id")+` GROUP BY cell`, year, scopeJSON(scope))
	} else {
		err = s.addTotals(ctx, totals, 1, `SELECT cell, SUM(total), SUM(n) FROM report_subtree_sums
			WHERE year = ? AND `+s.inScope("ancestor")+` GROUP BY cell`, year, scopeJSON(roots))
		if err == nil {
			err = s.addTotals(ctx, totals, 1, `SELECT cell, SUM(value), COUNT(*) FROM report_cells
				WHERE year = ? AND value IS NOT NULL AND `+s.inScope("agency_id")+` GROUP BY cell`, year, scopeJSON(roots))
		}
		if err == nil && len(extra) > 0 {
			err = s.addTotals(ctx, totals, -1, `SELECT cell, SUM(value), COUNT(*) FROM report_cells
				WHERE year = ? AND value IS NOT NULL AND `+s.inScope("agency_id")+` GROUP BY cell`, year, scopeJSON(extra))
		}
	}
	if err != nil {
		return nil, err
	}
	sums := map[report.CellID]int64{}
	for id, t := range totals {
		if t.n > 0 { // n = 0: no report of the scope has the cell, absent
			sums[id] = t.total
		}
	}
	return sums, nil
}

// addTotals adds sign times each (cell, sum, count) row q selects to
// totals.
func (s *Store) addTotals(ctx context.Context, totals map[report.CellID]cellTotal, sign int64, q string, args ...any) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return s.mapErr("cell sums", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v, n int64
		if err := rows.Scan(&id, &v, &n); err != nil {
			return s.mapErr("cell sums", err)
		}
		t := totals[report.CellID(id)]
		t.total, t.n = t.total+sign*v, t.n+sign*n
		totals[report.CellID(id)] = t
	}
	return s.mapErr("cell sums", rows.Err())
}

// subtreeCover returns the roots of scope (its agencies with no ancestor
// in it), whose subtrees are disjoint and cover scope, and the agencies of
// those subtrees that scope leaves out. roots is nil when scope is empty
// or when the subtrees hold more agencies outside scope than in it: then
// summing the scope's own cells is cheaper.
func (s *Store) subtreeCover(ctx context.Context, scope []int64) (roots, extra []int64, err error) {
	if len(scope) == 0 {
		return nil, nil, nil
	}
	js := scopeJSON(scope)
	// An agency whose parent is outside scope is a root unless an
	// ancestor further up is in scope; that ancestor's own root is then
	// also a root found here, so checking the candidates against each
	// other suffices.
	cands, err := s.ids(ctx, `SELECT id FROM agencies
		WHERE `+s.inScope("id")+` AND (parent_id IS NULL OR NOT `+s.inScope("parent_id")+`) ORDER BY id`, js, js)
	if err != nil || len(cands) == 0 {
		return nil, nil, err
	}
	cj := scopeJSON(cands)
	inner, err := s.ids(ctx, `SELECT DISTINCT agency FROM agency_ancestors
		WHERE depth > 0 AND `+s.inScope("agency")+` AND `+s.inScope("ancestor"), cj, cj)
	if err != nil {
		return nil, nil, err
	}
	nested := map[int64]bool{}
	for _, id := range inner {
		nested[id] = true
	}
	for _, id := range cands {
		if !nested[id] {
			roots = append(roots, id)
		}
	}
	rj := scopeJSON(roots)
	extra, err = s.ids(ctx, `SELECT agency FROM agency_ancestors
		WHERE `+s.inScope("ancestor")+` AND NOT `+s.inScope("agency")+` ORDER BY agency`, rj, js)
	if err != nil {
		return nil, nil, err
	}
	if len(extra) > len(scope) {
		return nil, nil, nil
	}
	return roots, extra, nil
}

// ids runs a query selecting one id a row.
func (s *Store) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr("subtree cover", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.mapErr("subtree cover", err)
		}
		out = append(out, id)
	}
	return out, s.mapErr("subtree cover", rows.Err())
}

// absentCells lists, by cell, the agencies of scope whose stored report
// on year leaves the cell empty, read from the partial index of absent
// cells (migration 00320) rather than from every cell of the scope.
func (s *Store) absentCells(ctx context.Context, year int, scope []int64) (map[report.CellID][]int64, error) {
	absent := map[report.CellID][]int64{}
	rows, err := s.query(ctx, `SELECT cell, agency_id FROM report_cells
		WHERE year = ? AND value IS NULL AND `+s.inScope("agency_id")+` ORDER BY cell, agency_id`, year, scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr("absent cells", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var ag int64
		if err := rows.Scan(&id, &ag); err != nil {
			return nil, s.mapErr("absent cells", err)
		}
		absent[report.CellID(id)] = append(absent[report.CellID(id)], ag)
	}
	return absent, s.mapErr("absent cells", rows.Err())
}
