package compile

import (
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// TestCompileMatters: appeals about 主动公开 that no request gave rise to
// (条例第五十一条) count in table 四 by the rule of regulation.md §7 —
// under their result when concluded in the year, under 尚未审结 when filed
// by 31 December and open then — and never in table 三.
func TestCompileMatters(t *testing.T) {
	const year = 2025
	tests := []struct {
		name string
		m    Matter
		want []report.CellID // the non-zero cells of table 四, each 1
	}{
		{"review concluded in the year", Matter{"P-1", Appeal{Kind: Review, Result: Corrected, Filed: d("2025-02-01"), Concluded: d("2025-04-01")}},
			[]report.CellID{report.RLCell(0, 1), report.RLCell(0, 4)}},
		{"suit open on 31 December", Matter{"P-2", Appeal{Kind: LitigationDirect, Result: Pending, Filed: d("2025-12-31")}},
			[]report.CellID{report.RLCell(1, 3), report.RLCell(1, 4)}},
		{"suit concluded next year is pending", Matter{"P-3", Appeal{Kind: LitigationAfterReview, Result: Upheld, Filed: d("2025-06-01"), Concluded: d("2026-01-02")}},
			[]report.CellID{report.RLCell(2, 3), report.RLCell(2, 4)}},
		{"filed next year", Matter{"P-4", Appeal{Kind: Review, Result: Pending, Filed: d("2026-01-01")}}, nil},
		{"concluded last year", Matter{"P-5", Appeal{Kind: Review, Result: Upheld, Filed: d("2024-02-01"), Concluded: d("2024-12-31")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := CompileWith("某局", year, nil, []Matter{tt.m})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range res.Report.Cells() {
				if c.Table == "表二" {
					continue
				}
				want := int64(0)
				if slices.Contains(tt.want, c.ID) {
					want = 1
				}
				if !c.Num.Valid || c.Num.V != want {
					t.Errorf("%s: got %s; want %d", c.ID, c, want)
				}
				if ids := res.Cells[c.ID]; (want > 0) != slices.Equal(ids, []string{tt.m.ID}) {
					t.Errorf("cells[%s] = %v", c.ID, ids)
				}
			}
			if f := report.Validate(res.Report, nil); hasError(f) {
				t.Errorf("the compiled report breaks a rule: %+v", f)
			}
		})
	}
}

// TestCompileMattersBesideRequests: a matter adds to the appeals of the
// requests in the same cell, and table 三 still balances.
func TestCompileMattersBesideRequests(t *testing.T) {
	cases := []Case{{ID: "2025-0001", Received: d("2025-03-01"), Outcome: report.WithheldThirdParty, Ended: d("2025-03-20"),
		Appeals: []Appeal{{Kind: Review, Result: Upheld, Concluded: d("2025-06-01")}}}}
	ms := []Matter{{"主动公开-1", Appeal{Kind: Review, Result: Upheld, Filed: d("2025-05-01"), Concluded: d("2025-07-01")}}}
	res, err := CompileWith("某局", 2025, cases, ms)
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Report.ReviewLitigation.Groups()[0]; g.Upheld.V != 2 || g.Total.V != 2 {
		t.Errorf("review: upheld %s total %s; want 2 and 2", g.Upheld, g.Total)
	}
	if got := res.Cells[report.RLCell(0, 0)]; !slices.Equal(got, []string{"2025-0001", "主动公开-1"}) {
		t.Errorf("cells behind 复议维持: %v", got)
	}
	if n := res.Report.Requests[report.New][report.ColTotal]; n.V != 1 {
		t.Errorf("new requests: %s; want 1 (a matter is not a request)", n)
	}
	if f := report.Validate(res.Report, nil); hasError(f) {
		t.Errorf("the compiled report breaks a rule: %+v", f)
	}
}

func TestCompileMattersRejected(t *testing.T) {
	for name, m := range map[string]Matter{
		"no ID":          {"", Appeal{Kind: Review, Result: Pending, Filed: d("2025-01-02")}},
		"no filing date": {"P-1", Appeal{Kind: Review, Result: Pending}},
		"bad result":     {"P-1", Appeal{Kind: Review, Result: Upheld, Filed: d("2025-01-02")}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := CompileWith("某局", 2025, nil, []Matter{m}); err == nil || !strings.Contains(err.Error(), "compile: matter") {
				t.Errorf("got %v; want a matter error", err)
			}
		})
	}
}

// hasError reports a broken sum (R1–R4): the rules a compiled table 三
// or 四 must keep (table 二 and the text are entered by hand).
func hasError(fs []report.Finding) bool {
	for _, f := range fs {
		if r := f.Rule[:3]; r == "R1-" || r == "R2-" || r == "R3-" || r == "R4-" {
			return true
		}
	}
	return false
}
