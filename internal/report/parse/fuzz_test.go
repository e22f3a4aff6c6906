package parse

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// seedCorpus adds the fixtures and the text test inputs to a fuzzer.
func seedCorpus(f *testing.F) {
	files, _ := filepath.Glob("testdata/text/*.txt")
	files = append(files, filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 1 | | — | 1O |\n"))
	// One cell per line, rows printed short (the placements of short_rows.go).
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n三、本年度办理结果 |\n（一）予以公开 |\n5 |\n3 |\n|\n11 |\n（二）部分公开 |\n4 |\n4 |\n（七）总计 |\n9 |\n3 |\n|\n|\n|\n|\n15 |\n"))
	web, _ := filepath.Glob(filepath.Join(webFixtures, "*.txt"))
	for _, p := range web {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzSplits checks the splitter of run-together digits: every split it
// returns has n values that spell the groups back, and it stops.
func FuzzSplits(f *testing.F) {
	f.Add("101000011", 7, false)
	f.Add("2 0 00 0 0 2", 7, false)
	f.Add("88-720", 3, true)
	f.Add("000000000000000", 15, false)
	f.Fuzz(func(t *testing.T, s string, n int, signed bool) {
		if n < 1 || n > 20 || len(s) > 64 {
			return
		}
		groups := strings.Fields(s)
		if len(groups) == 0 {
			return
		}
		cands, _ := splits(groups, n, signed, 64, nil)
		for _, c := range cands {
			if len(c) != n {
				t.Fatalf("split %v of %q has %d values; want %d", c, s, len(c), n)
			}
			var b strings.Builder
			for _, v := range c {
				b.WriteString(strconv.FormatInt(v, 10))
			}
			digits := func(s string) string { return strings.NewReplacer("+", "", "-", "").Replace(s) }
			if digits(b.String()) != digits(strings.Join(groups, "")) {
				t.Fatalf("split %v does not spell %q", c, s)
			}
		}
	})
}

// FuzzBBox checks that word-box XML of any shape never panics the grid
// reader and the extractor.
func FuzzBBox(f *testing.F) {
	f.Add(`<doc><page><word xMin="10" yMin="10" xMax="50" yMax="19">一、本年新收政府信息公开申请数量</word><word xMin="60" yMin="10" xMax="65" yMax="19">1</word></page></doc>`)
	f.Add(`<doc><page><word xMin="1e308" yMin="-1e308" xMax="NaN" yMax="19">规章</word></page></doc>`)
	f.Fuzz(func(t *testing.T, s string) {
		pages, err := bboxPages(s)
		if err != nil {
			return
		}
		if r, err := FromDoc(gridDoc("f.pdf", pages)); err == nil && r.Source == nil {
			t.Error("report without source")
		}
	})
}

// FuzzParseText checks that the text reader and the extractor never panic
// and that every error is one line naming the file.
func FuzzParseText(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readText("f.txt", data)
		if err != nil {
			return
		}
		r, err := FromDoc(d)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt: ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line naming the file", err)
			}
			return
		}
		if r.Source == nil || len(r.Requests) != 25 {
			t.Errorf("report without source or rows")
		}
	})
}

// FuzzFromDoc builds table-shaped Docs ("|" between cells, "^" for a
// covered cell, "#" starting a new table) and runs the extractor on them.
func FuzzFromDoc(f *testing.F) {
	f.Add("三、收到和处理政府信息公开申请情况\n#\n三、本年度办理结果|（一）予以公开|^|1|2|3|4|5|6|21\n^|（六）其他处理|^|1|1|1|1|1|1|6\n四、政府信息公开行政复议、行政诉讼情况\n#\n1|2|3|4|5|6|7|8|9|10|11|12|13|14|15")
	f.Add("#\n规章|/|—|\n一、本年新收政府信息公开申请数量|^|^|1|0|0|0|0|0|1")
	f.Fuzz(func(t *testing.T, s string) {
		d := &Doc{Name: "f.docx", Format: FormatDOCX}
		table := 0
		for i, l := range strings.Split(s, "\n") {
			if l == "#" {
				table++
				continue
			}
			var line Line
			line.Table = table
			for j, c := range strings.Split(l, "|") {
				cell := Cell{Text: c}
				cell.Pos.Line = i + 1
				cell.Pos.Col = j + 1
				if c == "^" {
					cell = Cell{Covered: true}
				}
				line.Cells = append(line.Cells, cell)
			}
			d.Lines = append(d.Lines, line)
		}
		r, err := FromDoc(d)
		if err != nil {
			return
		}
		for _, c := range r.Cells() {
			if c.Present() && !c.IsDec && c.Num.V < -1<<62 {
				t.Errorf("implausible value in %s", c.ID)
			}
		}
	})
}

// FuzzDetect checks that Detect never panics and always names a format.
func FuzzDetect(f *testing.F) {
	seedCorpus(f)
	f.Add([]byte("PK\x03\x04word/document.xml"))
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("<html>"))
	f.Add([]byte(`{"schema":"gongkai.annual-report/v1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		switch Detect("x", data) {
		case FormatText, FormatPDF, FormatDOCX, FormatHTML, FormatXLSX, FormatJSON:
		default:
			t.Errorf("Detect returned an unknown format")
		}
	})
}

// FuzzParse runs the whole pipeline (Detect, a reader, FromDoc) on any
// bytes and checks that every error is one line naming the file. PDF input
// is skipped: it runs a subprocess.
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	f.Add([]byte("<html><body><table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table></body></html>"))
	f.Add([]byte(`{"schema": "gongkai.annual-report/v1", "template": "2021"}`))
	f.Add([]byte("PK\x03\x04word/document.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Detect("f", data) == FormatPDF {
			return
		}
		_, err := Parse("f", data)
		if err != nil && (!strings.HasPrefix(err.Error(), "f: ") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("error %q is not one line naming the file", err)
		}
	})
}
