package parse

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// shortRowText renders want one cell per line and leaves out the blank
// cells of row, as a converter that drops empty cells does.
func shortRowText(t *testing.T, want *report.Report, row report.RowID) string {
	t.Helper()
	lines := strings.Split(genRender(want, famCellLines), "\n")
	label := report.Rows[row].Label + " |"
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasSuffix(l, label) })
	if at < 0 {
		t.Fatalf("no line %q in the rendering", label)
	}
	var out []string
	out = append(out, lines[:at+1]...)
	for _, l := range lines[at+1 : at+1+report.NumCols] {
		if v := strings.TrimSpace(strings.TrimSuffix(l, "|")); v != "" && v != "—" { // an absent value renders "—"
			out = append(out, l)
		}
	}
	return strings.Join(append(out, lines[at+1+report.NumCols:]...), "\n")
}

// TestShortCellLineRows reads rows of table 三 that a one-cell-per-line
// conversion printed with fewer cells than columns: placed when the sums
// leave one placement, reported with the candidates otherwise.
func TestShortCellLineRows(t *testing.T) {
	const blank = -1
	tests := []struct {
		name string
		seed uint64
		row  report.RowID
		vals [report.NumCols]int64  // the row's true cells; blank ones are left out of the text
		edit func(r *report.Report) // after the table is rebalanced
		// placed: the row must come back exactly, breaking only rules;
		// otherwise its cells in ambiguous must come back null with the
		// candidates.
		placed    bool
		rules     []string
		ambiguous []report.Col
	}{
		{name: "予以公开 without two blank columns, placed by the column sums", seed: 3, row: report.Granted,
			vals: [7]int64{5, blank, 3, 1, blank, 2, 11}, placed: true, rules: []string{report.RuleCells}},
		{name: "部分公开 with only the natural-person column and the total", seed: 5, row: report.PartiallyGranted,
			vals: [7]int64{4, blank, blank, blank, blank, blank, 4}, placed: true, rules: []string{report.RuleCells}},
		{name: "a row that breaks its own sum is still placed by the columns", seed: 9, row: report.Granted,
			vals: [7]int64{5, blank, 3, 1, blank, 2, 12}, placed: true, rules: []string{report.RuleRowSum, report.RuleCells}},
		{name: "a result row whose total row is blank: nothing decides", seed: 7, row: report.Granted,
			vals:      [7]int64{2, blank, blank, blank, blank, blank, 2},
			edit:      func(r *report.Report) { r.Requests[report.RowTotal] = &report.Row{} },
			ambiguous: []report.Col{0, 1, 2, 3, 4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := genReport(rand.New(rand.NewPCG(tt.seed, 1)), report.Template2021)
			row := want.Requests[tt.row]
			for c, v := range tt.vals {
				row[c] = report.N(v)
				if v == blank {
					row[c] = report.Num{}
				}
			}
			rebalance(want)
			if tt.edit != nil {
				tt.edit(want)
			}
			text := shortRowText(t, want, tt.row)
			got, err := Parse("short.txt", []byte(text))
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			gotRow := got.Requests[tt.row]
			if tt.placed {
				if d := report.Diff(got, want); len(d) > 0 {
					t.Errorf("differences: %s\n%s", strings.Join(d, "\n"), text)
				}
				if rules := report.RulesBroken(report.Validate(got, nil)); !slices.Equal(rules, tt.rules) {
					t.Errorf("rules broken %v; want %v", rules, tt.rules)
				}
				for _, p := range got.Source.Problems {
					t.Errorf("problem %s: %s", p.Cell, p.Reason)
				}
				return
			}
			problems := map[report.CellID]string{}
			for _, p := range got.Source.Problems {
				problems[p.Cell] = p.Reason
			}
			for _, c := range tt.ambiguous {
				id := report.ReqCell(tt.row, c)
				if gotRow[c].Valid {
					t.Errorf("%s: got %v; want null (ambiguous)", id, gotRow[c])
				}
				if r := problems[id]; !strings.Contains(r, "种对齐方式") || !strings.Contains(r, "2 或 空") && !strings.Contains(r, "空 或 2") {
					t.Errorf("%s: problem %q; want the placements with 2 or 空", id, r)
				}
			}
			if !slices.Contains(report.RulesBroken(report.Validate(got, nil)), report.RuleCells) {
				t.Error("no R5 for the ambiguous row")
			}
		})
	}
}

// rebalance recomputes table 三's 总计 row from the result rows (a blank
// adding nothing) and the new requests from 总计 and the carried rows,
// raising the carried-forward row where a column would go negative.
func rebalance(r *report.Report) {
	q := &r.Requests
	for c := 0; c < report.NumCols; c++ {
		var tot int64
		for _, id := range report.ResultRows() {
			if q[id] != nil {
				tot += q[id][c].V
			}
		}
		q[report.RowTotal][c] = report.N(tot)
	}
	for c := 0; c < report.NumCols-1; c++ {
		if d := q[report.CarriedOver][c].V - q[report.RowTotal][c].V - q[report.CarriedForward][c].V; d > 0 {
			q[report.CarriedForward][c].V += d
			q[report.CarriedForward][report.NumCols-1].V += d
		}
	}
	for c := 0; c < report.NumCols; c++ {
		q[report.New][c] = report.N(q[report.RowTotal][c].V + q[report.CarriedForward][c].V - q[report.CarriedOver][c].V)
	}
}

func TestPlacements(t *testing.T) {
	got := placements([]int64{1, 2}, 3)
	want := [][]int64{{1, 2, noCell}, {1, noCell, 2}, {noCell, 1, 2}}
	if len(got) != len(want) {
		t.Fatalf("got %v; want %v", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("placement %d: got %v; want %v", i, got[i], want[i])
		}
	}
	if n := len(placements([]int64{noCell, 5}, 7)); n != 6 {
		// A printed blank and a column without a cell look alike: (空, 5)
		// is 5 alone in one of columns 2–7.
		t.Errorf("got %d distinct placements of a blank and a 5 in 7 columns; want 6", n)
	}
}
