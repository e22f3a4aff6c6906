package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/opendata"
)

// TestExportCommand imports the catalogue fixtures and exports them:
// the files and the summary, a second run over the first, and a target
// that is not an export refused.
func TestExportCommand(t *testing.T) {
	dir, _, run := newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	run(ExitOK, "catalog", "profile", "--agency", "北仑区司法局", "--credit-code", "11330206002882367P")
	run(ExitOK, "catalog", "import", "--agency", "北仑区司法局", filepath.Join("testdata", "catalog", "items.jsonl"))
	out := filepath.Join(dir, "open")
	for range 2 {
		stdout, _ := run(ExitOK, "export", "--out", out)
		if !strings.Contains(stdout, "items.jsonl") || !strings.Contains(stdout, "table3.csv") {
			t.Errorf("summary: %s", stdout)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, opendata.ManifestFile))
	var m opendata.Manifest
	if err != nil || json.Unmarshal(b, &m) != nil || len(m.Files) != 6 || m.Files[0].Name != "items.jsonl" || m.Files[0].Rows == 0 {
		t.Errorf("manifest: %v %s", err, b)
	}
	_, errs := run(ExitUsage, "export", "--out", dir)
	if !strings.Contains(errs, "manifest.json") {
		t.Errorf("a directory that is not an export: %s", errs)
	}
	run(ExitUsage, "export")
}
