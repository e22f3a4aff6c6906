package sqlstore

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
)

// ImportReport implements annual.Store: the report as a published record
// of report_drafts and its source in report_imports, in one transaction.
func (s *Store) ImportReport(ctx context.Context, rec annual.Record, src annual.ImportSource) error {
	if len(rec.Snapshot) == 0 {
		return apperr.New(apperr.Invalid, "annual.snapshot_missing")
	}
	if err := needTime("import report", "PublishedAt", rec.PublishedAt); err != nil {
		return err
	}
	if err := needTime("import report", "ImportedAt", src.ImportedAt); err != nil {
		return err
	}
	entries, err := json.Marshal(rec.Entries)
	if err != nil {
		return s.mapErr("import report", err)
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		_, err := s.exec(ctx, `INSERT INTO report_drafts (agency_id, year, entries, status, updated_by, updated_at, published_by, published_at, snapshot)
			VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?)`,
			rec.AgencyID, rec.Year, string(entries), rec.UpdatedBy, s.d.t(rec.UpdatedAt), rec.PublishedBy, s.d.t(rec.PublishedAt), string(rec.Snapshot))
		if err != nil {
			if err = s.mapErr("import report", err); errors.Is(err, apperr.Conflict) {
				return apperr.Wrap(apperr.Conflict, "annual.already_published", err)
			}
			return err
		}
		_, err = s.exec(ctx, `INSERT INTO report_imports (agency_id, year, file_name, format, blob_key, sha256, size, imported_by, imported_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			rec.AgencyID, rec.Year, src.File, src.Format, src.BlobKey, src.SHA256, src.Size, src.ImportedBy, s.d.t(src.ImportedAt))
		if err != nil {
			return s.mapErr("import report", err)
		}
		if err := s.addReportVersion(ctx, rec.AgencyID, rec.Year, 1, rec.Snapshot, "", rec.PublishedBy, rec.PublishedAt); err != nil {
			return err
		}
		// Searchable the moment it is stored, like a report published here.
		return s.indexReport(ctx, rec.AgencyID, rec.Year)
	})
}

// ImportedSource implements annual.Store.
func (s *Store) ImportedSource(ctx context.Context, agencyID int64, year int) (annual.ImportSource, error) {
	src := annual.ImportSource{AgencyID: agencyID, Year: year}
	err := s.queryRow(ctx, `SELECT file_name, format, blob_key, sha256, size, imported_by, imported_at
		FROM report_imports WHERE agency_id = ? AND year = ?`, agencyID, year).
		Scan(&src.File, &src.Format, &src.BlobKey, &src.SHA256, &src.Size, &src.ImportedBy, dbTime{&src.ImportedAt})
	if err != nil {
		return annual.ImportSource{}, s.notFound("imported source", "annual.not_found", err)
	}
	return src, nil
}
