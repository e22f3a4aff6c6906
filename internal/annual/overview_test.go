package annual_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestOverview(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newWorld(t, st)
		w.cases[w.a.ID] = []compile.Case{
			{ID: "2022-0001", Received: calendar.D(2022, 3, 1), Applicant: report.NaturalPerson, Outcome: report.Granted, Ended: calendar.D(2022, 3, 20)},
			{ID: "2022-0002", Received: calendar.D(2022, 12, 28), Applicant: report.Research},
		}
		if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, zeros("2023-01-15")); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2022); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Overview(ctx, w.head, 2022); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("head: err = %v; want Forbidden", err)
		}
		w.now = time.Date(2023, 2, 5, 2, 0, 0, 0, time.UTC) // after 31 January, before 31 March
		ov, err := w.svc.Overview(ctx, w.super, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Rows) != 3 || ov.Published != 1 {
			t.Fatalf("rows %+v; want 3 agencies, 1 published", ov.Rows)
		}
		want := map[string]struct {
			published, late bool
		}{"北仑区人民政府": {false, false}, "北仑区司法局": {true, false}, "北仑区教育局": {false, true}}
		for _, r := range ov.Rows {
			wnt, ok := want[r.Agency]
			if !ok {
				t.Errorf("row of %q; want only %v", r.Agency, want)
				continue
			}
			if (r.Status == "published") != wnt.published || r.Late != wnt.late {
				t.Errorf("%s: status %q late %v; want published %v late %v", r.Agency, r.Status, r.Late, wnt.published, wnt.late)
			}
		}
		if got := ov.Aggregate.Requests[report.New][report.ColTotal]; got != report.N(2) {
			t.Errorf("aggregate new total = %v; want 2, the sum of the reports that have it", got)
		}
		var found, fees bool
		for _, a := range ov.Absences() {
			if a.Cell == report.ReqCell(report.New, report.ColTotal) {
				found = len(a.Agencies) == 2
			}
			if a.Cell == compile.FeesCell {
				fees = len(a.Agencies) == 2 // the two without a published report
			}
		}
		if !found || !fees {
			t.Errorf("absences %v; want requests.new.total and the fees missing from 2 agencies", ov.Absences())
		}

		// Publishing stored the report's cells in normalized form, an
		// absent cell as NULL (never 0), and its findings counted.
		facts, err := st.ReportFacts(ctx, w.a.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		_, rep, err := w.svc.Published(ctx, w.a.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ov.Aggregate.Proactive.FeesWanYuan, rep.Proactive.FeesWanYuan.Scaled().Unscaled(); !want.Valid || got != want {
			t.Errorf("aggregate fees %v; want %v, the one published report's", got, want)
		}
		want2 := compile.StoredCells(rep)
		if len(facts.Cells) != len(want2) || facts.Errors != 0 {
			t.Errorf("facts: %d cells, %d errors; want %d cells, 0 errors", len(facts.Cells), facts.Errors, len(want2))
		}
		stored := map[report.CellID]report.Num{}
		for _, c := range facts.Cells {
			stored[c.ID] = c.Value
		}
		for _, c := range want2 {
			if got, ok := stored[c.ID]; !ok || got != c.Value {
				t.Errorf("fact %s = %v (stored %v); want %v", c.ID, got, ok, c.Value)
			}
		}
		if got := stored[report.ReqCell(report.New, report.ColTotal)]; got != report.N(2) {
			t.Errorf("fact new total %v; want 2", got)
		}

		// The kind, not the name, sets the deadline (条例第四十九条); an
		// agency that publishes no report of its own is not listed.
		edu, err := st.AgencyByName(ctx, "北仑区教育局")
		if err != nil {
			t.Fatal(err)
		}
		gov, err := st.AgencyByName(ctx, "北仑区人民政府")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetAgencyKind(ctx, edu.ID, agency.Government, false); err != nil {
			t.Fatal(err)
		}
		if err := st.SetAgencyKind(ctx, gov.ID, agency.Government, true); err != nil {
			t.Fatal(err)
		}
		if ov, err = w.svc.Overview(ctx, w.super, 2022); err != nil {
			t.Fatal(err)
		}
		if len(ov.Rows) != 2 {
			t.Fatalf("rows %+v; want 2, the no-report government left out", ov.Rows)
		}
		for _, r := range ov.Rows {
			if r.Agency == "北仑区教育局" && (r.Late || r.Deadline != calendar.D(2023, 3, 31)) {
				t.Errorf("教育局 of kind 人民政府: late %v deadline %v; want not late, 2023-03-31", r.Late, r.Deadline)
			}
		}
	})
}
