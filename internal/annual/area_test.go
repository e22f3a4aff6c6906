package annual_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
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

// TestCompileArea walks a whole-area report from compilation to
// publication: only a 人民政府 compiles one, only its staff; the draft sums
// the government's own records and its departments' published report,
// lists the department without a report as absent in every cell; staff
// edit it as their own (an override of the area's table 二 needs a
// reason) and publish it; the government's own records are then locked,
// and the area is compiled again only while the year is reopened. Every
// step is audited.
func TestCompileArea(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		mk := func(name string, kind agency.Kind, parent int64) agency.Agency {
			a, err := st.CreateAgency(ctx, agency.Agency{Name: name, Kind: kind, ParentID: parent, CreatedAt: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		gov := mk("北仑区人民政府", agency.Government, 0)
		dept := mk("北仑区司法局", agency.Department, gov.ID)
		mk("北仑区教育局", agency.Department, gov.ID)
		if _, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区政务公开办", Kind: agency.Other, ParentID: gov.ID, NoReport: true, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
		cases := fakeCases{
			gov.ID:  {{ID: "2022-1", Received: calendar.D(2022, 3, 1), Applicant: report.NaturalPerson, Outcome: report.Granted, Ended: calendar.D(2022, 3, 10)}},
			dept.ID: {{ID: "2022-7", Received: calendar.D(2022, 5, 1), Applicant: report.Commercial, Outcome: report.Granted, Ended: calendar.D(2022, 5, 9)}},
		}
		svc, err := annual.New(st, cases, st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2023, 1, 20, 2, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		clerkG, headG := staff(1, "gclerk", gov.ID, nil, account.Clerk), staff(2, "ghead", gov.ID, nil, account.Head)
		clerkD, headD := staff(3, "dclerk", dept.ID, nil, account.Clerk), staff(4, "dhead", dept.ID, nil, account.Head)
		// The 司法局 publishes its own report first (31 January).
		if err := svc.Save(ctx, clerkD, dept.ID, 2022, zeros("2023-01-15")); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Publish(ctx, headD, dept.ID, 2022); err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name   string
			who    casework.Staffer
			agency int64
			want   error
			key    string
		}{
			{"a department compiles no area", clerkD, dept.ID, apperr.Invalid, "annual.area_not_government"},
			{"another agency's staff", clerkD, gov.ID, apperr.NotFound, "annual.not_found"},
		} {
			if _, err := svc.CompileArea(ctx, tc.who, tc.agency, 2022); !errors.Is(err, tc.want) || !hasKey(err, tc.key) {
				t.Errorf("%s: err = %v; want %v %s", tc.name, err, tc.want, tc.key)
			}
		}
		a, err := svc.CompileArea(ctx, clerkG, gov.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		var from []string
		for _, s := range a.Sources {
			from = append(from, s.Agency+":"+s.From)
		}
		if want := []string{"北仑区人民政府:records", "北仑区司法局:published", "北仑区教育局:absent"}; !slices.Equal(from, want) {
			t.Errorf("sources %v; want %v (the 公开办 publishes nothing)", from, want)
		}
		if got := a.Base.Requests[report.New][report.ColTotal]; got != report.N(2) {
			t.Errorf("new requests %v; want 2 (the government's 1 + the 司法局's 1)", got)
		}
		if got := a.Base.Proactive.FeesWanYuan; got != report.D("0") {
			t.Errorf("fees %v; want the 司法局's 0", got)
		}
		for _, ab := range a.Absences {
			if !slices.Contains(ab.Agencies, "北仑区教育局") {
				t.Errorf("%s absent in %v; want the 教育局 among them", ab.Cell, ab.Agencies)
			}
		}
		if len(a.Absences) < len(compile.CellValues(a.Base)) {
			t.Errorf("%d cells absent; want every cell (the 教育局 has no report)", len(a.Absences))
		}

		// The draft is the government's report: an override of the area's
		// table 二 needs a reason, as for records.
		e := zeros("2023-03-15")
		e.Proactive.LicensingDecisions = report.N(5)
		if err := svc.Save(ctx, clerkG, gov.ID, 2022, e); !errors.Is(err, apperr.Invalid) || !hasKey(err, "annual.override_reason") {
			t.Fatalf("override without a reason: err = %v; want annual.override_reason", err)
		}
		e.Reasons = map[report.CellID]string{"proactive.licensing_decisions": "教育局未发布报告，按其报送数加 5 件"}
		if err := svc.Save(ctx, clerkG, gov.ID, 2022, e); err != nil {
			t.Fatal(err)
		}
		b, err := svc.Build(ctx, clerkG, gov.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if b.Area == nil || b.Report.Proactive.LicensingDecisions != report.N(5) || b.Report.Requests[report.New][report.ColTotal] != report.N(2) ||
			len(b.Overrides) != 1 {
			t.Fatalf("draft: area %v, licensing %v, new %v, overrides %v", b.Area != nil, b.Report.Proactive.LicensingDecisions,
				b.Report.Requests[report.New][report.ColTotal], b.Overrides)
		}
		if _, err := svc.Publish(ctx, headG, gov.ID, 2022); err != nil {
			t.Fatalf("publish: %v (findings %v)", err, report.RulesBroken(b.Findings))
		}

		// The overview's facts are the government's own part: a supervisor
		// summing the district counts the 司法局 once.
		if f, err := st.ReportFacts(ctx, gov.ID, 2022); err != nil || cellOf(f, "requests.new.total") != report.N(1) {
			t.Errorf("facts of the area report: new %v, %v; want the government's own 1", cellOf(f, "requests.new.total"), err)
		}
		// Published: the government's own records are locked; the
		// 司法局's records are the 司法局's business.
		if err := svc.CheckPeriods(ctx, gov.ID, []int{2022}); err != nil {
			t.Errorf("records as compiled: %v", err)
		}
		cases[gov.ID] = append(slices.Clone(cases[gov.ID]), compile.Case{ID: "2022-2", Received: calendar.D(2022, 6, 1), Applicant: report.NaturalPerson})
		if err := svc.CheckPeriods(ctx, gov.ID, []int{2022}); !hasKey(err, "annual.period_locked") {
			t.Errorf("a request of the government added after publication: err = %v; want annual.period_locked", err)
		}
		if _, err := svc.CompileArea(ctx, clerkG, gov.ID, 2022); !errors.Is(err, apperr.Conflict) || !hasKey(err, "annual.area_published") {
			t.Errorf("compile a published area: err = %v; want Conflict", err)
		}
		if _, err := svc.Reopen(ctx, headG, gov.ID, 2022, "补录一件申请"); err != nil {
			t.Fatal(err)
		}
		a2, err := svc.CompileArea(ctx, clerkG, gov.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if got := a2.Base.Requests[report.New][report.ColTotal]; got != report.N(3) {
			t.Errorf("compiled again: new %v; want 3", got)
		}
		if _, n, err := svc.Correct(ctx, headG, gov.ID, 2022, e, "补录本机关一件申请"); err != nil || n != 2 {
			t.Fatalf("correction: version %d, %v", n, err)
		}
		_, rep, err := svc.Published(ctx, gov.ID, 2022)
		if err != nil || rep.Requests[report.New][report.ColTotal] != report.N(3) || rep.Proactive.LicensingDecisions != report.N(5) {
			t.Errorf("corrected report: %v, %v", rep.Requests[report.New][report.ColTotal], err)
		}
		if err := svc.CheckPeriods(ctx, gov.ID, []int{2022}); err != nil {
			t.Errorf("after the correction: %v", err)
		}
		if f, err := st.ReportFacts(ctx, gov.ID, 2022); err != nil || cellOf(f, "requests.new.total") != report.N(2) {
			t.Errorf("facts after the correction: new %v, %v; want the government's own 2", cellOf(f, "requests.new.total"), err)
		}

		evs, err := st.AuditEvents(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ev := range evs {
			if ev.Action == annual.ActArea || (ev.Action == annual.ActPublish && ev.ObjectID == strconv.FormatInt(gov.ID, 10)) {
				got = append(got, ev.Action+" "+string(ev.Result)+" "+ev.Detail)
			}
		}
		want := []string{"report.area fail year=2022 annual.area_not_government", "report.area denied year=2022",
			"report.area ok year=2022 agencies=3 published=1 imported=0 area=0 records=1 absent=1 cells_absent=",
			"report.publish ok year=2022 warnings=", "report.area fail year=2022 annual.area_published", "report.area ok year=2022 agencies=3"}
		if len(got) != len(want) {
			t.Fatalf("audit %q; want %d events like %q", got, len(want), want)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("audit event %d: %q; want %q…", i, got[i], want[i])
			}
		}
		if !strings.Contains(got[3], " area agencies=3 absent=1") {
			t.Errorf("publication %q does not say what the area lacks", got[3])
		}
	})
}

// cellOf is the stored value of cell id in f.
func cellOf(f annual.Facts, id report.CellID) report.Num {
	for _, c := range f.Cells {
		if c.ID == id {
			return c.Value
		}
	}
	return report.Num{}
}
