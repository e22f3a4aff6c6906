package parse

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/report"
)

// toTrad writes s in traditional characters, the fold table read backwards
// (the first traditional form of each simplified character).
func toTrad(s string) string {
	back := map[rune]rune{}
	for p := tradPairs; len(p) > 0; {
		t, n := utf8.DecodeRuneInString(p)
		p = p[n:]
		v, m := utf8.DecodeRuneInString(p)
		p = p[m:]
		if _, ok := back[v]; !ok {
			back[v] = t
		}
	}
	return strings.Map(func(r rune) rune {
		if t, ok := back[r]; ok {
			return t
		}
		return r
	}, s)
}

// TestTraditional reads reports written in 繁體: the seed, and generated
// reports in the run-together and cell-per-line layouts. Cells match; the
// agency's name stays as written.
func TestTraditional(t *testing.T) {
	if !hasTrad(toTrad("收到和处理政府信息公开申请情况")) {
		t.Fatal("toTrad gives no traditional characters")
	}
	data, err := os.ReadFile(filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("seed-trad.txt", []byte(toTrad(string(data))))
	if err != nil {
		t.Fatal(err)
	}
	want := readFixtureJSON(t, "2022-ningbo-beilun-sifaju.json")
	want.Agency = toTrad(want.Agency)
	for _, d := range report.Diff(got, want) {
		t.Error(d)
	}
	if got.Agency == "宁波市北仑区司法局" {
		t.Errorf("agency folded: %q", got.Agency)
	}
	for _, f := range []genFamily{famGlued, famCellLines, famPipes} {
		for seed := uint64(1); seed <= 10; seed++ {
			rng := rand.New(rand.NewPCG(seed, 11))
			want := genReport(rng, report.Template2021)
			text := toTrad(genRender(want, f))
			got, err := Parse("trad.txt", []byte(text))
			if err != nil {
				t.Fatalf("%s seed %d: %v", f, seed, err)
			}
			want.Agency = toTrad(want.Agency)
			checkGenerated(t, got, want, f == famGlued)
			if t.Failed() {
				t.Fatalf("%s seed %d:\n%s", f, seed, text)
			}
		}
	}
}

// BenchmarkFoldTrad measures the fold on a report in traditional characters.
func BenchmarkFoldTrad(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := toTrad(string(data))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = foldTrad(s)
	}
}
