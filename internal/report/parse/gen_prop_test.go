package parse

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// TestGeneratedFamilies renders random valid reports into every family and
// checks that the reader gives back every cell. Run-together digits may
// allow more than one split: such a cell must come out absent with a
// problem listing the candidates, never with a wrong value.
func TestGeneratedFamilies(t *testing.T) {
	const n = 60
	ambiguous := 0
	for _, f := range genFamilies {
		for seed := uint64(1); seed <= n; seed++ {
			rng := rand.New(rand.NewPCG(seed, uint64(len(f))))
			tpl := report.Template2021
			if seed%4 == 0 {
				tpl = report.Template2019
			}
			want := genReport(rng, tpl)
			text := genRender(want, f)
			got, err := Parse("gen.txt", []byte(text))
			if err != nil {
				t.Fatalf("%s seed %d: %v\n%s", f, seed, err, text)
			}
			bad := checkGenerated(t, got, want, f == famGlued)
			ambiguous += bad
			if t.Failed() {
				t.Fatalf("%s seed %d (template %s):\n%s", f, seed, tpl, text)
			}
		}
	}
	t.Logf("%d cells left absent for an ambiguous split", ambiguous)
}

// checkGenerated compares got with want and returns how many cells were
// left absent for an ambiguous split (allowed only when glued).
func checkGenerated(t *testing.T, got, want *report.Report, glued bool) int {
	t.Helper()
	if got.Agency != want.Agency || got.Year != want.Year || got.Date != want.Date || got.Template != want.Template {
		t.Errorf("metadata: got %q %d %q %s; want %q %d %q %s", got.Agency, got.Year, got.Date, got.Template, want.Agency, want.Year, want.Date, want.Template)
	}
	split := map[report.CellID]bool{}
	for _, p := range got.Source.Problems {
		if glued && strings.Contains(p.Reason, "种拆分") {
			split[p.Cell] = true
			continue
		}
		t.Errorf("problem %s %q: %s", p.Cell, p.Text, p.Reason)
	}
	gc := map[report.CellID]report.Cell{}
	for _, c := range got.Cells() {
		gc[c.ID] = c
	}
	absent := 0
	for _, c := range want.Cells() {
		g := gc[c.ID]
		switch {
		case g.String() == c.String():
		case !g.Present() && split[c.ID]:
			absent++
		default:
			t.Errorf("%s: got %s; want %s", c.ID, g, c)
		}
	}
	if want.Proactive2019 != nil {
		p, w := got.Proactive2019, want.Proactive2019
		if p == nil {
			t.Error("proactive_2019 missing")
		} else if *p != *w && !glued {
			t.Errorf("proactive_2019: got %+v; want %+v", *p, *w)
		}
	}
	for _, f := range report.Validate(got, nil) {
		if f.Severity != report.Error {
			continue
		}
		if glued && f.Rule == report.RuleCells && len(f.Cells) > 0 && split[f.Cells[0]] {
			continue
		}
		t.Errorf("finding %s: %s", f.Rule, f.Message)
	}
	return absent
}
