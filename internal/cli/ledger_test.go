package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
)

const (
	exampleLedger = "../ledger/testdata/example.csv"
	badLedger     = "../ledger/testdata/bad.csv"
)

// ledgerGolden compares got with testdata/ledger/name, or rewrites it.
func ledgerGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.CheckString(t, filepath.Join("testdata", "ledger", name), got)
}

func TestLedgerCommands(t *testing.T) {
	empty := t.TempDir() // a database never migrated
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // stdout golden, or ""
		stderr string // a part of stderr, or ""
	}{
		{"check good", []string{"ledger", "check", exampleLedger}, ExitOK, "check-example.txt", ""},
		{"check bad", []string{"ledger", "check", badLedger}, ExitFailure, "check-bad.txt", ""},
		{"check bad json", []string{"ledger", "check", "--json", badLedger}, ExitFailure, "check-bad.json", ""},
		{"check missing file", []string{"ledger", "check", "no-such.csv"}, ExitUsage, "", "no-such.csv"},
		{"check no file", []string{"ledger", "check"}, ExitUsage, "", "用法"},
		{"check global flag", []string{"--data", "x", "ledger", "check", exampleLedger}, ExitOK, "", ""},
		{"import needs a migrated store", []string{"--data", empty, "ledger", "import", "--agency", "某局", exampleLedger}, ExitFailure, "", "gongkai migrate"},
		{"import without agency", []string{"ledger", "import", exampleLedger}, ExitUsage, "", "用法"},
		{"export needs a migrated store", []string{"--data", empty, "ledger", "export", "--agency", "某局", "--year", "2023", "-o", filepath.Join(empty, "x.csv")}, ExitFailure, "", "gongkai migrate"},
		{"export to .txt", []string{"ledger", "export", "--agency", "某局", "--year", "2023", "-o", "x.txt"}, ExitUsage, "", ".xlsx"},
		{"export without -o", []string{"ledger", "export", "--agency", "某局", "--year", "2023"}, ExitUsage, "", "用法"},
		{"unknown subcommand", []string{"ledger", "frob"}, ExitUsage, "", "未知子命令"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := reportRun(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d; want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			if tt.golden != "" {
				ledgerGolden(t, tt.golden, out)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q; want it to contain %q", errs, tt.stderr)
			}
		})
	}
}

func TestReportBuildLedger(t *testing.T) {
	dir := t.TempDir()
	cells := filepath.Join(dir, "cells.json")
	code, out, errs := reportRun("report", "build", "--ledger", exampleLedger, "--year", "2023", "--agency", "宁波市北仑区司法局", "--cells", cells)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ledgerGolden(t, "example-2023.json", out)
	ledgerGolden(t, "example-2023.stderr", errs)
	var c builtCells
	b, err := os.ReadFile(cells)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	r, err := report.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := int64(len(c.Cells[report.ReqCell(report.New, report.ColTotal)])), r.Requests[report.New][report.ColTotal].V; got != want {
		t.Errorf("cells of new.total: %d ids; want %d", got, want)
	}
	if len(c.HandEntered) != 10 {
		t.Errorf("hand_entered: %d cells; want the 10 of table 二", len(c.HandEntered))
	}

	for _, f := range []string{"html", "docx", "xlsx"} {
		out := filepath.Join(dir, "r."+f)
		code, _, errs := reportRun("report", "build", "--ledger", exampleLedger, "--year", "2023", "-o", out)
		if code != ExitOK {
			t.Errorf("%s: exit %d: %s", f, code, errs)
			continue
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) < 100 {
			t.Errorf("%s: %d bytes, %v", f, len(b), err)
		}
		if f != "html" && !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("%s: not a zip", f)
		}
	}

	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"agency needs a migrated store", []string{"--data", t.TempDir(), "--agency", "某局", "--year", "2023"}, ExitFailure, "gongkai migrate"},
		{"no source", []string{"--year", "2023"}, ExitUsage, "--ledger"},
		{"no year", []string{"--ledger", exampleLedger}, ExitUsage, "--year"},
		{"bad format", []string{"--ledger", exampleLedger, "--year", "2023", "--to", "pdf"}, ExitUsage, "--to"},
		{"bad ledger", []string{"--ledger", badLedger, "--year", "2023"}, ExitFailure, "第 4 行 办理结果：无法识别“部分予以公开”"},
		{"missing ledger", []string{"--ledger", "no-such.csv", "--year", "2023"}, ExitUsage, "no-such.csv"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := reportRun(append([]string{"report", "build"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
}

// TestReportBuildTwoYears is issue 4's acceptance test without a database:
// a ledger of two years of random requests (XLSX and CSV) builds a
// second-year report that balances (R1–R4) and carries over exactly the
// first year's carried_forward (R6).
func TestReportBuildTwoYears(t *testing.T) {
	dir := t.TempDir()
	l := gen.Ledger(gen.Options{Seed: 42, N: 3000, From: calendar.MustParse("2022-01-01"),
		To: calendar.MustParse("2023-12-31"), AsOf: calendar.MustParse("2024-02-01"), Notes: true, Tricky: true})
	for _, format := range []string{"csv", "xlsx"} {
		path := filepath.Join(dir, "ledger."+format)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		write := ledger.WriteCSV
		if format == "xlsx" {
			write = ledger.WriteXLSX
		}
		if err := write(f, l); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var reps [2]*report.Report
		for i, year := range []string{"2022", "2023"} {
			code, out, errs := reportRun("report", "build", "--ledger", path, "--year", year, "--agency", "某局")
			if code != ExitOK {
				t.Fatalf("%s %s: exit %d: %s", format, year, code, errs)
			}
			if reps[i], err = report.Decode(strings.NewReader(out)); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range report.Validate(reps[1], reps[0]) {
			switch f.Rule[:3] {
			case "R1-", "R2-", "R3-", "R4-", "R6-":
				t.Errorf("%s: %s %s", format, f.Rule, f.Message)
			}
		}
		co := reps[1].Requests[report.CarriedOver]
		if *co != *reps[0].Requests[report.CarriedForward] || co[report.ColTotal].V == 0 {
			t.Errorf("%s: carried_over 2023 %v; carried_forward 2022 %v", format, *co, *reps[0].Requests[report.CarriedForward])
		}
	}
}

// BenchmarkReportBuildLedger100k runs `gongkai report build --ledger` on a
// 100,000-row CSV ledger (three years of requests): read, check, compile,
// write JSON.
func BenchmarkReportBuildLedger100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "ledger.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	l := gen.Ledger(gen.Options{Seed: 1, N: 100_000, From: calendar.MustParse("2021-01-01"), To: calendar.MustParse("2023-12-31")})
	if err := ledger.WriteCSV(f, l); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code, _, errs := reportRun("report", "build", "--ledger", path, "--year", "2023"); code != ExitOK {
			b.Fatal(errs)
		}
	}
}
