package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

var _ annual.Store = (*Store)(nil)

const reportCols = "agency_id, year, entries, status, updated_by, updated_at, published_by, published_at, snapshot"

func scanReport(sc interface{ Scan(...any) error }) (annual.Record, error) {
	var (
		r       annual.Record
		entries string
		status  string
		snap    string
	)
	if err := sc.Scan(&r.AgencyID, &r.Year, &entries, &status, &r.UpdatedBy, dbTime{&r.UpdatedAt}, &r.PublishedBy,
		dbTime{&r.PublishedAt}, &snap); err != nil {
		return annual.Record{}, err
	}
	r.Status = annual.Status(status)
	if snap != "" {
		r.Snapshot = []byte(snap)
	}
	if err := json.Unmarshal([]byte(entries), &r.Entries); err != nil {
		return annual.Record{}, err
	}
	return r, nil
}

// ReportRecord implements annual.Store.
func (s *Store) ReportRecord(ctx context.Context, agencyID int64, year int) (annual.Record, error) {
	r, err := scanReport(s.queryRow(ctx, "SELECT "+reportCols+" FROM report_drafts WHERE agency_id = ? AND year = ?", agencyID, year))
	if err != nil {
		return annual.Record{}, s.notFound("report record", "annual.not_found", err)
	}
	return r, nil
}

// SaveReportEntries implements annual.Store.
func (s *Store) SaveReportEntries(ctx context.Context, r annual.Record) error {
	if err := needTime("save report entries", "UpdatedAt", r.UpdatedAt); err != nil {
		return err
	}
	b, err := json.Marshal(r.Entries)
	if err != nil {
		return s.mapErr("save report entries", err)
	}
	res, err := s.exec(ctx, `INSERT INTO report_drafts (agency_id, year, entries, status, updated_by, updated_at)
		VALUES (?, ?, ?, 'draft', ?, ?)
		ON CONFLICT (agency_id, year) DO UPDATE SET entries = excluded.entries, updated_by = excluded.updated_by,
			updated_at = excluded.updated_at WHERE report_drafts.status = 'draft'`,
		r.AgencyID, r.Year, string(b), r.UpdatedBy, s.d.t(r.UpdatedAt))
	if err != nil {
		return s.mapErr("save report entries", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.mapErr("save report entries", err)
	} else if n == 0 {
		return apperr.New(apperr.Conflict, "annual.published_frozen")
	}
	return nil
}

// PublishReport implements annual.Store.
func (s *Store) PublishReport(ctx context.Context, r annual.Record) error {
	if len(r.Snapshot) == 0 {
		return apperr.New(apperr.Invalid, "annual.snapshot_missing")
	}
	if err := needTime("publish report", "PublishedAt", r.PublishedAt); err != nil {
		return err
	}
	// The snapshot is what the portal, the API and search read: a report,
	// or the publication does not happen.
	var rep report.Report
	if err := json.Unmarshal(r.Snapshot, &rep); err != nil {
		return fmt.Errorf("sqlstore: publish report of agency %d on %d: snapshot: %w", r.AgencyID, r.Year, err)
	}
	// The record, its version 1 and its search document, together.
	return s.InTx(ctx, func(ctx context.Context) error {
		res, err := s.exec(ctx, `UPDATE report_drafts SET status = 'published', published_by = ?, published_at = ?, snapshot = ?
			WHERE agency_id = ? AND year = ? AND status = 'draft'`,
			r.PublishedBy, s.d.t(r.PublishedAt), string(r.Snapshot), r.AgencyID, r.Year)
		if err != nil {
			return s.mapErr("publish report", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return s.mapErr("publish report", err)
		} else if n == 0 {
			return apperr.New(apperr.Conflict, "annual.draft_missing")
		}
		if err := s.addReportVersion(ctx, r.AgencyID, r.Year, 1, r.Snapshot, "", r.PublishedBy, r.PublishedAt); err != nil {
			return err
		}
		// Findable the moment the publication commits (条例第二十四条).
		return s.indexReport(ctx, r.AgencyID, r.Year)
	})
}

// PublishedReports implements annual.Store; the records come without
// their entries and snapshots.
func (s *Store) PublishedReports(ctx context.Context, year int) ([]annual.Record, error) {
	// A list needs neither the entries nor the snapshots (some kB each).
	q := `SELECT agency_id, year, '{}', status, updated_by, updated_at, published_by, published_at, ''
		FROM report_drafts WHERE status = 'published'`
	var args []any
	if year != 0 {
		q += " AND year = ?"
		args = append(args, year)
	}
	rows, err := s.query(ctx, q+" ORDER BY year DESC, agency_id", args...)
	if err != nil {
		return nil, s.mapErr("published reports", err)
	}
	defer rows.Close()
	var out []annual.Record
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, s.mapErr("published reports", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("published reports", rows.Err())
}

// PublishedPage implements annual.Store: one query for the total, one for
// the page (the snapshots of the page's rows only, for their template).
func (s *Store) PublishedPage(ctx context.Context, q annual.ListQuery) (annual.ListPage, error) {
	where := "r.status = 'published'"
	var args []any
	if len(q.AgencyIDs) > 0 {
		where += " AND r.agency_id IN (" + strings.Repeat(", ?", len(q.AgencyIDs))[2:] + ")"
		for _, id := range q.AgencyIDs {
			args = append(args, id)
		}
	}
	if q.Year != 0 {
		where += " AND r.year = ?"
		args = append(args, q.Year)
	}
	var out annual.ListPage
	if err := s.queryRow(ctx, "SELECT count(*) FROM report_drafts r WHERE "+where, args...).Scan(&out.Total); err != nil {
		return out, s.mapErr("published page", err)
	}
	rows, err := s.query(ctx, `SELECT r.agency_id, a.name, r.year, r.published_at, r.snapshot FROM report_drafts r
		JOIN agencies a ON a.id = r.agency_id WHERE `+where+` ORDER BY r.year DESC, r.agency_id LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return out, s.mapErr("published page", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l annual.Listed
		var snap string
		if err := rows.Scan(&l.AgencyID, &l.Agency, &l.Year, dbTime{&l.PublishedAt}, &snap); err != nil {
			return out, s.mapErr("published page", err)
		}
		var t struct {
			Template string `json:"template"`
		}
		if err := json.Unmarshal([]byte(snap), &t); err != nil {
			return out, fmt.Errorf("sqlstore: published page: snapshot of agency %d on %d: %w", l.AgencyID, l.Year, err)
		}
		l.Template = t.Template
		out.Rows = append(out.Rows, l)
	}
	return out, s.mapErr("published page", rows.Err())
}
