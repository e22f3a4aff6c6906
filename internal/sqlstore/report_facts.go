package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// factsBatch is how many cells one INSERT writes.
const factsBatch = 100

// SaveReportFacts implements annual.Store: it replaces the report's rows
// in report_cells (NULL for an absent cell) and report_summaries. Call it
// inside the publishing transaction.
// Triggers carry the change to the sums of every ancestor
// (report_subtree_sums, migration 00320).
func (s *Store) SaveReportFacts(ctx context.Context, f annual.Facts) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		for _, q := range []string{"DELETE FROM report_cells WHERE agency_id = ? AND year = ?",
			"DELETE FROM report_summaries WHERE agency_id = ? AND year = ?", "DELETE FROM report_rules WHERE agency_id = ? AND year = ?"} {
			if _, err := s.exec(ctx, q, f.AgencyID, f.Year); err != nil {
				return s.mapErr("save report facts", err)
			}
		}
		if _, err := s.exec(ctx, "INSERT INTO report_summaries (agency_id, year, errors, warnings) VALUES (?, ?, ?, ?)",
			f.AgencyID, f.Year, f.Errors, f.Warnings); err != nil {
			return s.mapErr("save report facts", err)
		}
		return s.insertFacts(ctx, f)
	})
}

// insertFacts inserts f's rules and cells (the caller has deleted the
// old ones), a hundred cells an INSERT.
func (s *Store) insertFacts(ctx context.Context, f annual.Facts) error {
	for _, r := range f.Rules {
		if _, err := s.exec(ctx, "INSERT INTO report_rules (agency_id, year, rule, severity, n) VALUES (?, ?, ?, ?, ?)",
			f.AgencyID, f.Year, r.Rule, string(r.Severity), r.N); err != nil {
			return s.mapErr("save report facts", err)
		}
	}
	for start := 0; start < len(f.Cells); start += factsBatch {
		part := f.Cells[start:min(start+factsBatch, len(f.Cells))]
		var q strings.Builder
		q.WriteString("INSERT INTO report_cells (agency_id, year, cell, value) VALUES ")
		args := make([]any, 0, 4*len(part))
		for i, c := range part {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?)")
			var v any
			if c.Value.Valid {
				v = c.Value.V
			}
			args = append(args, f.AgencyID, f.Year, string(c.ID), v)
		}
		if _, err := s.exec(ctx, q.String(), args...); err != nil {
			return s.mapErr("save report facts", err)
		}
	}
	return nil
}

// ReportFacts implements annual.Store.
func (s *Store) ReportFacts(ctx context.Context, agencyID int64, year int) (annual.Facts, error) {
	f := annual.Facts{AgencyID: agencyID, Year: year}
	err := s.queryRow(ctx, "SELECT errors, warnings FROM report_summaries WHERE agency_id = ? AND year = ?", agencyID, year).
		Scan(&f.Errors, &f.Warnings)
	if err != nil {
		return f, s.notFound("report facts", "annual.not_published", err)
	}
	rows, err := s.query(ctx, "SELECT cell, value FROM report_cells WHERE agency_id = ? AND year = ? ORDER BY cell", agencyID, year)
	if err != nil {
		return f, s.mapErr("report facts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v sql.NullInt64
		if err := rows.Scan(&id, &v); err != nil {
			return f, s.mapErr("report facts", err)
		}
		c := compile.CellValue{ID: report.CellID(id)}
		if v.Valid {
			c.Value = report.N(v.Int64)
		}
		f.Cells = append(f.Cells, c)
	}
	if err := rows.Err(); err != nil {
		return f, s.mapErr("report facts", err)
	}
	rs, err := s.query(ctx, "SELECT rule, severity, n FROM report_rules WHERE agency_id = ? AND year = ? ORDER BY rule", agencyID, year)
	if err != nil {
		return f, s.mapErr("report facts", err)
	}
	defer rs.Close()
	for rs.Next() {
		var r annual.RuleCount
		if err := rs.Scan(&r.Rule, &r.Severity, &r.N); err != nil {
			return f, s.mapErr("report facts", err)
		}
		f.Rules = append(f.Rules, r)
	}
	return f, s.mapErr("report facts", rs.Err())
}
