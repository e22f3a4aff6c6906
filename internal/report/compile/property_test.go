package compile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// arithmetic checks R1–R4 and, with prev, R6 by hand, independently of
// report.Validate.
func arithmetic(r, prev *report.Report) []string {
	var bad []string
	q := r.Requests
	for c := report.Col(0); c < report.NumCols; c++ {
		if q[report.New][c].V+q[report.CarriedOver][c].V != q[report.RowTotal][c].V+q[report.CarriedForward][c].V {
			bad = append(bad, fmt.Sprintf("R1 column %s", report.ColIDs[c]))
		}
		var sum int64
		for _, row := range report.ResultRows() {
			sum += q[row][c].V
		}
		if sum != q[report.RowTotal][c].V {
			bad = append(bad, fmt.Sprintf("R3 column %s", report.ColIDs[c]))
		}
		if prev != nil && q[report.CarriedOver][c] != prev.Requests[report.CarriedForward][c] {
			bad = append(bad, fmt.Sprintf("R6 column %s: %s vs %s", report.ColIDs[c], q[report.CarriedOver][c], prev.Requests[report.CarriedForward][c]))
		}
	}
	for i, row := range q {
		var sum int64
		for c := report.Col(0); c < report.ColTotal; c++ {
			if !row[c].Valid {
				bad = append(bad, fmt.Sprintf("R5 %s", report.ReqCell(report.RowID(i), c)))
			}
			sum += row[c].V
		}
		if sum != row[report.ColTotal].V {
			bad = append(bad, fmt.Sprintf("R2 row %s", report.Rows[i].ID))
		}
	}
	for g, grp := range r.ReviewLitigation.Groups() {
		if grp.Upheld.V+grp.Corrected.V+grp.Other.V+grp.Pending.V != grp.Total.V {
			bad = append(bad, fmt.Sprintf("R4 group %s", report.GroupIDs[g]))
		}
	}
	return bad
}

// TestTwoYearLedgerBalances is the property of issue 4: a ledger of two
// years of random requests compiles into a second-year report that
// balances (R1–R4) and carries over exactly the first year's
// carried_forward (R6), whatever the seed.
func TestTwoYearLedgerBalances(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			l := gen.Ledger(gen.Options{Seed: seed, N: 2000, From: calendar.MustParse("2022-01-01"),
				To: calendar.MustParse("2023-12-31"), AsOf: calendar.MustParse("2024-03-31")})
			cases := l.Cases()
			first, err := compile.Compile("某局", 2022, cases)
			if err != nil {
				t.Fatal(err)
			}
			second, err := compile.Compile("某局", 2023, cases)
			if err != nil {
				t.Fatal(err)
			}
			if bad := arithmetic(first.Report, nil); len(bad) > 0 {
				t.Errorf("2022: %v", bad)
			}
			if bad := arithmetic(second.Report, first.Report); len(bad) > 0 {
				t.Errorf("2023: %v", bad)
			}
			for _, f := range report.Validate(second.Report, first.Report) {
				switch f.Rule[:3] {
				case "R1-", "R2-", "R3-", "R4-", "R6-":
					t.Errorf("Validate: %s %s", f.Rule, f.Message)
				}
			}
			// Something must actually have been counted for the test to mean anything.
			q := second.Report.Requests
			if q[report.New][report.ColTotal].V == 0 || q[report.CarriedOver][report.ColTotal].V == 0 || q[report.CarriedForward][report.ColTotal].V == 0 {
				t.Errorf("degenerate ledger: new %s, carried over %s, carried forward %s",
					q[report.New][report.ColTotal], q[report.CarriedOver][report.ColTotal], q[report.CarriedForward][report.ColTotal])
			}
			// Every cell's id list has as many entries as the cell counts
			// (table 三: one request once per cell).
			for _, c := range second.Report.Cells() {
				if c.Table == "表三" && int64(len(second.Cells[c.ID])) != c.Num.V {
					t.Errorf("%s = %s but %d request ids", c.ID, c, len(second.Cells[c.ID]))
				}
			}
		})
	}
}

// TestR6FindsABrokenChain makes sure the R6 check above can fail.
func TestR6FindsABrokenChain(t *testing.T) {
	l := gen.Ledger(gen.Options{Seed: 7, N: 300, From: calendar.MustParse("2022-01-01"), To: calendar.MustParse("2023-12-31")})
	cases := l.Cases()
	first, _ := compile.Compile("某局", 2022, cases)
	// Drop an open request received in 2022: the first year still counts it,
	// the second year no longer does.
	for i, c := range cases {
		if c.Received.Year() == 2022 && (c.Open() || c.Ended.Year() > 2022) {
			cases = append(cases[:i:i], cases[i+1:]...)
			break
		}
	}
	second, _ := compile.Compile("某局", 2023, cases)
	if bad := arithmetic(second.Report, first.Report); !strings.Contains(fmt.Sprint(bad), "R6") {
		t.Errorf("got %v; want an R6 mismatch", bad)
	}
}

// BenchmarkCompile100k compiles the report of an agency with 100,000
// requests over three years.
func BenchmarkCompile100k(b *testing.B) {
	l := gen.Ledger(gen.Options{Seed: 1, N: 100_000, From: calendar.MustParse("2021-01-01"), To: calendar.MustParse("2023-12-31")})
	cases := l.Cases()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := compile.Compile("某局", 2023, cases); err != nil {
			b.Fatal(err)
		}
	}
}
