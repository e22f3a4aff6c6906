package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// This file implements board.Store: the supervisor's season board and
// charts (#13), a few grouped queries over the scope, each reaching the
// rows of an agency through a primary key or report_cells' covering
// index (agency_id, year, cell, value), never one query per agency.

// cstDay is the SQL text (YYYY-MM-DD) of the day in Beijing of the time
// column col: fixed-width UTC text on SQLite, TIMESTAMPTZ on PostgreSQL.
func (s *Store) cstDay(col string) string {
	if s.d.name == "postgres" {
		return "to_char(" + col + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
	}
	// The seconds without their fraction: date() rounds to milliseconds,
	// which would carry 23:59:59.9999 into the next day.
	return "date(substr(" + col + ", 1, 19), '+8 hours')"
}

// inTexts is inScope for a JSON array of strings.
func (s *Store) inTexts(col string) string {
	if s.d.name == "postgres" {
		return col + " IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"
	}
	return col + " IN (SELECT value FROM json_each(?))"
}

func cellsJSON(cells []report.CellID) string {
	if len(cells) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(cells) // strings always marshal
	return string(b)
}

// PublishedDays implements board.Store.
func (s *Store) PublishedDays(ctx context.Context, scope []int64) ([]board.DayCount, error) {
	const op = "published days"
	rows, err := s.query(ctx, `SELECT d.year, a.kind = 'government', `+s.cstDay("d.published_at")+` AS day, COUNT(*)
		FROM report_drafts d JOIN agencies a ON a.id = d.agency_id
		WHERE d.status = 'published' AND d.published_at IS NOT NULL AND NOT a.no_report AND `+s.inScope("d.agency_id")+`
		GROUP BY d.year, a.kind = 'government', `+s.cstDay("d.published_at")+`
		ORDER BY 1, 3, 2`, scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []board.DayCount
	for rows.Next() {
		var c board.DayCount
		var day string
		if err := rows.Scan(&c.Year, &c.Government, &day, &c.N); err != nil {
			return nil, s.mapErr(op, err)
		}
		if c.Day, err = calendar.Parse(day); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, c)
	}
	return out, s.mapErr(op, rows.Err())
}

// Owing implements board.Store.
func (s *Store) Owing(ctx context.Context, scope []int64) (gov, other int, err error) {
	err = s.queryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'government' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN kind = 'government' THEN 0 ELSE 1 END), 0)
		FROM agencies WHERE NOT no_report AND `+s.inScope("id"), scopeJSON(scope)).Scan(&gov, &other)
	return gov, other, s.mapErr("owing agencies", err)
}

// CellYears implements board.Store.
func (s *Store) CellYears(ctx context.Context, scope []int64, cells []report.CellID) ([]board.CellYear, error) {
	const op = "cell years"
	rows, err := s.query(ctx, `SELECT c.year, c.cell, COALESCE(SUM(c.value), 0), COUNT(c.value)
		FROM report_cells c JOIN agencies a ON a.id = c.agency_id
		WHERE NOT a.no_report AND `+s.inScope("c.agency_id")+` AND `+s.inTexts("c.cell")+`
		GROUP BY c.year, c.cell ORDER BY c.year, c.cell`, scopeJSON(scope), cellsJSON(cells))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []board.CellYear
	for rows.Next() {
		var c board.CellYear
		var id string
		if err := rows.Scan(&c.Year, &id, &c.Sum, &c.Reports); err != nil {
			return nil, s.mapErr(op, err)
		}
		c.Cell = report.CellID(id)
		out = append(out, c)
	}
	return out, s.mapErr(op, rows.Err())
}

// CellGaps implements board.Store: per year, the published reports of
// scope without stored facts or with one of cells stored empty.
func (s *Store) CellGaps(ctx context.Context, scope []int64, cells []report.CellID) (map[int]int, error) {
	const op = "cell gaps"
	rows, err := s.query(ctx, `SELECT d.year, COUNT(*)
		FROM report_drafts d JOIN agencies a ON a.id = d.agency_id
		WHERE d.status = 'published' AND NOT a.no_report AND `+s.inScope("d.agency_id")+` AND (
			NOT EXISTS (SELECT 1 FROM report_summaries m WHERE m.agency_id = d.agency_id AND m.year = d.year)
			OR EXISTS (SELECT 1 FROM report_cells c WHERE c.agency_id = d.agency_id AND c.year = d.year
				AND c.value IS NULL AND `+s.inTexts("c.cell")+`))
		GROUP BY d.year`, scopeJSON(scope), cellsJSON(cells))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var y, n int
		if err := rows.Scan(&y, &n); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[y] = n
	}
	return out, s.mapErr(op, rows.Err())
}

// RuleFindings implements board.Store: one grouped query for the page of
// agencies (with the count of all of them), one for their rules.
func (s *Store) RuleFindings(ctx context.Context, year int, scope []int64, offset, limit int) ([]board.AgencyFindings, int, error) {
	const op = "rule findings"
	rows, err := s.query(ctx, `SELECT r.agency_id, a.name, SUM(r.n), COUNT(*) OVER ()
		FROM report_rules r JOIN agencies a ON a.id = r.agency_id
		WHERE r.year = ? AND `+s.inScope("r.agency_id")+`
		GROUP BY r.agency_id, a.name ORDER BY SUM(r.n) DESC, r.agency_id LIMIT ? OFFSET ?`,
		year, scopeJSON(scope), limit, offset)
	if err != nil {
		return nil, 0, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []board.AgencyFindings
	var total int
	at := map[int64]int{}
	for rows.Next() {
		var f board.AgencyFindings
		if err := rows.Scan(&f.AgencyID, &f.Agency, &f.Findings, &total); err != nil {
			return nil, 0, s.mapErr(op, err)
		}
		at[f.AgencyID] = len(out)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.mapErr(op, err)
	}
	if len(out) == 0 {
		// An offset past the end counts nothing: count apart.
		err := s.queryRow(ctx, `SELECT COUNT(DISTINCT agency_id) FROM report_rules WHERE year = ? AND `+s.inScope("agency_id"),
			year, scopeJSON(scope)).Scan(&total)
		return nil, total, s.mapErr(op, err)
	}
	ids := make([]int64, len(out))
	for i, f := range out {
		ids[i] = f.AgencyID
	}
	byAgency, err := s.RulesOf(ctx, year, ids)
	if err != nil {
		return nil, 0, err
	}
	for id, rs := range byAgency {
		out[at[id]].Rules = rs
	}
	return out, total, nil
}

var _ board.Store = (*Store)(nil)
