package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// newDataDir prepares a data directory for commands in a temporary one,
// with the PII key set, and returns both and a runner of gongkai commands
// on the data directory: it fails t unless the command exits with want,
// and returns its stdout and stderr.
func newDataDir(t *testing.T) (dir, data string, run func(want int, args ...string) (stdout, stderr string)) {
	t.Helper()
	dir = t.TempDir()
	t.Setenv("GONGKAI_PII_KEY", "00112233445566778899aabbccddeeff")
	data = filepath.Join(dir, "data")
	return dir, data, func(want int, args ...string) (string, string) {
		t.Helper()
		code, out, errs := reportRun(append([]string{"--data", data}, args...)...)
		if code != want {
			t.Fatalf("gongkai %v: exit %d; want %d\n%s%s", args, code, want, out, errs)
		}
		return out, errs
	}
}

// decodeReport reads the report a command wrote to path.
func decodeReport(t *testing.T, path string) *report.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := report.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
