package annual_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// publishYear saves and publishes agency a's report on year (every table
// 二 cell 0) and returns the entries published.
func publishYear(t *testing.T, w *world, year int) annual.Entries {
	t.Helper()
	ctx := context.Background()
	e := zeros(fmt.Sprintf("%d-01-15", year+1))
	if err := w.svc.Save(ctx, w.clerk, w.a.ID, year, e); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Publish(ctx, w.head, w.a.ID, year); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCorrect: a published report changes only by a correction with its
// 更正说明 (#13 "After publication"); every version stays readable, the
// first publication's date stays, the overview's facts follow the latest
// version. Each subtest publishes its own year.
func TestCorrect(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newWorld(t, st)

		t.Run("a correction is the next version", func(t *testing.T) {
			e := publishYear(t, w, 2015)
			first, _ := w.svc.Build(ctx, w.head, w.a.ID, 2015)
			w.now = w.now.Add(48 * time.Hour)
			e.Proactive.PenaltyDecisions = report.N(12)
			b, n, err := w.svc.Correct(ctx, w.head, w.a.ID, 2015, e, "  表二行政处罚决定数量漏填，更正为 12 件。 ")
			if err != nil {
				t.Fatal(err)
			}
			if n != 2 || b.Report.Proactive.PenaltyDecisions != report.N(12) {
				t.Fatalf("version %d, penalty %v; want version 2 with 12", n, b.Report.Proactive.PenaltyDecisions)
			}
			rec, rep, err := w.svc.Published(ctx, w.a.ID, 2015)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Proactive.PenaltyDecisions != report.N(12) || !rec.PublishedAt.Equal(first.Record.PublishedAt) {
				t.Errorf("published: penalty %v at %v; want 12, first published at %v", rep.Proactive.PenaltyDecisions, rec.PublishedAt, first.Record.PublishedAt)
			}
			vs, err := w.svc.Versions(ctx, w.a.ID, 2015)
			if err != nil || len(vs) != 2 {
				t.Fatalf("versions %+v, %v; want 2", vs, err)
			}
			if vs[0].N != 1 || vs[0].Note != "" || vs[1].N != 2 || vs[1].Note != "表二行政处罚决定数量漏填，更正为 12 件。" ||
				vs[1].PublishedBy != "head" || !vs[1].PublishedAt.Equal(w.now) {
				t.Errorf("versions %+v", vs)
			}
			v1, old, err := w.svc.PublishedVersion(ctx, w.a.ID, 2015, 1)
			if err != nil || old.Proactive.PenaltyDecisions != report.N(0) || v1.N != 1 {
				t.Errorf("version 1: %+v penalty %v, %v; want the first publication's 0", v1, old.Proactive.PenaltyDecisions, err)
			}
			if _, _, err := w.svc.PublishedVersion(ctx, w.a.ID, 2015, 3); !errors.Is(err, apperr.NotFound) {
				t.Errorf("version 3: err = %v; want NotFound", err)
			}
			f, err := st.ReportFacts(ctx, w.a.ID, 2015)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range f.Cells {
				if c.ID == "proactive.penalty_decisions" && c.Value != report.N(12) {
					t.Errorf("stored fact %s = %v; want 12", c.ID, c.Value)
				}
			}
			if !auditHas(t, st, annual.ActCorrect, "year=2015 version=2") {
				t.Error("the correction is not in the audit log")
			}
		})
		t.Run("refusals change nothing", func(t *testing.T) {
			e := publishYear(t, w, 2016)
			changed := e
			changed.Proactive.LicensingDecisions = report.N(3)
			for _, tc := range []struct {
				name string
				who  casework.Staffer
				e    annual.Entries
				note string
				kind apperr.Kind
				key  string
			}{
				{"no note", w.head, changed, " \n ", apperr.Invalid, "annual.correction_note"},
				{"note too long", w.head, changed, strings.Repeat("更", annual.MaxCorrectionNote+1), apperr.Invalid, "annual.correction_note_long"},
				{"nothing changed", w.head, e, "复核无误", apperr.Invalid, "annual.correction_unchanged"},
				{"bad entries", w.head, annual.Entries{Date: "2017-02-30"}, "改日期", apperr.Invalid, "annual.date_invalid"},
				{"a clerk may not", w.clerk, changed, "更正", apperr.Forbidden, "annual.publish_forbidden"},
				{"another agency's head sees nothing", w.headB, changed, "更正", apperr.NotFound, "annual.not_found"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					_, _, err := w.svc.Correct(ctx, tc.who, w.a.ID, 2016, tc.e, tc.note)
					if !errors.Is(err, tc.kind) || !hasKey(err, tc.key) {
						t.Errorf("err = %v; want %v %s", err, tc.kind, tc.key)
					}
				})
			}
			t.Run("the correction has errors", func(t *testing.T) {
				// A request of 2015 still open breaks the carry-over chain
				// with the published 2015 (R6, an error).
				saved := w.cases[w.a.ID]
				defer func() { w.cases[w.a.ID] = saved }()
				w.cases[w.a.ID] = append(slices.Clone(saved), compile.Case{ID: "2015-0009", Received: calendar.D(2015, 12, 20), Applicant: report.NaturalPerson})
				_, _, err := w.svc.Correct(ctx, w.head, w.a.ID, 2016, changed, "更正许可")
				if !errors.Is(err, apperr.Invalid) || !hasKey(err, "annual.has_errors") {
					t.Errorf("err = %v; want Invalid annual.has_errors", err)
				}
			})
			if vs, err := w.svc.Versions(ctx, w.a.ID, 2016); err != nil || len(vs) != 1 {
				t.Errorf("versions after refusals: %+v, %v; want only version 1", vs, err)
			}
		})
		t.Run("a draft is not corrected", func(t *testing.T) {
			if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2017, zeros("2018-01-15")); err != nil {
				t.Fatal(err)
			}
			if _, _, err := w.svc.Correct(ctx, w.head, w.a.ID, 2017, zeros("2018-01-16"), "更正"); !errors.Is(err, apperr.Conflict) {
				t.Errorf("err = %v; want Conflict", err)
			}
			if _, err := w.svc.Versions(ctx, w.a.ID, 2017); !errors.Is(err, apperr.NotFound) {
				t.Errorf("versions of a draft: err = %v; want NotFound", err)
			}
		})
		t.Run("an imported report is not corrected here", func(t *testing.T) {
			rep := report.Empty(report.Template2021)
			rep.Agency, rep.Year = w.a.Name, 2018
			var buf bytes.Buffer
			if err := report.Encode(&buf, rep); err != nil {
				t.Fatal(err)
			}
			snap := buf.Bytes()
			rec := annual.Record{AgencyID: w.a.ID, Year: 2018, Status: annual.Published, UpdatedBy: "super", UpdatedAt: w.now,
				PublishedBy: "super", PublishedAt: w.now, Snapshot: snap}
			src := annual.ImportSource{AgencyID: w.a.ID, Year: 2018, File: "r.txt", Format: "text", BlobKey: "reports/imported/x",
				SHA256: "x", Size: 1, ImportedBy: "super", ImportedAt: w.now}
			if err := st.ImportReport(ctx, rec, src); err != nil {
				t.Fatal(err)
			}
			if vs, err := w.svc.Versions(ctx, w.a.ID, 2018); err != nil || len(vs) != 1 || vs[0].PublishedBy != "super" {
				t.Errorf("an import is version 1: %+v, %v", vs, err)
			}
			if _, _, err := w.svc.Correct(ctx, w.head, w.a.ID, 2018, zeros("2019-01-15"), "更正"); !errors.Is(err, apperr.Conflict) || !hasKey(err, "annual.correct_imported") {
				t.Errorf("err = %v; want Conflict annual.correct_imported", err)
			}
		})
	})
}

// auditHas tells whether the audit log has an event of action whose
// detail contains detail.
func auditHas(t *testing.T, st *sqlstore.Store, action, detail string) bool {
	t.Helper()
	evs, err := st.AuditEvents(context.Background(), 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Action == action && e.Result == audit.ResultOK && strings.Contains(e.Detail, detail) {
			return true
		}
	}
	return false
}
