package compile

import (
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

func TestAggregate(t *testing.T) {
	a, err := Compile("甲局", 2023, []Case{
		{ID: "a1", Received: d("2023-02-01"), Outcome: report.Granted, Ended: d("2023-02-10")},
		{ID: "a2", Received: d("2023-12-30"), Applicant: report.Commercial},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Compile("乙局", 2023, []Case{
		{ID: "b1", Received: d("2022-12-30"), Outcome: report.Granted, Ended: d("2023-01-10"),
			Appeals: []Appeal{{Kind: Review, Result: Pending}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a.Report.Proactive.FeesWanYuan = report.D("0.35")
	a.Report.Proactive.LicensingDecisions = report.N(3)
	b.Report.Proactive.FeesWanYuan = report.D("12.6")
	b.Report.Requests[report.OtherNoCorrection] = nil // an old single 其他处理 row

	sum, abs, err := Aggregate("某市", 2023, []*report.Report{a.Report, b.Report})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		id   string
		got  report.Num
		want report.Num
	}{
		{"new.total", sum.Requests[report.New][report.ColTotal], report.N(2)},
		{"carried_over.total", sum.Requests[report.CarriedOver][report.ColTotal], report.N(1)},
		{"granted.total", sum.Requests[report.Granted][report.ColTotal], report.N(2)},
		{"carried_forward.commercial", sum.Requests[report.CarriedForward][report.Commercial], report.N(1)},
		{"other_no_correction.total", sum.Requests[report.OtherNoCorrection][report.ColTotal], report.N(0)},
		{"review.pending", sum.ReviewLitigation.Review.Pending, report.N(1)},
		{"licensing_decisions", sum.Proactive.LicensingDecisions, report.N(3)},
		{"penalty_decisions", sum.Proactive.PenaltyDecisions, report.Num{}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %s; want %s", c.id, c.got, c.want)
		}
	}
	if got := sum.Proactive.FeesWanYuan; got != report.D("12.95") {
		t.Errorf("fees: got %s; want 12.95", got)
	}
	byCell := make(map[report.CellID][]string)
	for _, a := range abs {
		byCell[a.Cell] = a.Agencies
	}
	if got := byCell["proactive.licensing_decisions"]; len(got) != 1 || got[0] != "乙局" {
		t.Errorf("absent licensing_decisions: got %v; want [乙局]", got)
	}
	if got := byCell["proactive.penalty_decisions"]; len(got) != 2 {
		t.Errorf("absent penalty_decisions: got %v; want both agencies", got)
	}
	if got := byCell[report.ReqCell(report.OtherNoCorrection, report.NaturalPerson)]; len(got) != 1 || got[0] != "乙局" {
		t.Errorf("absent other_no_correction: got %v; want [乙局]", got)
	}
	if _, ok := byCell[report.ReqCell(report.New, report.ColTotal)]; ok {
		t.Errorf("new.total reported absent; it is present in both")
	}

	tests := []struct {
		name    string
		year    int
		reports []*report.Report
	}{
		{"none", 2023, nil},
		{"other year", 2024, []*report.Report{a.Report}},
		{"mixed templates", 2023, []*report.Report{a.Report, func() *report.Report { r := report.Empty(report.Template2019); r.Year = 2023; return r }()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := Aggregate("某市", tt.year, tt.reports); err == nil {
				t.Errorf("Aggregate: got no error; want one")
			}
		})
	}
}
