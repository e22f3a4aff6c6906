package parse

import (
	"os"
	"path/filepath"
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
