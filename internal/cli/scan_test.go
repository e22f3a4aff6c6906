package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
)

const scanCorpus = "../scan/testdata/corpus"

func TestScanExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.docx")
	if err := os.WriteFile(empty, []byte("PK\x03\x04 broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"nothing found", []string{"scan", filepath.Join(scanCorpus, "statistics-bulletin.txt")}, ExitOK},
		{"found", []string{"scan", filepath.Join(scanCorpus, "penalty-decision.txt")}, ExitFailure},
		{"found and clean", []string{"scan", filepath.Join(scanCorpus, "statistics-bulletin.txt"), filepath.Join(scanCorpus, "hiring-list.txt")}, ExitFailure},
		{"missing file", []string{"scan", filepath.Join(dir, "missing.txt")}, ExitUsage},
		{"unreadable outranks found", []string{"scan", filepath.Join(scanCorpus, "penalty-decision.txt"), empty}, ExitUsage},
		{"no files", []string{"scan"}, ExitUsage},
		{"json after file", []string{"scan", filepath.Join(scanCorpus, "statistics-bulletin.txt"), "--json"}, ExitOK},
		{"bad flag", []string{"scan", "--bogus", "x"}, ExitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := reportRun(tc.args...)
			if code != tc.code {
				t.Errorf("gongkai %s: exit %d; want %d (stderr %q)", strings.Join(tc.args, " "), code, tc.code, stderr)
			}
		})
	}
}

// TestScanJSON pins the --json shape of spec/catalog.md §4: one object per
// file with file and findings ({kind, where, masked}), findings never null,
// error only for an unreadable file.
func TestScanJSON(t *testing.T) {
	code, out, _ := reportRun("scan", "--json", filepath.Join(scanCorpus, "penalty-decision.txt"), filepath.Join(scanCorpus, "statistics-bulletin.txt"), "nothere.txt")
	if code != ExitUsage {
		t.Errorf("exit %d; want %d", code, ExitUsage)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}
	if len(got) != 3 {
		t.Fatalf("%d objects; want 3", len(got))
	}
	fs, ok := got[0]["findings"].([]any)
	if !ok || len(fs) != 3 {
		t.Fatalf("first file findings = %v; want 3", got[0]["findings"])
	}
	f0 := fs[0].(map[string]any)
	if f0["kind"] != "id_card" || f0["where"] != "第 9 行" || f0["masked"] != "330206**********15" {
		t.Errorf("first finding = %v", f0)
	}
	if fs, ok := got[1]["findings"].([]any); !ok || len(fs) != 0 {
		t.Errorf("clean file findings = %v; want []", got[1]["findings"])
	}
	if got[2]["error"] == nil || got[0]["error"] != nil {
		t.Errorf("error fields: %v / %v", got[2]["error"], got[0]["error"])
	}
}

func TestScanListing(t *testing.T) {
	_, out, _ := reportRun("scan", filepath.Join(scanCorpus, "dibao-notice.txt"), filepath.Join(scanCorpus, "statistics-bulletin.txt"))
	golden.CheckString(t, filepath.Join("testdata", "scan", "listing.txt"), out)
}
