package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// End-to-end: the DOCX, HTML and XLSX fixtures of the seed report go
// through Parse (format detection, the reader, FromDoc) and must give the
// seed's expected JSON in every cell.

func fxWantSeed(t *testing.T) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../../testdata/reports", "2022-ningbo-beilun-sifaju.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParseReaders(t *testing.T) {
	want := fxWantSeed(t)
	cases := []struct {
		name      string
		data      func(t *testing.T) []byte
		cellsOnly bool       // the input has no title or signature
		newNP     report.Pos // where requests.new.natural_person is
	}{
		{"seed.docx", func(t *testing.T) []byte { return fxSeedDOCX(t) }, false, report.Pos{Table: 2, Row: 4, Col: 4}},
		{"plain.html", func(t *testing.T) []byte { return fxReadFile(t, "html/plain.html") }, false, report.Pos{Table: 2, Row: 4, Col: 4}},
		{"word.html", func(t *testing.T) []byte { return fxReadFile(t, "html/word.html") }, false, report.Pos{Table: 2, Row: 4, Col: 4}},
		{"gov-page-gbk.html", func(t *testing.T) []byte { return fxReadFile(t, "html/gov-page-gbk.html") }, false, report.Pos{Table: 3, Row: 4, Col: 4}},
		{"seed.xlsx", func(t *testing.T) []byte { return fxXLSX(t, fxSheets()) }, true, report.Pos{Table: 2, Row: 5, Col: 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.name, c.data(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range report.Diff(got, want) {
				if c.cellsOnly && (strings.HasPrefix(d, "agency:") || strings.HasPrefix(d, "year:") || strings.HasPrefix(d, "date:")) {
					continue
				}
				t.Error(d)
			}
			if len(got.Source.Problems) > 0 {
				t.Errorf("problems %+v; want none", got.Source.Problems)
			}
			for tb := 2; tb <= 4; tb++ {
				if !got.Source.Tables[tb] {
					t.Errorf("table %d not found", tb)
				}
			}
			if got.Source.Format != map[string]string{".docx": "docx", ".html": "html", ".xlsx": "xlsx"}[filepath.Ext(c.name)] {
				t.Errorf("format %q", got.Source.Format)
			}
			// A value's position is its grid cell in the document.
			if p := got.Source.Cells["requests.new.natural_person"]; p != c.newNP {
				t.Errorf("requests.new.natural_person read at %+v; want %+v", p, c.newNP)
			}
		})
	}
}

// BenchmarkParseValidateReaders is the work of gongkai report check on one
// DOCX, HTML or XLSX report: read, extract, validate. go test reports MB/s
// of input and reports/s.
func BenchmarkParseValidateReaders(b *testing.B) {
	cases := []struct {
		name string
		data func() []byte
	}{
		{"seed.docx", func() []byte { return fxSeedDOCX(b) }},
		{"plain.html", func() []byte { return fxReadFile(b, "html/plain.html") }},
		{"word.html", func() []byte { return fxReadFile(b, "html/word.html") }},
		{"gov-page-gbk.html", func() []byte { return fxReadFile(b, "html/gov-page-gbk.html") }},
		{"seed.xlsx", func() []byte { return fxXLSX(b, fxSheets()) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := Parse(c.name, data)
				if err != nil {
					b.Fatal(err)
				}
				_ = report.Validate(r, nil)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}
