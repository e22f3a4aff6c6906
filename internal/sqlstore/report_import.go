package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/search"
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

// importRowsPerInsert bounds the reports of one multi-row INSERT (nine
// values a row: well under SQLite's and PostgreSQL's parameter limits).
const importRowsPerInsert = 100

// ImportReports implements annual.Store: ImportReport of many reports in
// one transaction, with the same rows stored, but each table written by
// one multi-row INSERT per importRowsPerInsert reports instead of a
// statement a report, and the search postings of all of them sorted and
// written together. A report of an agency's year already stored is
// apperr.Conflict (annual.already_published), and nothing is stored.
func (s *Store) ImportReports(ctx context.Context, recs []annual.Record, srcs []annual.ImportSource) error {
	if len(recs) != len(srcs) {
		return fmt.Errorf("sqlstore: import reports: %d records, %d sources", len(recs), len(srcs))
	}
	for i, rec := range recs {
		if len(rec.Snapshot) == 0 {
			return apperr.New(apperr.Invalid, "annual.snapshot_missing")
		}
		if err := needTime("import report", "PublishedAt", rec.PublishedAt); err != nil {
			return err
		}
		if err := needTime("import report", "ImportedAt", srcs[i].ImportedAt); err != nil {
			return err
		}
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		for start := 0; start < len(recs); start += importRowsPerInsert {
			end := min(start+importRowsPerInsert, len(recs))
			if err := s.importChunk(ctx, recs[start:end], srcs[start:end]); err != nil {
				return err
			}
		}
		return nil
	})
}

// importChunk writes the rows of ImportReport for a few reports, a
// multi-row INSERT a table.
func (s *Store) importChunk(ctx context.Context, recs []annual.Record, srcs []annual.ImportSource) error {
	const op = "import report"
	drafts, imports, versions, docs := newValues(9), newValues(9), newValues(7), newValues(6)
	for i, rec := range recs {
		entries, err := json.Marshal(rec.Entries)
		if err != nil {
			return s.mapErr(op, err)
		}
		drafts.add(rec.AgencyID, rec.Year, string(entries), "published", rec.UpdatedBy, s.d.t(rec.UpdatedAt), rec.PublishedBy,
			s.d.t(rec.PublishedAt), string(rec.Snapshot))
		src := srcs[i]
		imports.add(rec.AgencyID, rec.Year, src.File, src.Format, src.BlobKey, src.SHA256, src.Size, src.ImportedBy, s.d.t(src.ImportedAt))
		versions.add(rec.AgencyID, rec.Year, 1, string(rec.Snapshot), "", rec.PublishedBy, s.d.t(rec.PublishedAt))
		// The search document, as indexReport makes it from the stored
		// snapshot.
		rep, err := rec.Report()
		if err != nil {
			return fmt.Errorf("sqlstore: %s of agency %d on %d: %w", op, rec.AgencyID, rec.Year, err)
		}
		paras := search.ReportDoc(rep).Paragraphs()
		docs.add(rec.Year, rec.AgencyID, search.ReportColumn, s.d.t(rec.PublishedAt), strings.Join(paras, "\n"), search.FoldedText(paras))
	}
	_, err := s.exec(ctx, "INSERT INTO report_drafts (agency_id, year, entries, status, updated_by, updated_at, published_by, published_at, snapshot) VALUES "+
		drafts.sql(), drafts.args...)
	if err != nil {
		if err = s.mapErr(op, err); errors.Is(err, apperr.Conflict) {
			return apperr.Wrap(apperr.Conflict, "annual.already_published", err)
		}
		return err
	}
	if _, err := s.exec(ctx, "INSERT INTO report_imports (agency_id, year, file_name, format, blob_key, sha256, size, imported_by, imported_at) VALUES "+
		imports.sql(), imports.args...); err != nil {
		return s.mapErr(op, err)
	}
	if _, err := s.exec(ctx, "INSERT INTO report_versions (agency_id, year, version, snapshot, note, published_by, published_at) VALUES "+
		versions.sql(), versions.args...); err != nil {
		return s.mapErr("add report version", err)
	}
	// Searchable the moment it is stored, like a report published here
	// (indexReport): a search document left by an earlier record of the
	// same year goes first.
	keys := make([]any, 0, 2*len(recs))
	for _, rec := range recs {
		keys = append(keys, rec.AgencyID, rec.Year)
	}
	cond := strings.Repeat(" OR (agency_id = ? AND report_year = ?)", len(recs))[4:]
	if err := s.dropSearchDoc(ctx, cond, keys...); err != nil {
		return s.mapErr(op, err)
	}
	_, err = s.exec(ctx, `INSERT INTO search_docs (report_year, agency_id, version, index_no, category, published_at, plain, folded) VALUES `+
		strings.Repeat(", (?, ?, 1, '', ?, ?, ?, ?)", len(recs))[2:], docs.args...)
	return s.mapErr(op, err)
}

// values gathers the rows of a multi-row INSERT.
type values struct {
	cols, rows int
	args       []any
}

func newValues(cols int) *values { return &values{cols: cols} }

// add appends one row.
func (v *values) add(row ...any) {
	v.args = append(v.args, row...)
	v.rows++
}

// sql returns "(?, …), (?, …)" for the rows.
func (v *values) sql() string {
	one := "(" + strings.Repeat(", ?", v.cols)[2:] + ")"
	return strings.Repeat(", "+one, v.rows)[2:]
}
