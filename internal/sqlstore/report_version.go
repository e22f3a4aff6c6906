package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
)

// addReportVersion stores version n of a published report.
func (s *Store) addReportVersion(ctx context.Context, agencyID int64, year, n int, snapshot []byte, note, by string, at time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO report_versions (agency_id, year, version, snapshot, note, published_by, published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, agencyID, year, n, string(snapshot), note, by, s.d.t(at))
	return s.mapErr("add report version", err)
}

// CorrectReport implements annual.Store: the published record takes the
// corrected entries and snapshot (its first publication's date stays),
// the correction becomes the next version, and the search document is
// rebuilt, in one transaction.
func (s *Store) CorrectReport(ctx context.Context, rec annual.Record, v annual.Version) (int, error) {
	if len(rec.Snapshot) == 0 {
		return 0, apperr.New(apperr.Invalid, "annual.snapshot_missing")
	}
	if err := needTime("correct report", "PublishedAt", v.PublishedAt); err != nil {
		return 0, err
	}
	if v.Note == "" {
		return 0, apperr.New(apperr.Invalid, "annual.correction_note")
	}
	entries, err := rec.Entries.MarshalJSON()
	if err != nil {
		return 0, s.mapErr("correct report", err)
	}
	var n int
	err = s.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.ReportRecord(ctx, rec.AgencyID, rec.Year)
		if err != nil {
			return err
		}
		if cur.Status != annual.Published {
			return apperr.New(apperr.Conflict, "annual.not_published")
		}
		if err := s.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM report_versions WHERE agency_id = ? AND year = ?",
			rec.AgencyID, rec.Year).Scan(&n); err != nil {
			return s.mapErr("correct report", err)
		}
		if n == 0 { // published before versions were kept, and not migrated
			if err := s.addReportVersion(ctx, rec.AgencyID, rec.Year, 1, cur.Snapshot, "", cur.PublishedBy, cur.PublishedAt); err != nil {
				return err
			}
			n = 1
		}
		n++
		if _, err := s.exec(ctx, `UPDATE report_drafts SET entries = ?, snapshot = ?, updated_by = ?, updated_at = ?
			WHERE agency_id = ? AND year = ? AND status = 'published'`,
			string(entries), string(rec.Snapshot), v.PublishedBy, s.d.t(v.PublishedAt), rec.AgencyID, rec.Year); err != nil {
			return s.mapErr("correct report", err)
		}
		if err := s.addReportVersion(ctx, rec.AgencyID, rec.Year, n, rec.Snapshot, v.Note, v.PublishedBy, v.PublishedAt); err != nil {
			return err
		}
		return s.indexReport(ctx, rec.AgencyID, rec.Year)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// ReportVersions implements annual.Store: the versions of a published
// report, oldest first, without their snapshots.
func (s *Store) ReportVersions(ctx context.Context, agencyID int64, year int) ([]annual.Version, error) {
	rows, err := s.query(ctx, `SELECT version, note, published_by, published_at FROM report_versions
		WHERE agency_id = ? AND year = ? ORDER BY version`, agencyID, year)
	if err != nil {
		return nil, s.mapErr("report versions", err)
	}
	defer rows.Close()
	var out []annual.Version
	for rows.Next() {
		var v annual.Version
		if err := rows.Scan(&v.N, &v.Note, &v.PublishedBy, dbTime{&v.PublishedAt}); err != nil {
			return nil, s.mapErr("report versions", err)
		}
		out = append(out, v)
	}
	return out, s.mapErr("report versions", rows.Err())
}

// ReportVersion implements annual.Store: version n with its snapshot, or
// apperr.NotFound.
func (s *Store) ReportVersion(ctx context.Context, agencyID int64, year, n int) (annual.Version, error) {
	v := annual.Version{N: n}
	var snap string
	err := s.queryRow(ctx, `SELECT note, published_by, published_at, snapshot FROM report_versions
		WHERE agency_id = ? AND year = ? AND version = ?`, agencyID, year, n).
		Scan(&v.Note, &v.PublishedBy, dbTime{&v.PublishedAt}, &snap)
	if err != nil {
		return annual.Version{}, s.notFound(fmt.Sprintf("report version %d", n), "annual.version_not_found", err)
	}
	v.Snapshot = []byte(snap)
	return v, nil
}
