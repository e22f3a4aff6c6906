package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// inScope is the SQL condition "col is one of the ids of the JSON array
// bound to the placeholder": one parameter however large the scope (a
// province has tens of thousands of agencies, beyond a list of
// placeholders).
func (s *Store) inScope(col string) string {
	if s.d.name == "postgres" {
		return col + " IN (SELECT (jsonb_array_elements_text(CAST(? AS jsonb)))::bigint)"
	}
	return col + " IN (SELECT value FROM json_each(?))"
}

func scopeJSON(ids []int64) string {
	b, _ := json.Marshal(ids) // []int64 always marshals
	if ids == nil {
		return "[]"
	}
	return string(b)
}

// OverviewStatuses implements annual.Store: one query over the agencies of
// scope, with their report record and stored findings on year.
func (s *Store) OverviewStatuses(ctx context.Context, year int, scope []int64) ([]annual.StatusRow, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.name, a.kind, a.no_report, COALESCE(d.status, ''), d.published_at,
			m.errors, m.warnings
		FROM agencies a
		LEFT JOIN report_drafts d ON d.agency_id = a.id AND d.year = ?
		LEFT JOIN report_summaries m ON m.agency_id = a.id AND m.year = ?
		WHERE `+s.inScope("a.id")+` ORDER BY a.id`, year, year, scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr("overview statuses", err)
	}
	defer rows.Close()
	var out []annual.StatusRow
	for rows.Next() {
		var r annual.StatusRow
		var kind, status string
		var errs, warns sql.NullInt64
		if err := rows.Scan(&r.Agency.ID, &r.Agency.Name, &kind, &r.Agency.NoReport, &status, dbTime{&r.PublishedAt}, &errs, &warns); err != nil {
			return nil, s.mapErr("overview statuses", err)
		}
		r.Agency.Kind, r.Status = agency.Kind(kind), annual.Status(status)
		r.HasFacts, r.Errors, r.Warnings = errs.Valid, int(errs.Int64), int(warns.Int64)
		out = append(out, r)
	}
	return out, s.mapErr("overview statuses", rows.Err())
}

// RuleCounts implements annual.Store: per rule, the agencies of scope
// whose published report on year breaks it (an error when any does so
// with an error), by rule.
func (s *Store) RuleCounts(ctx context.Context, year int, scope []int64) ([]annual.RuleCount, error) {
	rows, err := s.query(ctx, `SELECT rule, MIN(severity), COUNT(*) FROM report_rules
		WHERE year = ? AND `+s.inScope("agency_id")+` GROUP BY rule ORDER BY rule`, year, scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr("rule counts", err)
	}
	defer rows.Close()
	var out []annual.RuleCount
	for rows.Next() {
		var r annual.RuleCount
		if err := rows.Scan(&r.Rule, &r.Severity, &r.N); err != nil { // MIN: 'error' < 'warning'
			return nil, s.mapErr("rule counts", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("rule counts", rows.Err())
}

// RuleAgencies implements annual.Store.
func (s *Store) RuleAgencies(ctx context.Context, year int, rule string, scope []int64) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT agency_id FROM report_rules
		WHERE year = ? AND rule = ? AND `+s.inScope("agency_id")+` ORDER BY agency_id`, year, rule, scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr("rule agencies", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.mapErr("rule agencies", err)
		}
		out = append(out, id)
	}
	return out, s.mapErr("rule agencies", rows.Err())
}

// CellAgencies implements annual.Store: one seek per agency of scope in
// report_cells' covering index (agency_id, year, cell, value).
func (s *Store) CellAgencies(ctx context.Context, year int, cell report.CellID, scope []int64) ([]annual.AgencyCell, error) {
	rows, err := s.query(ctx, `SELECT agency_id, value FROM report_cells
		WHERE year = ? AND cell = ? AND `+s.inScope("agency_id")+` ORDER BY agency_id`, year, string(cell), scopeJSON(scope))
	if err != nil {
		return nil, s.mapErr("cell agencies", err)
	}
	defer rows.Close()
	var out []annual.AgencyCell
	for rows.Next() {
		var c annual.AgencyCell
		var v sql.NullInt64
		if err := rows.Scan(&c.AgencyID, &v); err != nil {
			return nil, s.mapErr("cell agencies", err)
		}
		if v.Valid {
			c.Value = report.N(v.Int64)
		}
		out = append(out, c)
	}
	return out, s.mapErr("cell agencies", rows.Err())
}

// RulesOf implements annual.Store: one seek per agency in report_rules'
// primary key.
func (s *Store) RulesOf(ctx context.Context, year int, agencies []int64) (map[int64][]annual.RuleCount, error) {
	out := map[int64][]annual.RuleCount{}
	if len(agencies) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT agency_id, rule, severity, n FROM report_rules
		WHERE year = ? AND `+s.inScope("agency_id")+` ORDER BY agency_id, rule`, year, scopeJSON(agencies))
	if err != nil {
		return nil, s.mapErr("rules of", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r annual.RuleCount
		if err := rows.Scan(&id, &r.Rule, &r.Severity, &r.N); err != nil {
			return nil, s.mapErr("rules of", err)
		}
		out[id] = append(out[id], r)
	}
	return out, s.mapErr("rules of", rows.Err())
}
