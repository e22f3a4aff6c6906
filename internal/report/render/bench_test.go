package render

import (
	"io"
	"testing"
)

// countingWriter counts bytes so benchmarks report MB/s of output.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func benchRender(b *testing.B, f func(io.Writer) error) {
	var c countingWriter
	if err := f(&c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(c.n)
	b.ReportAllocs()
	for b.Loop() {
		if err := f(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	r := testReports(b)["2022-ningbo-beilun-sifaju"]
	benchRender(b, func(w io.Writer) error { return JSON(w, r) })
}

func BenchmarkHTML(b *testing.B) {
	r := testReports(b)["2022-ningbo-beilun-sifaju"]
	benchRender(b, func(w io.Writer) error { return HTML(w, r, nil) })
}

func BenchmarkDOCX(b *testing.B) {
	r := testReports(b)["2022-ningbo-beilun-sifaju"]
	benchRender(b, func(w io.Writer) error { return DOCX(w, r) })
}

func BenchmarkXLSX(b *testing.B) {
	r := testReports(b)["2022-ningbo-beilun-sifaju"]
	benchRender(b, func(w io.Writer) error { return XLSX(w, r) })
}

func BenchmarkSVG(b *testing.B) {
	r := testReports(b)["2022-ningbo-beilun-sifaju"]
	benchRender(b, func(w io.Writer) error { return SVG(w, r) })
}
