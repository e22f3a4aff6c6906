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

// ClaimReportFacts implements annual.Store: it stores f unless the
// report's facts are stored already (by publication, a correction or
// another backfill since f was computed), which it reports as false. The
// summary row is inserted first, ON CONFLICT DO NOTHING: a concurrent
// backfill of the same report waits for this transaction and then stores
// nothing, so two never collide. The report's old cells (kept by 00321
// until now, so the sums stayed whole) are replaced; triggers carry the
// change to the subtree sums. Call it inside a transaction to claim a
// batch at once.
func (s *Store) ClaimReportFacts(ctx context.Context, f annual.Facts) (bool, error) {
	claimed := false
	err := s.InTx(ctx, func(ctx context.Context) error {
		res, err := s.exec(ctx, `INSERT INTO report_summaries (agency_id, year, errors, warnings) VALUES (?, ?, ?, ?)
			ON CONFLICT (agency_id, year) DO NOTHING`, f.AgencyID, f.Year, f.Errors, f.Warnings)
		if err != nil {
			return s.mapErr("claim report facts", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return s.mapErr("claim report facts", err)
		}
		for _, q := range []string{"DELETE FROM report_cells WHERE agency_id = ? AND year = ?", "DELETE FROM report_rules WHERE agency_id = ? AND year = ?"} {
			if _, err := s.exec(ctx, q, f.AgencyID, f.Year); err != nil {
				return s.mapErr("claim report facts", err)
			}
		}
		claimed = true
		return s.insertFacts(ctx, f)
	})
	return claimed && err == nil, err
}
