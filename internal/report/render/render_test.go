package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/report"
)

const fixtures = "../../../testdata/reports"

// testReports are the two fixture reports and a report in the 2019 template.
func testReports(t testing.TB) map[string]*report.Report {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtures, "*.json"))
	if err != nil || len(files) < 2 {
		t.Fatalf("fixtures: got %d files, err %v; want at least 2", len(files), err)
	}
	files = append(files, "testdata/input/2020-example-2019-template.json")
	out := make(map[string]*report.Report)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = r
	}
	return out
}

func sortedNames(m map[string]*report.Report) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// normalizeZip lists the XML parts of an OOXML package in name order, one
// element per line, so golden files compare content, not zip bytes.
func normalizeZip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var out bytes.Buffer
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
		fmt.Fprintf(&out, "=== %s\n%s\n", f.Name, strings.ReplaceAll(string(data), "><", ">\n<"))
	}
	return out.Bytes()
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestGolden(t *testing.T) {
	reports := testReports(t)
	for _, name := range sortedNames(reports) {
		r := reports[name]
		var findings []report.Finding
		if name == "2023-huaian-hongze" {
			// The published report breaks R4 in table 四 (spec/report-model.md).
			findings = []report.Finding{{Rule: "R4-review-sum", Severity: report.Error,
				Cells:   []report.CellID{"review_litigation.review.total", "review_litigation.review.upheld", "review_litigation.review.corrected"},
				Message: "表四 “行政复议” “总计” 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 11"},
				{Rule: "R8-deadline", Severity: report.Warning, Message: "报告未写明日期"}}
		}
		for _, tc := range []struct {
			ext    string
			render func(io.Writer) error
			zip    bool
		}{
			{"json", func(w io.Writer) error { return JSON(w, r) }, false},
			{"html", func(w io.Writer) error { return HTML(w, r, findings) }, false},
			{"svg", func(w io.Writer) error { return SVG(w, r) }, false},
			{"docx.golden", func(w io.Writer) error { return DOCX(w, r) }, true},
			{"xlsx.golden", func(w io.Writer) error { return XLSX(w, r) }, true},
		} {
			t.Run(name+"."+tc.ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := tc.render(&buf); err != nil {
					t.Fatal(err)
				}
				got := buf.Bytes()
				if tc.zip {
					got = normalizeZip(t, got)
				} else if tc.ext != "json" {
					if err := wellFormedHTMLish(tc.ext, got); err != nil {
						t.Errorf("output is not well-formed: %v", err)
					}
				}
				checkGolden(t, name+"."+tc.ext, got)
				// Stable: a second rendering gives the same output.
				var again bytes.Buffer
				if err := tc.render(&again); err != nil {
					t.Fatal(err)
				}
				if tc.zip {
					if !bytes.Equal(normalizeZip(t, again.Bytes()), got) {
						t.Error("second rendering differs")
					}
				} else if !bytes.Equal(again.Bytes(), got) {
					t.Error("second rendering differs")
				}
			})
		}
	}
}

// wellFormedHTMLish checks the SVG as XML, and the HTML page too: it is
// written XHTML-compatible (void elements closed), so any XML tool can read it.
func wellFormedHTMLish(ext string, b []byte) error {
	return wellFormed(bytes.Replace(b, []byte("<!DOCTYPE html>"), nil, 1))
}
