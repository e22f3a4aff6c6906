package sqlstore

import (
	"context"

	"github.com/gongkai/gongkai/internal/annual"
)

// PendingFacts implements annual.Store: the published reports whose facts
// are not stored (no report_summaries row: published before the facts
// were kept, or emptied by a migration such as 00290 or 00321), after key
// in (year, agency) order, at most limit.
func (s *Store) PendingFacts(ctx context.Context, after annual.FactsKey, limit int) ([]annual.FactsKey, error) {
	rows, err := s.query(ctx, `SELECT d.year, d.agency_id FROM report_drafts d
		WHERE d.status = 'published' AND (d.year > ? OR (d.year = ? AND d.agency_id > ?))
		AND NOT EXISTS (SELECT 1 FROM report_summaries m WHERE m.agency_id = d.agency_id AND m.year = d.year)
		ORDER BY d.year, d.agency_id LIMIT ?`, after.Year, after.Year, after.AgencyID, limit)
	if err != nil {
		return nil, s.mapErr("pending facts", err)
	}
	defer rows.Close()
	var out []annual.FactsKey
	for rows.Next() {
		var k annual.FactsKey
		if err := rows.Scan(&k.Year, &k.AgencyID); err != nil {
			return nil, s.mapErr("pending facts", err)
		}
		out = append(out, k)
	}
	return out, s.mapErr("pending facts", rows.Err())
}

// CountPendingFacts implements annual.Store: how many published reports
// PendingFacts would list in all.
func (s *Store) CountPendingFacts(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM report_drafts d WHERE d.status = 'published'
		AND NOT EXISTS (SELECT 1 FROM report_summaries m WHERE m.agency_id = d.agency_id AND m.year = d.year)`).Scan(&n)
	return n, s.mapErr("pending facts", err)
}

// ClaimReportFacts implements annual.Store: ClaimReportsFacts of one
// report, reporting whether it stored f.
func (s *Store) ClaimReportFacts(ctx context.Context, f annual.Facts) (bool, error) {
	n, err := s.ClaimReportsFacts(ctx, []annual.Facts{f})
	return n == 1, err
}

// ClaimReportsFacts implements annual.Store: in one transaction, it
// stores the facts of each report of fs unless they are stored already
// (by publication, a correction or another backfill since fs were
// computed), and returns how many it stored. The summary rows are
// inserted first, ON CONFLICT DO NOTHING, and those inserted claim their
// reports: a concurrent backfill of the same reports waits for this
// transaction and then stores nothing, so two never collide. The claimed
// reports' old cells (kept by 00321 until now, so the sums stayed whole)
// are replaced; triggers carry the change to the subtree sums. Each table
// is written by a few multi-row statements per factsReportsPerBatch
// reports, as SaveReportsFacts does; when an agency's year comes more
// than once, the first one's facts are stored, as when claiming one by
// one.
func (s *Store) ClaimReportsFacts(ctx context.Context, fs []annual.Facts) (int, error) {
	claimed := 0
	err := s.InTx(ctx, func(ctx context.Context) error {
		claimed = 0
		for start := 0; start < len(fs); start += factsReportsPerBatch {
			n, err := s.claimFactsChunk(ctx, fs[start:min(start+factsReportsPerBatch, len(fs))])
			if err != nil {
				return err
			}
			claimed += n
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return claimed, nil
}

// claimFactsChunk claims and stores the facts of a few reports.
func (s *Store) claimFactsChunk(ctx context.Context, fs []annual.Facts) (int, error) {
	const op = "claim report facts"
	summaries := newValues(4)
	for _, f := range fs {
		summaries.add(f.AgencyID, f.Year, f.Errors, f.Warnings)
	}
	rows, err := s.query(ctx, `INSERT INTO report_summaries (agency_id, year, errors, warnings) VALUES `+summaries.sql()+`
		ON CONFLICT (agency_id, year) DO NOTHING RETURNING agency_id, year`, summaries.args...)
	if err != nil {
		return 0, s.mapErr(op, err)
	}
	defer rows.Close()
	won := map[annual.FactsKey]bool{}
	for rows.Next() {
		var k annual.FactsKey
		if err := rows.Scan(&k.AgencyID, &k.Year); err != nil {
			return 0, s.mapErr(op, err)
		}
		won[k] = true
	}
	if err := rows.Err(); err != nil {
		return 0, s.mapErr(op, err)
	}
	rows.Close()
	var mine []annual.Facts
	for _, f := range fs {
		if k := (annual.FactsKey{Year: f.Year, AgencyID: f.AgencyID}); won[k] {
			mine, won[k] = append(mine, f), false // a key given twice: the first one's facts
		}
	}
	if len(mine) == 0 {
		return 0, nil
	}
	if err := s.deleteFacts(ctx, op, mine, "report_cells", "report_rules"); err != nil {
		return 0, err
	}
	return len(mine), s.insertFactsChunk(ctx, op, mine)
}
