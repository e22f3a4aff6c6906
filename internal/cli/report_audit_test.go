package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

func TestReportAuditCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(filepath.Join(corpus, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	reportVariant(t, corpus, "beilun-2022.json", func(r *report.Report) {})
	reportVariant(t, filepath.Join(corpus, "sub"), "beilun-2021.json", func(r *report.Report) {
		r.Year, r.Date = 2021, "2022-01-20"
		r.Requests[report.CarriedForward][report.NaturalPerson] = report.N(1)
		r.Requests[report.CarriedForward][report.ColTotal] = report.N(1)
		r.Requests[report.New][report.NaturalPerson] = report.N(2)
		r.Requests[report.New][report.ColTotal] = report.N(2)
	})
	if err := os.WriteFile(filepath.Join(corpus, "broken.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, errOut := reportRun("report", "audit", "--out", out, corpus, hongzeJSON)
	if code != 1 {
		t.Errorf("exit %d; want 1 (error findings and an unreadable file)\n%s%s", code, stdout, errOut)
	}
	if !strings.Contains(stdout, "共 4 个文件：3 份报告可读取，1 个无法读取；2 份有错误") || !strings.Contains(stdout, "summary.html") {
		t.Errorf("stdout: %s", stdout)
	}
	if !strings.Contains(errOut, "broken.json") || strings.Contains(errOut, "\r") {
		t.Errorf("stderr: got %q; want the unreadable file named and no progress bar off a terminal", errOut)
	}
	b, err := os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files []checkEntry
	if err := json.Unmarshal(b, &files); err != nil || len(files) != 4 {
		t.Fatalf("findings.json: %v, %d entries", err, len(files))
	}
	for _, f := range files {
		if strings.HasSuffix(f.File, "beilun-2022.json") && strings.Join(f.Rules, " ") != "R6-carry-chain" {
			t.Errorf("2022 chained to 2021: got rules %v; want R6-carry-chain", f.Rules)
		}
	}
	for _, name := range []string{"summary.html", "findings.txt"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A second run over a tree holding its own output does not read it.
	code, stdout, _ = reportRun("report", "audit", "--out", filepath.Join(corpus, "out"), corpus)
	if !strings.Contains(stdout, "共 3 个文件") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	code, stdout, _ = reportRun("report", "audit", "--out", filepath.Join(corpus, "out"), corpus)
	if !strings.Contains(stdout, "共 3 个文件") {
		t.Errorf("rerun read its own output: exit %d: %s", code, stdout)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range [][]string{{"report", "audit"}, {"report", "audit", filepath.Join(dir, "nope")}, {"report", "audit", "--out", filepath.Join(dir, "o2"), empty}} {
		if code, _, _ := reportRun(tt...); code != 2 {
			t.Errorf("%v: exit %d; want 2", tt, code)
		}
	}
}
