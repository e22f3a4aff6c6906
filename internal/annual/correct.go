package annual

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
)

// ActCorrect is the audit action of a published correction.
const ActCorrect = "report.correct"

// MaxCorrectionNote bounds a 更正说明, in characters.
const MaxCorrectionNote = 2000

// A Version is one publication of a report (#13 "After publication"):
// version 1 as first published or imported, then one per correction, each
// with its 更正说明 (Note; empty for version 1). Snapshot is filled only
// when one version is asked for.
type Version struct {
	N           int
	Note        string
	PublishedBy string
	PublishedAt time.Time
	Snapshot    []byte
}

// Report decodes the version's snapshot.
func (v Version) Report() (*report.Report, error) {
	var rep report.Report
	if err := json.Unmarshal(v.Snapshot, &rep); err != nil {
		return nil, fmt.Errorf("annual: snapshot of version %d: %w", v.N, err)
	}
	return &rep, nil
}

// Correct publishes a correction (更正) of agency agencyID's published
// report on year for w, its 负责人 (report.publish): a published report is
// never changed silently, so the correction needs a 更正说明 (note), which
// the public page shows with the history of versions, and every earlier
// version stays readable. The corrected report is assembled as for
// publication — tables 三 and 四 compiled from the records now, table 二
// from the 主动公开 records when the agency keeps them (an entry of e that
// differs is an override and needs a reason), with the entries e — and must have no error-severity finding, and must differ from
// the version it replaces. The report keeps its first publication's date
// (the 条例第四十九条 deadline is judged on it). A report imported from
// outside gongkai has no records to compile and cannot be corrected here
// (annual.correct_imported). Corrections and refusals are audited.
func (s *Service) Correct(ctx context.Context, w casework.Staffer, agencyID int64, year int, e Entries, note string) (Built, int, error) {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return Built{}, 0, s.refuse(ctx, by, ActCorrect, agencyID, year, w, "annual.publish_forbidden")
	}
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return Built{}, 0, apperr.New(apperr.Invalid, "annual.correction_note")
	case utf8.RuneCountInString(note) > MaxCorrectionNote:
		return Built{}, 0, apperr.New(apperr.Invalid, "annual.correction_note_long", MaxCorrectionNote)
	}
	if err := e.Check(); err != nil {
		return Built{}, 0, err
	}
	var b Built
	var n int
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.build(ctx, agencyID, year)
		if err != nil {
			return err
		}
		if cur.Record.Status != Published {
			return apperr.New(apperr.Conflict, "annual.not_published")
		}
		if _, err := s.st.ImportedSource(ctx, agencyID, year); err == nil {
			return apperr.New(apperr.Conflict, "annual.correct_imported")
		} else if !errors.Is(err, apperr.NotFound) {
			return err
		}
		ag, err := s.ag.Agency(ctx, agencyID)
		if err != nil {
			return err
		}
		res, _, err := s.compiled(ctx, ag, year, cur.Area)
		if err != nil {
			return err
		}
		// Table 二 from the records, as for a draft: an override needs a
		// reason (catalog.md §3).
		detail := ""
		if cur.FromRecords != nil {
			var ov []Override
			if e, ov, err = e.againstRecords(*cur.FromRecords); err != nil {
				return err
			}
			res.Report.Proactive = *cur.FromRecords
			detail += overridesDetail(ov)
		} else {
			e.Reasons = nil
		}
		b = cur
		b.Report = Assemble(res.Report, e)
		b.Findings = report.ValidateWith(b.Report, b.Prev, ValidateOptions(ag))
		if errs, _ := report.Count(b.Findings); errs > 0 {
			return apperr.New(apperr.Invalid, "annual.has_errors", errs)
		}
		snap, err := json.Marshal(b.Report)
		if err != nil {
			return fmt.Errorf("annual: correct: %w", err)
		}
		if bytes.Equal(snap, cur.Record.Snapshot) {
			return apperr.New(apperr.Invalid, "annual.correction_unchanged")
		}
		b.Record.Entries, b.Record.Snapshot = e, snap
		at := s.now()
		if n, err = s.st.CorrectReport(ctx, b.Record, Version{Note: note, PublishedBy: w.Subject.Login, PublishedAt: at}); err != nil {
			return err
		}
		if err := s.st.SaveReportFacts(ctx, FactsOf(agencyID, year, factsReport(b), b.Findings)); err != nil {
			return err
		}
		// The correction closes the year's reopening: its records are
		// locked again behind the new version.
		if err := s.st.CloseReopen(ctx, agencyID, year, w.Subject.Login, at, n); err != nil && !errors.Is(err, apperr.NotFound) {
			return err
		}
		return s.log.Record(ctx, by.Event(ActCorrect, "report", agencyID, audit.ResultOK, fmt.Sprintf("year=%d version=%d", year, n)+areaDetailOf(cur.Area)+detail))
	})
	if err != nil {
		if k := apperr.KindOf(err); k == apperr.Invalid || k == apperr.Conflict {
			_ = s.log.Record(ctx, by.Event(ActCorrect, "report", agencyID, audit.ResultFail, fmt.Sprintf("year=%d %s", year, apperrKey(err))))
		}
		return Built{}, 0, err
	}
	b.Cells = nil
	return b, n, nil
}

// Versions lists the versions of a published report, oldest first, for
// anyone (the portal shows the history of corrections); never a draft's.
func (s *Service) Versions(ctx context.Context, agencyID int64, year int) ([]Version, error) {
	rec, err := s.st.ReportRecord(ctx, agencyID, year)
	if err != nil {
		return nil, err
	}
	if rec.Status != Published {
		return nil, apperr.New(apperr.NotFound, "annual.not_published")
	}
	return s.st.ReportVersions(ctx, agencyID, year)
}

// PublishedVersion returns version n of a published report with its
// snapshot decoded, for anyone.
func (s *Service) PublishedVersion(ctx context.Context, agencyID int64, year, n int) (Version, *report.Report, error) {
	if _, err := s.Versions(ctx, agencyID, year); err != nil {
		return Version{}, nil, err
	}
	v, err := s.st.ReportVersion(ctx, agencyID, year, n)
	if err != nil {
		return Version{}, nil, err
	}
	rep, err := v.Report()
	if err != nil {
		return Version{}, nil, err
	}
	return v, rep, nil
}
