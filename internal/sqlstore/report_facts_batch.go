package sqlstore

import (
	"context"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
)

// factsReportsPerBatch bounds the reports whose rows one round of
// SaveReportsFacts deletes and whose summaries and rules it inserts.
const factsReportsPerBatch = 100

// factsCellsPerInsert bounds the cells of one multi-row INSERT in
// SaveReportsFacts: four values a cell, 8,000 parameters, well under
// SQLite's (32,766) and PostgreSQL's (65,535) limits.
const factsCellsPerInsert = 2000

// SaveReportsFacts implements annual.Store: SaveReportFacts of many
// reports in one transaction, with the same rows stored, but each table
// written by a few multi-row statements per factsReportsPerBatch reports
// instead of statements per report. When an agency's year comes more
// than once, the last one's facts are stored, as when saving one by one.
// The subtree sums' triggers (00320) see the same inserted and deleted
// cells, a statement at a time.
func (s *Store) SaveReportsFacts(ctx context.Context, fs []annual.Facts) error {
	last := make(map[[2]int64]int, len(fs))
	for i, f := range fs {
		last[[2]int64{f.AgencyID, int64(f.Year)}] = i
	}
	keep := make([]annual.Facts, 0, len(last))
	for i, f := range fs {
		if last[[2]int64{f.AgencyID, int64(f.Year)}] == i {
			keep = append(keep, f)
		}
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		for start := 0; start < len(keep); start += factsReportsPerBatch {
			if err := s.saveFactsChunk(ctx, keep[start:min(start+factsReportsPerBatch, len(keep))]); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveFactsChunk replaces the facts of a few reports, of distinct agency
// years.
func (s *Store) saveFactsChunk(ctx context.Context, fs []annual.Facts) error {
	const op = "save report facts"
	if err := s.deleteFacts(ctx, op, fs, "report_cells", "report_summaries", "report_rules"); err != nil {
		return err
	}
	summaries := newValues(4)
	for _, f := range fs {
		summaries.add(f.AgencyID, f.Year, f.Errors, f.Warnings)
	}
	if _, err := s.exec(ctx, "INSERT INTO report_summaries (agency_id, year, errors, warnings) VALUES "+summaries.sql(), summaries.args...); err != nil {
		return s.mapErr(op, err)
	}
	return s.insertFactsChunk(ctx, op, fs)
}

// deleteFacts deletes the rows of a few reports from tables.
func (s *Store) deleteFacts(ctx context.Context, op string, fs []annual.Facts, tables ...string) error {
	keys := make([]any, 0, 2*len(fs))
	for _, f := range fs {
		keys = append(keys, f.AgencyID, f.Year)
	}
	cond := strings.Repeat(" OR (agency_id = ? AND year = ?)", len(fs))[4:]
	for _, table := range tables {
		if _, err := s.exec(ctx, "DELETE FROM "+table+" WHERE "+cond, keys...); err != nil {
			return s.mapErr(op, err)
		}
	}
	return nil
}

// insertFactsChunk inserts the rules and cells of a few reports (the
// caller has deleted the old ones), factsCellsPerInsert cells an INSERT.
func (s *Store) insertFactsChunk(ctx context.Context, op string, fs []annual.Facts) error {
	rules := newValues(5)
	for _, f := range fs {
		for _, r := range f.Rules {
			rules.add(f.AgencyID, f.Year, r.Rule, string(r.Severity), r.N)
		}
	}
	if rules.rows > 0 {
		if _, err := s.exec(ctx, "INSERT INTO report_rules (agency_id, year, rule, severity, n) VALUES "+rules.sql(), rules.args...); err != nil {
			return s.mapErr(op, err)
		}
	}
	cells := newValues(4)
	flush := func() error {
		if cells.rows == 0 {
			return nil
		}
		_, err := s.exec(ctx, "INSERT INTO report_cells (agency_id, year, cell, value) VALUES "+cells.sql(), cells.args...)
		cells = newValues(4)
		return s.mapErr(op, err)
	}
	for _, f := range fs {
		for _, c := range f.Cells {
			var v any
			if c.Value.Valid {
				v = c.Value.V
			}
			cells.add(f.AgencyID, f.Year, string(c.ID), v)
			if cells.rows == factsCellsPerInsert {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}
