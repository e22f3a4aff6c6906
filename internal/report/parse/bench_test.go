package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// BenchmarkParseText parses the seed report (Word → text, 6.5 KB) and
// its pdftotext -layout sibling; b.SetBytes makes go test report MB/s, and
// reports/s is 1e9 / ns/op.
func BenchmarkParseText(b *testing.B) {
	for _, name := range []string{filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.txt"), "testdata/text/hongze-layout.txt", "testdata/text/seed-gbk.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(name, data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// BenchmarkParseValidateText parses and validates the seed report: the work
// of gongkai report check on one text file.
func BenchmarkParseValidateText(b *testing.B) {
	name := filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.txt")
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Parse(name, data)
		if err != nil {
			b.Fatal(err)
		}
		_ = report.Validate(r, nil)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkParsePDF parses the 洪泽区 PDF; most of the time is the
// pdftotext subprocess.
func BenchmarkParsePDF(b *testing.B) {
	needPDFToText(b)
	name := filepath.Join(fixtures, "2023-huaian-hongze.pdf")
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(name, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
