package parse

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/report"
)

const fixtures = "../../../testdata/reports"

// needPDFToText skips a test when pdftotext is missing, unless CI is set.
func needPDFToText(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdftotext is required in CI (apt install poppler-utils): %v", err)
		}
		t.Skip("pdftotext not installed (apt install poppler-utils)")
	}
}

func readFixtureJSON(t *testing.T, name string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFixtures is the "done when" check of issue 2: parsing each published
// fixture gives its expected JSON in every cell.
func TestFixtures(t *testing.T) {
	tests := []struct {
		in, want string
		pdf      bool
	}{
		{"2022-ningbo-beilun-sifaju.txt", "2022-ningbo-beilun-sifaju.json", false},
		{"2023-huaian-hongze.pdf", "2023-huaian-hongze.json", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
			got, err := File(filepath.Join(fixtures, tt.in))
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			want := readFixtureJSON(t, tt.want)
			for _, d := range report.Diff(got, want) {
				t.Error(d)
			}
			if len(got.Source.Problems) > 0 {
				t.Errorf("got problems %+v; want none", got.Source.Problems)
			}
			for h := 1; h <= 6; h++ {
				if !got.Source.Headings[h] {
					t.Errorf("heading %d not found", h)
				}
			}
			for tb := 2; tb <= 4; tb++ {
				if !got.Source.Tables[tb] {
					t.Errorf("table %d not found", tb)
				}
			}
		})
	}
}

// TestSeedVariants checks that the variants built from the seed give the
// seed's cells: the same table as pipes, tabs, GBK, with typos and
// full-width digits, inside a web page.
func TestSeedVariants(t *testing.T) {
	want := readFixtureJSON(t, "2022-ningbo-beilun-sifaju.json")
	for _, name := range []string{"seed-pipes.txt", "seed-tabs.txt", "seed-gbk.txt", "seed-variants.txt", "seed-tokens.txt", "seed-layout.txt"} {
		t.Run(name, func(t *testing.T) {
			got, err := File(filepath.Join("testdata/text", name))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range report.Diff(got, want) {
				t.Error(d)
			}
		})
	}
	t.Run("seed-webpage.txt", func(t *testing.T) {
		got, err := File("testdata/text/seed-webpage.txt")
		if err != nil {
			t.Fatal(err)
		}
		w := *want
		w.Date = "2023-01-20" // the page's 发布时间; the signature was cut
		for _, d := range report.Diff(got, &w) {
			t.Error(d)
		}
	})
}

// TestGolden parses every input under testdata/text and compares the
// report, its headings, tables, positions and problems with the .golden
// file beside it; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/text/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := File(f)
			var got []byte
			if err != nil {
				got = []byte("error: " + err.Error() + "\n")
			} else {
				got = goldenText(t, r)
			}
			golden.Check(t, strings.TrimSuffix(f, ".txt")+".golden", got)
		})
	}
}

// goldenText renders a parsed report with its provenance.
func goldenText(t *testing.T, r *report.Report) []byte {
	var b bytes.Buffer
	if err := report.Encode(&b, r); err != nil {
		t.Fatal(err)
	}
	s := r.Source
	fmt.Fprintf(&b, "# format: %s\n# headings:", s.Format)
	for h := 1; h <= 6; h++ {
		if s.Headings[h] {
			fmt.Fprintf(&b, " %d", h)
		}
	}
	b.WriteString("\n# tables:")
	for tb := 2; tb <= 4; tb++ {
		if s.Tables[tb] {
			fmt.Fprintf(&b, " %d", tb)
		}
	}
	b.WriteString("\n")
	ids := make([]string, 0, len(s.Cells))
	for id := range s.Cells {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "# cell %s: %s\n", id, s.Cells[report.CellID(id)])
	}
	for _, p := range s.Problems {
		fmt.Fprintf(&b, "# problem %s at %s: %q %s\n", p.Cell, p.Pos, p.Text, p.Reason)
	}
	return b.Bytes()
}
