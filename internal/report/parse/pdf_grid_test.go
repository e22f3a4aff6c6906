package parse

import (
	"math/rand/v2"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// TestGridWrappedLabels rebuilds tables whose labels wrap over two or three
// lines, with the values beside the middle line, from word boxes.
func TestGridWrappedLabels(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		tpl := report.Template2021
		if seed%5 == 0 {
			tpl = report.Template2019
		}
		want := genReport(rng, tpl)
		x := genBBox(want, 8+int(seed%6))
		pages, err := bboxPages(x)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FromDoc(gridDoc("gen.pdf", pages))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkGenerated(t, got, want, false)
		if t.Failed() {
			d := gridDoc("gen.pdf", pages)
			for _, l := range d.Lines {
				var s []string
				for _, c := range l.Cells {
					s = append(s, c.Text)
				}
				t.Log(s)
			}
			t.Fatalf("seed %d", seed)
		}
	}
}

// TestBBoxPagesBad: broken bbox output is an error or no words, never a panic.
func TestBBoxPagesBad(t *testing.T) {
	for _, s := range []string{"", "<doc><page><word xMin=\"a\">x</word>", "<doc><page><word xMin=\"1\" yMin=\"5\" xMax=\"2\" yMax=\"1\">x</word></page></doc>"} {
		pages, _ := bboxPages(s)
		for _, p := range pages {
			if len(p) > 0 {
				t.Errorf("%q: got words %v", s, p)
			}
		}
	}
}
