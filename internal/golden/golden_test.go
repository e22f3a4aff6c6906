package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, got, want, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"line differs", "a\nb\nc", "a\nx\nc", "differs at line 2:\ngot:  b\nwant: x"},
		{"longer", "a\nb", "a", "differs: got 2 lines; want 1"},
		{"long line clipped", strings.Repeat("y", 400), "z", "got:  " + strings.Repeat("y", 300) + "…\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diff([]byte(tt.got), []byte(tt.want))
			if tt.diff == "" && d != "" || !strings.Contains(d, tt.diff) {
				t.Errorf("Diff = %q; want it to contain %q", d, tt.diff)
			}
		})
	}
}

// TestCheckUpdates writes a golden file under -update, then compares
// with it.
func TestCheckUpdates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	old := *update
	*update = true
	CheckString(t, path, "内容\n")
	*update = old
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "内容\n" {
		t.Fatalf("golden file: %q, %v; want the text written", b, err)
	}
	CheckString(t, path, "内容\n")
}
