package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportImportCommand runs `gongkai report import` on a SQLite data
// directory: unknown names and unreadable files stop the run (nothing
// imported, exit 1 and 2), a matched report is imported (exit 0), and a
// second import of the same year is refused.
func TestReportImportCommand(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	for _, args := range [][]string{{"--data", data, "migrate"},
		{"--data", data, "agency", "add", "--name", "宁波市人民政府"},
		{"--data", data, "agency", "add", "--name", "宁波市北仑区司法局", "--parent", "宁波市人民政府"}} {
		if code, out, errs := reportRun(args...); code != ExitOK {
			t.Fatalf("gongkai %v: exit %d %s%s", args, code, out, errs)
		}
	}
	seed := filepath.Join("..", "..", "testdata", "reports", "2022-ningbo-beilun-sifaju.txt") // states 宁波市北仑区司法局
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("beilun.txt", strings.ReplaceAll(string(b), "宁波市北仑区司法局", "北仑区司法局")) // a suffix of the stored name
	other := write("haishu.txt", strings.ReplaceAll(string(b), "宁波市北仑区司法局", "宁波市海曙区司法局"))

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr []string
	}{
		{"an unknown agency stops the run", []string{good, other}, ExitFailure, "",
			[]string{"haishu.txt", "宁波市海曙区司法局", "未导入任何报告"}},
		{"an unreadable file stops the run", []string{good, filepath.Join(dir, "nope.txt")}, ExitUsage, "",
			[]string{"nope.txt"}},
		{"another year than --year", []string{"--year", "2023", good}, ExitFailure, "", []string{"2022 年度"}},
		{"imported", []string{good}, ExitOK, "beilun.txt → 宁波市北仑区司法局 · 2022 年度", nil},
		{"imported once only", []string{good}, ExitFailure, "", []string{"已有报告"}},
	}
	for _, tt := range tests {
		code, so, se := reportRun(append([]string{"--data", data, "report", "import"}, tt.args...)...)
		if code != tt.code || !strings.Contains(so, tt.stdout) {
			t.Errorf("%s: exit %d stdout %q; want %d with %q\n%s", tt.name, code, so, tt.code, tt.stdout, se)
		}
		for _, w := range tt.stderr {
			if !strings.Contains(se, w) {
				t.Errorf("%s: stderr %q lacks %q", tt.name, se, w)
			}
		}
	}
	// The source file went to the blob store beside the database.
	keys, _ := filepath.Glob(filepath.Join(data, "blobs", "reports", "imported", "*"))
	if len(keys) != 1 {
		t.Errorf("blobs: %v; want the one imported file", keys)
	}
}
