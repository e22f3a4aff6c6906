package compile

import (
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

var d = calendar.MustParse

// cell is one expected non-zero cell of the compiled report.
type cell struct {
	id report.CellID
	n  int64
}

func req(r report.RowID) report.CellID { return report.ReqCell(r, report.ColTotal) }

func TestCompileCounting(t *testing.T) {
	const year = 2023
	tests := []struct {
		name string
		c    Case
		want []cell // every non-zero cell of the total column and of table 四
	}{
		{"received and ended in the year",
			Case{ID: "a", Received: d("2023-03-01"), Outcome: report.Granted, Ended: d("2023-03-20")},
			[]cell{{req(report.New), 1}, {req(report.Granted), 1}, {req(report.RowTotal), 1}}},
		{"received 31 Dec, still open",
			Case{ID: "a", Received: d("2023-12-31")},
			[]cell{{req(report.New), 1}, {req(report.CarriedForward), 1}}},
		{"received 31 Dec, ended 1 Jan next year",
			Case{ID: "a", Received: d("2023-12-31"), Outcome: report.Granted, Ended: d("2024-01-01")},
			[]cell{{req(report.New), 1}, {req(report.CarriedForward), 1}}},
		{"received 31 Dec, ended the same day",
			Case{ID: "a", Received: d("2023-12-31"), Outcome: report.RejectedDuplicate, Ended: d("2023-12-31")},
			[]cell{{req(report.New), 1}, {req(report.RejectedDuplicate), 1}, {req(report.RowTotal), 1}}},
		{"received 1 Jan, ended the same day",
			Case{ID: "a", Received: d("2023-01-01"), Outcome: report.Granted, Ended: d("2023-01-01")},
			[]cell{{req(report.New), 1}, {req(report.Granted), 1}, {req(report.RowTotal), 1}}},
		{"received last year, ended 1 Jan",
			Case{ID: "a", Received: d("2022-12-20"), Outcome: report.PartiallyGranted, Ended: d("2023-01-01")},
			[]cell{{req(report.CarriedOver), 1}, {req(report.PartiallyGranted), 1}, {req(report.RowTotal), 1}}},
		{"received last year, ended 31 Dec last year",
			Case{ID: "a", Received: d("2022-12-20"), Outcome: report.Granted, Ended: d("2022-12-31")},
			nil},
		{"carried over two years, still open",
			Case{ID: "a", Received: d("2021-11-02")},
			[]cell{{req(report.CarriedOver), 1}, {req(report.CarriedForward), 1}}},
		{"carried over two years, ended next year",
			Case{ID: "a", Received: d("2021-11-02"), Outcome: report.Granted, Ended: d("2024-02-01")},
			[]cell{{req(report.CarriedOver), 1}, {req(report.CarriedForward), 1}}},
		{"received next year",
			Case{ID: "a", Received: d("2024-01-01")},
			nil},
		{"review concluded before the year",
			Case{ID: "a", Received: d("2022-03-01"), Outcome: report.Granted, Ended: d("2022-03-20"),
				Appeals: []Appeal{{Kind: Review, Result: Upheld, Concluded: d("2022-12-31")}}},
			nil},
		{"review concluded in the year",
			Case{ID: "a", Received: d("2022-03-01"), Outcome: report.Granted, Ended: d("2022-03-20"),
				Appeals: []Appeal{{Kind: Review, Result: Corrected, Concluded: d("2023-01-01")}}},
			[]cell{{report.RLCell(0, 1), 1}, {report.RLCell(0, 4), 1}}},
		{"review open on 31 Dec",
			Case{ID: "a", Received: d("2023-03-01"), Outcome: report.Granted, Ended: d("2023-03-20"),
				Appeals: []Appeal{{Kind: Review, Result: Pending}}},
			[]cell{{req(report.New), 1}, {req(report.Granted), 1}, {req(report.RowTotal), 1}, {report.RLCell(0, 3), 1}, {report.RLCell(0, 4), 1}}},
		{"lawsuit concluded next year is pending",
			Case{ID: "a", Received: d("2022-03-01"), Outcome: report.Granted, Ended: d("2022-03-20"),
				Appeals: []Appeal{{Kind: LitigationDirect, Result: OtherResult, Concluded: d("2024-01-01")}}},
			[]cell{{report.RLCell(1, 3), 1}, {report.RLCell(1, 4), 1}}},
		{"lawsuit filed next year does not count",
			Case{ID: "a", Received: d("2023-03-01"), Outcome: report.Granted, Ended: d("2023-03-20"),
				Appeals: []Appeal{{Kind: LitigationAfterReview, Result: Pending, Filed: d("2024-01-02")}}},
			[]cell{{req(report.New), 1}, {req(report.Granted), 1}, {req(report.RowTotal), 1}}},
		{"review of a reply next year does not count",
			Case{ID: "a", Received: d("2023-12-20"), Outcome: report.Granted, Ended: d("2024-01-05"),
				Appeals: []Appeal{{Kind: Review, Result: Pending}}},
			[]cell{{req(report.New), 1}, {req(report.CarriedForward), 1}}},
		{"review of an open request (不作为) is pending",
			Case{ID: "a", Received: d("2023-10-20"),
				Appeals: []Appeal{{Kind: Review, Result: Pending}}},
			[]cell{{req(report.New), 1}, {req(report.CarriedForward), 1}, {report.RLCell(0, 3), 1}, {report.RLCell(0, 4), 1}}},
		{"review and lawsuit after review",
			Case{ID: "a", Received: d("2023-01-05"), Outcome: report.WithheldThirdParty, Ended: d("2023-01-20"),
				Appeals: []Appeal{{Kind: Review, Result: Upheld, Concluded: d("2023-04-01")}, {Kind: LitigationAfterReview, Result: Upheld, Concluded: d("2023-11-01")}}},
			[]cell{{req(report.New), 1}, {req(report.WithheldThirdParty), 1}, {req(report.RowTotal), 1},
				{report.RLCell(0, 0), 1}, {report.RLCell(0, 4), 1}, {report.RLCell(2, 0), 1}, {report.RLCell(2, 4), 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compile("某局", year, []Case{tt.c})
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			want := make(map[report.CellID]int64)
			for _, c := range tt.want {
				want[c.id] = c.n
				if c.id[:9] == "requests." {
					// the same count in the applicant's own column
					row, _ := report.RowByID(string(c.id[9 : len(c.id)-len(".total")]))
					want[report.ReqCell(row, tt.c.Applicant)] = c.n
				}
			}
			for _, c := range res.Report.Cells() {
				if c.Table == "表二" {
					if c.Present() {
						t.Errorf("%s: got %s; want absent (entered by hand)", c.ID, c)
					}
					continue
				}
				if !c.Num.Valid || c.Num.V != want[c.ID] {
					t.Errorf("%s: got %s; want %d", c.ID, c, want[c.ID])
				}
				ids := res.Cells[c.ID]
				if (want[c.ID] > 0) != (len(ids) > 0) || (len(ids) > 0 && !slices.Equal(ids, []string{"a"})) {
					t.Errorf("cells[%s]: got %v; want [a] iff the cell is non-zero", c.ID, ids)
				}
			}
		})
	}
}

func TestCompileApplicantColumns(t *testing.T) {
	var cases []Case
	for col := report.NaturalPerson; col <= report.OtherOrg; col++ {
		for i := 0; i <= int(col); i++ {
			cases = append(cases, Case{ID: string(rune('a'+col)) + string(rune('0'+i)), Received: d("2023-05-05"), Applicant: col})
		}
	}
	res, err := Compile("某局", 2023, cases)
	if err != nil {
		t.Fatal(err)
	}
	row := res.Report.Requests[report.New]
	for col := report.NaturalPerson; col <= report.OtherOrg; col++ {
		if got, want := row[col], report.N(int64(col)+1); got != want {
			t.Errorf("new.%s: got %s; want %s", report.ColIDs[col], got, want)
		}
	}
	if got := row[report.ColTotal]; got != report.N(21) {
		t.Errorf("new.total: got %s; want 21", got)
	}
	if got := len(res.HandEntered); got != 10 {
		t.Errorf("HandEntered: got %d cells; want the 10 cells of table 二", got)
	}
}

func TestCompileRejects(t *testing.T) {
	tests := []struct {
		name string
		c    Case
	}{
		{"no receipt date", Case{ID: "a"}},
		{"applicant column is the total", Case{ID: "a", Received: d("2023-01-01"), Applicant: report.ColTotal}},
		{"outcome is not a result row", Case{ID: "a", Received: d("2023-01-01"), Outcome: report.New, Ended: d("2023-01-02")}},
		{"ended before received", Case{ID: "a", Received: d("2023-01-05"), Outcome: report.Granted, Ended: d("2023-01-02")}},
		{"pending appeal with a conclusion", Case{ID: "a", Received: d("2023-01-01"), Appeals: []Appeal{{Result: Pending, Concluded: d("2023-02-01")}}}},
		{"appeal result without conclusion", Case{ID: "a", Received: d("2023-01-01"), Appeals: []Appeal{{Result: Upheld}}}},
		{"appeal concluded before filed", Case{ID: "a", Received: d("2023-01-01"), Appeals: []Appeal{{Result: Upheld, Filed: d("2023-03-01"), Concluded: d("2023-02-01")}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Compile("某局", 2023, []Case{tt.c}); err == nil {
				t.Errorf("Compile: got no error; want one")
			}
		})
	}
	if _, err := Compile("某局", 1, nil); err == nil {
		t.Errorf("Compile(year 1): got no error; want one")
	}
}

func TestCompile2019Template(t *testing.T) {
	cases := []Case{
		{ID: "a", Received: d("2020-03-01"), Outcome: report.OtherNoCorrection, Ended: d("2020-04-01")},
		{ID: "b", Received: d("2020-03-01"), Outcome: report.OtherFeeUnpaid, Ended: d("2020-04-01")},
		{ID: "c", Received: d("2020-03-01"), Outcome: report.OtherOther, Ended: d("2020-04-01")},
	}
	res, err := Compile("某局", 2020, cases)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	if r.Template != report.Template2019 || r.Requests[report.OtherNoCorrection] != nil || r.Requests[report.OtherFeeUnpaid] != nil {
		t.Fatalf("got template %s with rows other_no_correction %v, other_fee_unpaid %v; want 2019 without them",
			r.Template, r.Requests[report.OtherNoCorrection], r.Requests[report.OtherFeeUnpaid])
	}
	if got := r.Requests[report.OtherOther][report.ColTotal]; got != report.N(3) {
		t.Errorf("other_other.total: got %s; want 3", got)
	}
	if got := res.Cells[report.ReqCell(report.OtherOther, report.ColTotal)]; !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Errorf("cells of other_other.total: got %v; want [c a b]", got)
	}
	for _, f := range report.Validate(r, nil) {
		switch f.Rule[:3] {
		case "R1-", "R2-", "R3-", "R4-", "R5-":
			if len(f.Cells) == 0 || !strings.HasPrefix(string(f.Cells[0]), "proactive") {
				t.Errorf("Validate: %s %s", f.Rule, f.Message)
			}
		}
	}
	if h := HandEntered(report.Template2019); len(h) == 0 || !strings.HasPrefix(string(h[0]), "proactive_2019.") {
		t.Errorf("HandEntered(2019): got %v", h)
	}
}
