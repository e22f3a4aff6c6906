package corpus

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// TemplateName names a template in Chinese: 2021 年版模板.
func TemplateName(t report.Template) string {
	switch t {
	case report.Template2021:
		return "2021 年版模板"
	case report.Template2019:
		return "2019 年版（试行）模板"
	case "":
		return "模板不明"
	}
	return string(t) + " 模板"
}

// Heading describes a report in one line: 洪泽区人民政府 · 2023 年度 · 2021 年版模板.
func (f *File) Heading() string {
	agency := f.Agency
	if agency == "" {
		agency = "（未识别出机关名称）"
	}
	year := "年度不明"
	if f.Year > 0 {
		year = fmt.Sprintf("%d 年度", f.Year)
	}
	return agency + " · " + year + " · " + TemplateName(f.Template)
}

// WriteText writes the readable Chinese listing of one file: its heading,
// then its findings grouped by severity, each with its rule id and the
// positions of the cells involved.
func WriteText(w io.Writer, f *File) error {
	var b strings.Builder
	b.WriteString(f.File + "\n")
	if !f.Readable() {
		fmt.Fprintf(&b, "  无法读取：%s\n", f.Error)
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("  " + f.Heading() + "\n")
	if len(f.Findings) == 0 {
		b.WriteString("  未发现问题\n")
	}
	for _, sev := range []report.Severity{report.Error, report.Warning} {
		n := f.Errors
		name := "错误"
		if sev == report.Warning {
			n, name = f.Warnings, "警告"
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s %d 项：\n", name, n)
		for _, fd := range f.Findings {
			if fd.Severity != sev {
				continue
			}
			fmt.Fprintf(&b, "    [%s] %s", fd.Rule, fd.Message)
			if len(fd.Where) > 0 {
				fmt.Fprintf(&b, "（位置：%s）", CompactWhere(fd.Where))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Totals sums a set of files.
type Totals struct {
	Files, Readable, Unreadable, WithErrors, Errors, Warnings int
}

// Sum counts files, unreadable files and findings.
func Sum(files []File) Totals {
	var t Totals
	t.Files = len(files)
	for i := range files {
		f := &files[i]
		if !f.Readable() {
			t.Unreadable++
			continue
		}
		t.Readable++
		t.Errors += f.Errors
		t.Warnings += f.Warnings
		if f.Errors > 0 {
			t.WithErrors++
		}
	}
	return t
}

// String says the totals in one Chinese sentence.
func (t Totals) String() string {
	s := fmt.Sprintf("共 %d 个文件：%d 份报告可读取", t.Files, t.Readable)
	if t.Unreadable > 0 {
		s += fmt.Sprintf("，%d 个无法读取", t.Unreadable)
	}
	return s + fmt.Sprintf("；%d 份有错误；错误 %d 项，警告 %d 项", t.WithErrors, t.Errors, t.Warnings)
}

// WriteJSON writes the files as an indented JSON array (see File for the
// shape of each element).
// It encodes one file at a time, so that a corpus of ten thousand files
// is not held twice in memory as one JSON document.
func WriteJSON(w io.Writer, files []File) error {
	if len(files) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i := range files {
		b, err := json.MarshalIndent(&files[i], "  ", "  ")
		if err != nil {
			return fmt.Errorf("audit: encode findings: %w", err)
		}
		sep := ",\n"
		if i == len(files)-1 {
			sep = "\n"
		}
		if _, err := io.WriteString(w, "  "+string(b)+sep); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]\n")
	return err
}

// WriteDir writes the audit of files held in memory into dir (created if
// needed): findings.json (WriteJSON), findings.txt (WriteText for every
// file, then the totals) and summary.html (WriteSummary), through a Writer.
func WriteDir(dir string, files []File) error {
	w, err := NewWriter(dir)
	if err != nil {
		return err
	}
	for i := range files {
		if err := w.Add(&files[i]); err != nil {
			w.abort()
			return err
		}
	}
	_, err = w.Close()
	return err
}
