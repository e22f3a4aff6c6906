package annual_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPeriodLock: once a year's report is published, a change of the
// records that moves a cell of table 三 or 四 is refused until the 负责人
// reopens the year with a reason; the correction closes it, and a relock
// is allowed only when nothing moved (#13 "After publication").
func TestPeriodLock(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newWorld(t, st)
		late := compile.Case{ID: "2014-0009", Received: calendar.D(2014, 6, 2), Applicant: report.Commercial,
			Outcome: report.Granted, Ended: calendar.D(2014, 6, 20)}
		locked := func(t *testing.T) error {
			t.Helper()
			return w.svc.CheckPeriods(ctx, w.a.ID, []int{2013, 2014})
		}

		e := publishYear(t, w, 2014)
		if err := locked(t); err != nil {
			t.Fatalf("records as published: %v", err)
		}
		w.cases[w.a.ID] = append(slices.Clone(w.cases[w.a.ID]), late)
		err := locked(t)
		if !errors.Is(err, apperr.Conflict) || !hasKey(err, "annual.period_locked") {
			t.Fatalf("a request of 2014 added after publication: err = %v; want Conflict annual.period_locked", err)
		}
		if _, args := apperr.MessageOf(err); len(args) < 2 || args[0] != 2014 || !strings.Contains(args[1].(string), "表三") {
			t.Errorf("the refusal names %v; want the year and a table 三 cell", args)
		}
		if err := w.svc.CheckPeriods(ctx, w.a.ID, []int{2013, 2015}); err != nil {
			t.Errorf("years without a published report: %v", err)
		}

		for _, tc := range []struct {
			name   string
			err    error
			reason string
			key    string
		}{
			{"a clerk may not reopen", apperr.Forbidden, "补录", "annual.publish_forbidden"},
			{"a reason is required", apperr.Invalid, "  ", "annual.reopen_reason"},
		} {
			who := w.head
			if tc.key == "annual.publish_forbidden" {
				who = w.clerk
			}
			if _, err := w.svc.Reopen(ctx, who, w.a.ID, 2014, tc.reason); !errors.Is(err, tc.err) || !hasKey(err, tc.key) {
				t.Errorf("%s: err = %v; want %v %s", tc.name, err, tc.err, tc.key)
			}
		}
		r, err := w.svc.Reopen(ctx, w.head, w.a.ID, 2014, "补录 6 月漏登的一件申请")
		if err != nil || r.N != 1 {
			t.Fatalf("reopen: %+v, %v", r, err)
		}
		if _, err := w.svc.Reopen(ctx, w.head, w.a.ID, 2014, "again"); !errors.Is(err, apperr.Conflict) {
			t.Errorf("second reopen: err = %v; want Conflict", err)
		}
		if err := locked(t); err != nil {
			t.Errorf("reopened year: %v", err)
		}
		if err := w.svc.Relock(ctx, w.head, w.a.ID, 2014); !errors.Is(err, apperr.Conflict) || !hasKey(err, "annual.relock_changed") {
			t.Errorf("relock after a change: err = %v; want Conflict annual.relock_changed", err)
		}
		if _, n, err := w.svc.Correct(ctx, w.head, w.a.ID, 2014, e, "补录 6 月漏登的一件申请，表三相应更正。"); err != nil || n != 2 {
			t.Fatalf("correct: version %d, %v", n, err)
		}
		if _, err := w.svc.Reopened(ctx, w.a.ID, 2014); !errors.Is(err, apperr.NotFound) {
			t.Errorf("after the correction the year is still reopened: %v", err)
		}
		if err := locked(t); err != nil {
			t.Errorf("records as corrected: %v", err)
		}
		// A reopening that changes nothing is relocked.
		if _, err := w.svc.Reopen(ctx, w.head, w.a.ID, 2014, "核对"); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Relock(ctx, w.clerk, w.a.ID, 2014); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("clerk relocks: err = %v; want Forbidden", err)
		}
		if err := w.svc.Relock(ctx, w.head, w.a.ID, 2014); err != nil {
			t.Errorf("relock: %v", err)
		}
		if err := w.svc.Relock(ctx, w.head, w.a.ID, 2014); !errors.Is(err, apperr.NotFound) {
			t.Errorf("relock of a locked year: err = %v; want NotFound", err)
		}
		if !auditHas(t, st, "report.reopen", "year=2014 补录") || !auditHas(t, st, "report.relock", "year=2014") {
			t.Error("reopen and relock are not in the audit log")
		}
		// A draft cannot be reopened.
		if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2012, zeros("2013-01-15")); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Reopen(ctx, w.head, w.a.ID, 2012, "x"); !errors.Is(err, apperr.Conflict) {
			t.Errorf("reopen a draft: err = %v; want Conflict", err)
		}
	})
}
