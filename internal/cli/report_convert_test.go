package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

func TestReportConvertJSONToStdout(t *testing.T) {
	code, out, errOut := reportRun("report", "convert", "--to", "json", hongzeJSON)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	got, err := report.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(hongzeJSON)
	want, _ := report.Decode(bytes.NewReader(b))
	if d := report.Diff(got, want); d != nil {
		t.Errorf("round trip differs: %v", d)
	}
}

func TestReportConvertFormats(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		out    string // file written, or "" for stdout
		prefix string // how the output starts
	}{
		{"html to stdout", []string{"--to", "html", hongzeJSON}, "", "<!DOCTYPE html>"},
		{"svg to stdout", []string{"--to", "svg", beilunJSON}, "", "<?xml"},
		{"docx to a pipe", []string{"--to", "docx", beilunJSON}, "", "PK\x03\x04"},
		{"xlsx to a file", []string{"--to", "xlsx", "-o", filepath.Join(dir, "a.xlsx"), beilunJSON}, filepath.Join(dir, "a.xlsx"), "PK\x03\x04"},
		{"format from -o", []string{"-o", filepath.Join(dir, "b.docx"), beilunJSON}, filepath.Join(dir, "b.docx"), "PK\x03\x04"},
		{"json to a file", []string{beilunJSON, "-o", filepath.Join(dir, "c.json"), "--to", "JSON"}, filepath.Join(dir, "c.json"), "{"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := reportRun(append([]string{"report", "convert"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d; stderr %s", code, errOut)
			}
			got := []byte(out)
			if tt.out != "" {
				var err error
				if got, err = os.ReadFile(tt.out); err != nil {
					t.Fatal(err)
				}
				if out != "" || !strings.Contains(errOut, "已写入") {
					t.Errorf("stdout %q, stderr %q; want nothing on stdout and a note on stderr", out, errOut)
				}
			}
			if !bytes.HasPrefix(bytes.TrimLeft(got, " \n"), []byte(tt.prefix)) {
				t.Errorf("output starts %q; want %q", got[:min(len(got), 20)], tt.prefix)
			}
		})
	}
	// The HTML page carries the report's findings.
	_, out, _ := reportRun("report", "convert", "--to", "html", hongzeJSON)
	if !strings.Contains(out, "R4-review-sum") && !strings.Contains(out, "之和为 11") {
		t.Errorf("html lacks the R4 finding")
	}
}

func TestReportConvertErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no format", []string{beilunJSON}, 2, "--to"},
		{"unknown format", []string{"--to", "pdf", beilunJSON}, 2, "json、html、docx、xlsx 或 svg"},
		{"two inputs", []string{"--to", "json", beilunJSON, hongzeJSON}, 2, "一个输入文件"},
		{"missing input", []string{"--to", "json", filepath.Join(dir, "nope.docx")}, 2, "nope.docx"},
		{"unwritable output", []string{"--to", "json", "-o", filepath.Join(dir, "no", "such", "dir.json"), beilunJSON}, 1, "dir.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := reportRun(append([]string{"report", "convert"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}

func TestReportConvertPublishedText(t *testing.T) {
	// Done when (issue 2): convert --to json of the seed text equals its JSON in every cell.
	code, out, errOut := reportRun("report", "convert", "--to", "json", beilunTXT)
	if code != 0 {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	got, err := report.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(beilunJSON)
	want, _ := report.Decode(bytes.NewReader(b))
	if d := report.Diff(got, want); d != nil {
		t.Errorf("differs from the fixture JSON: %v", d)
	}
}

// TestReportCheckAcrossFormats converts the 洪泽 report to each published
// format and checks that reading it back gives the same findings as the
// JSON: the rules do not depend on the input format.
func TestReportCheckAcrossFormats(t *testing.T) {
	dir := t.TempDir()
	rulesOf := func(path string) string {
		t.Helper()
		code, out, errOut := reportRun("report", "check", "--json", path)
		if code != 1 {
			t.Fatalf("%s: exit %d; want 1\n%s", path, code, errOut)
		}
		var got []checkEntry
		if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
			t.Fatalf("%s: %v", path, err)
		}
		var ids []string
		for _, f := range got[0].Findings {
			ids = append(ids, f.Rule+" "+f.Message)
		}
		return strings.Join(ids, "\n")
	}
	want := rulesOf(hongzeJSON)
	for _, format := range []string{"docx", "html", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(dir, "hongze."+format)
			if code, _, errOut := reportRun("report", "convert", "--to", format, "-o", path, hongzeJSON); code != 0 {
				t.Fatalf("convert: exit %d: %s", code, errOut)
			}
			if got := rulesOf(path); got != want {
				t.Errorf("findings from %s:\n%s\nwant (from JSON):\n%s", format, got, want)
			}
		})
	}
}
