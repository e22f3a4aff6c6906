package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzText checks that any text scans without a panic and that every
// finding hides at least half of what it found.
func FuzzText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("３３０２０６ 1985-0312\n2715 ＠ 机密★ 内部资料 +86 139 5746 6123")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fd := range Text(s) {
			if fd.Kind == Classified || fd.Kind == Hidden {
				continue
			}
			n := utf8.RuneCountInString(fd.Masked)
			stars := 0
			for _, c := range fd.Masked {
				if c == '*' {
					stars++
				}
			}
			if n > 0 && stars*2 < n {
				t.Fatalf("%v at %s: %q shows more than half", fd.Kind, fd.Where, fd.Masked)
			}
		}
	})
}

// FuzzDocument checks that any bytes, under any name, either scan or fail
// with ErrUnreadable, never panic.
func FuzzDocument(f *testing.F) {
	f.Add("a.docx", zipOf(f, wordDoc(para(run("身份证号：330206"), run("198503122715")), nil)))
	f.Add("a.xlsx", zipOf(f, workbook([][3]string{{"S", "hidden", `<sheetData><row r="1"><c r="A1"><v>1.3E+17</v></c></row></sheetData>`}}, nil)))
	f.Add("a.html", []byte("<p>330206<span>19850312</span>2715</p><td>1</td>"))
	f.Add("a.jsonl", []byte(`{"title":"13957466123"}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if filepath.Ext(name) == ".pdf" {
			return // pdftotext is a separate program with its own fuzzing
		}
		if len(data) > 0 && data[0] == '%' {
			return
		}
		_, _ = Document(context.Background(), name, data)
	})
}
