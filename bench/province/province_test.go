package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
)

// TestHierarchy checks the generated province at three scales: about n
// agencies, four levels, parents before children, counties of about
// CountySize agencies, about half of the reports imported, and a CSV that
// `gongkai agency import` reads and plans without a problem.
func TestHierarchy(t *testing.T) {
	for _, n := range []int{20, 1000, 10000} {
		ags := Hierarchy(n)
		if d := len(ags) - n; d < -2 || d > 2 {
			t.Errorf("Hierarchy(%d): %d agencies", n, len(ags))
		}
		seen := map[string]Agency{}
		county := map[int]int{}
		imported, owes := 0, 0
		for i, a := range ags {
			if _, dup := seen[a.Name]; dup {
				t.Fatalf("Hierarchy(%d): %s twice", n, a.Name)
			}
			if p, ok := seen[a.Parent]; a.Parent != "" && (!ok || (p.Level != a.Level-1 && !a.NoReport)) {
				t.Fatalf("Hierarchy(%d): agency %d %s: parent %q not before it one level up", n, i, a.Name, a.Parent)
			}
			if a.Level < 1 || a.Level > 4 {
				t.Fatalf("Hierarchy(%d): %s at level %d", n, a.Name, a.Level)
			}
			seen[a.Name] = a
			if a.County >= 0 {
				county[a.County]++
			}
			if a.Owes() {
				owes++
				if a.Imported {
					imported++
				}
			}
		}
		if n >= 1000 {
			for c, k := range county {
				if k < CountySize*2/3 || k > CountySize*4/3 {
					t.Errorf("Hierarchy(%d): county %d has %d agencies", n, c, k)
				}
			}
		}
		if half := owes / 2; n >= 1000 && (imported < half*9/10 || imported > half) {
			t.Errorf("Hierarchy(%d): %d of %d reports imported; want about half", n, imported, owes)
		}

		path := filepath.Join(t.TempDir(), "a.csv")
		if err := WriteAgencyCSV(path, ags); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := agency.ReadImport(f)
		f.Close()
		if err != nil {
			t.Fatalf("Hierarchy(%d): ReadImport: %v", n, err)
		}
		if _, err := agency.Plan(rows, nil); err != nil {
			t.Fatalf("Hierarchy(%d): Plan: %v", n, err)
		}
		if len(rows) != len(ags) {
			t.Errorf("Hierarchy(%d): the CSV holds %d rows; want %d", n, len(rows), len(ags))
		}
	}
}

// TestRequestCount checks the counts stay within their bounds and are the
// same for the same agency and year.
func TestRequestCount(t *testing.T) {
	lo, hi, seenLo, seenHi := 100, 2000, false, false
	for i := range 5000 {
		n := RequestCount(1, i, 2022, lo, hi)
		if n < lo || n > hi || n != RequestCount(1, i, 2022, lo, hi) {
			t.Fatalf("RequestCount(%d) = %d", i, n)
		}
		seenLo, seenHi = seenLo || n < lo+50, seenHi || n > hi-50
	}
	if !seenLo || !seenHi {
		t.Errorf("RequestCount does not spread over [%d, %d]", lo, hi)
	}
}

// TestParseFlags checks the phases and the bounds.
func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // the phases joined, or "error"
	}{
		{[]string{"-dsn", "postgres://x/y"}, "setup,publish,import,compile,overview,drop"},
		{[]string{"-dsn", "postgres://x/y", "-phase", "setup, overview"}, "setup,overview"},
		{[]string{"-dsn", "postgres://x/y", "-phase", "bogus"}, "error"},
		{[]string{"-dsn", "postgres://x/y", "-agencies", "5"}, "error"},
		{[]string{"-dsn", "postgres://x/y", "-requests-min", "300", "-requests-max", "200"}, "error"},
		{[]string{"-dsn", "postgres://x/y", "extra"}, "error"},
	} {
		c, err := parseFlags(tc.args)
		got := strings.Join(c.Phases, ",")
		if err != nil {
			got = "error"
		}
		if got != tc.want {
			t.Errorf("parseFlags(%q) = %s (%v); want %s", tc.args, got, err, tc.want)
		}
	}
}
