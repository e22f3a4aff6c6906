package sqlstore

import (
	"context"
	"database/sql"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// cellFrom joins each agency of a scope that owes a report (the scope's
// JSON the fourth argument) to its report published on a year (first)
// and, when there is one, its stored value of a cell (year second, cell
// third): d.agency_id is NULL without a published report, c.value without
// a value.
const cellFrom = ` FROM agencies a
	LEFT JOIN report_drafts d ON d.agency_id = a.id AND d.year = ? AND d.status = 'published'
	LEFT JOIN report_cells c ON d.agency_id IS NOT NULL AND c.agency_id = a.id AND c.year = ? AND c.cell = ?
	WHERE NOT a.no_report AND `

// CellTotals implements annual.Store: one pass over the agencies of scope
// that owe a report, with their published report on year and its value
// of cell, counted and summed.
func (s *Store) CellTotals(ctx context.Context, year int, cell report.CellID, scope []int64) (annual.CellTotals, error) {
	var t annual.CellTotals
	err := s.queryRow(ctx, `SELECT COUNT(*), COUNT(c.value), COUNT(*) - COUNT(d.agency_id), CAST(COALESCE(SUM(c.value), 0) AS BIGINT)`+
		cellFrom+s.inScope("a.id"), year, year, string(cell), scopeJSON(scope)).Scan(&t.Total, &t.Valued, &t.NoReport, &t.Sum)
	return t, s.mapErr("cell totals", err)
}

// CellPage implements annual.Store: the agencies of scope that owe a
// report, the largest values of cell first, then those without one, each
// by name (bytewise, as Go compares strings) and id, from offset, at most
// limit.
func (s *Store) CellPage(ctx context.Context, year int, cell report.CellID, scope []int64, offset, limit int) ([]annual.CellRow, error) {
	collate := "BINARY"
	if s.d.name == "postgres" {
		collate = `"C"`
	}
	rows, err := s.query(ctx, `SELECT a.id, a.name, d.agency_id IS NOT NULL, c.value`+cellFrom+s.inScope("a.id")+`
		ORDER BY c.value IS NULL, c.value DESC, a.name COLLATE `+collate+`, a.id LIMIT ? OFFSET ?`,
		year, year, string(cell), scopeJSON(scope), limit, offset)
	if err != nil {
		return nil, s.mapErr("cell page", err)
	}
	defer rows.Close()
	var out []annual.CellRow
	for rows.Next() {
		var r annual.CellRow
		var v sql.NullInt64
		if err := rows.Scan(&r.AgencyID, &r.Agency, &r.Published, &v); err != nil {
			return nil, s.mapErr("cell page", err)
		}
		if v.Valid {
			r.Value = report.N(v.Int64)
		}
		out = append(out, r)
	}
	return out, s.mapErr("cell page", rows.Err())
}

// PendingFactsOf implements annual.Store: the agencies of scope that owe
// a report whose report on year is published without stored facts, by id.
func (s *Store) PendingFactsOf(ctx context.Context, year int, scope []int64) ([]int64, error) {
	ids, err := s.int64s(ctx, `SELECT a.id FROM agencies a
		JOIN report_drafts d ON d.agency_id = a.id AND d.year = ? AND d.status = 'published'
		WHERE NOT a.no_report AND NOT EXISTS (SELECT 1 FROM report_summaries m WHERE m.agency_id = a.id AND m.year = ?)
		AND `+s.inScope("a.id")+` ORDER BY a.id`, year, year, scopeJSON(scope))
	return ids, s.mapErr("pending facts", err)
}
