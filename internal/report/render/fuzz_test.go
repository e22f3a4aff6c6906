package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// oddReports are reports no parser should make but a renderer must still
// draw without failing: rows missing anywhere, negative and huge numbers,
// text with control characters and markup, a 2019 table 二 on a 2021 report.
func oddReports() map[string]*report.Report {
	huge := report.Empty(report.Template2021)
	huge.Agency, huge.Year, huge.Date = "<script>alert(1)</script>&局\x01", 99999, "not a date"
	for _, row := range huge.Requests {
		for c := range row {
			row[c] = report.N(1<<62 - int64(c))
		}
	}
	huge.Requests[report.New][report.Research] = report.N(-5)
	huge.Proactive.FeesWanYuan = report.D("1e9") // not a plain decimal: written as text
	huge.Sections.Overview = "第一段\x00\x1b\n\n  第二段 ]]> <b>"
	holes := report.Empty(report.Template2021)
	for _, id := range []report.RowID{report.New, report.Granted, report.WithheldStateSecret, report.WithheldAdministrativeQuery, report.OtherOther, report.RowTotal, report.CarriedForward} {
		holes.Requests[id] = nil
	}
	mixed := report.Empty(report.Template2021)
	mixed.Proactive2019 = &report.Proactive2019{ProcurementAmount: "约 5 万元"}
	none := &report.Report{}
	return map[string]*report.Report{"huge": huge, "holes": holes, "mixed": mixed, "zero value": none}
}

func renderAll(t *testing.T, r *report.Report) {
	t.Helper()
	for name, f := range map[string]func(io.Writer) error{
		"json": func(w io.Writer) error { return JSON(w, r) },
		"html": func(w io.Writer) error {
			return HTML(w, r, []report.Finding{{Rule: "R5-cells", Severity: report.Error, Cells: []report.CellID{"requests.new.total", "nope"}, Message: "<x>"}})
		},
		"svg":  func(w io.Writer) error { return SVG(w, r) },
		"docx": func(w io.Writer) error { return DOCX(w, r) },
		"xlsx": func(w io.Writer) error { return XLSX(w, r) },
	} {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			if name == "xlsx" || name == "json" {
				continue // excelize limits (cell length) and JSON of invalid decimals may refuse
			}
			t.Fatalf("%s: %v", name, err)
		}
		switch name {
		case "html", "svg":
			if err := wellFormedHTMLish(name, b.Bytes()); err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
		case "docx":
			normalizeZip(t, b.Bytes()) // checks every part is well-formed XML
		}
	}
}

func TestOddReports(t *testing.T) {
	for name, r := range oddReports() {
		t.Run(name, func(t *testing.T) { renderAll(t, r) })
	}
}

// FuzzRender decodes JSON reports and renders them in every format: no
// panic, and HTML, SVG and DOCX stay well-formed XML.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.json"))
	files = append(files, "testdata/input/2020-example-2019-template.json")
	for _, fn := range files {
		if b, err := os.ReadFile(fn); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := report.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		renderAll(t, r)
	})
}
