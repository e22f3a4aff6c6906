package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/report"
)

const corpus = "testdata/corpus"

func TestCollect(t *testing.T) {
	got, err := Collect([]string{corpus, "testdata/corpus/zhejiang/readme.md", corpus + "/zhejiang"}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"testdata/corpus/jiangsu/2023-huaian-hongze.json",
		"testdata/corpus/jiangsu/truncated.json",
		"testdata/corpus/zhejiang/2019-ningbo-beilun-sifaju.json",
		"testdata/corpus/zhejiang/2021-ningbo-beilun-sifaju.json",
		"testdata/corpus/zhejiang/2022-ningbo-beilun-sifaju.json",
		"testdata/corpus/zhejiang/notes.json",
		"testdata/corpus/zhejiang/readme.md", // named on the command line: read whatever its name
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q;\nwant %q", got, want)
	}
	got, err = Collect([]string{corpus}, corpus+"/zhejiang")
	if err != nil || len(got) != 2 {
		t.Errorf("skipping the output folder: got %q, %v; want the 2 files of jiangsu", got, err)
	}
	if _, err := Collect([]string{"testdata/nope"}, ""); err == nil || !strings.Contains(err.Error(), "testdata/nope") {
		t.Errorf("missing path: got %v; want an error naming it", err)
	}
}

func runCorpus(t *testing.T, workers int) []File {
	t.Helper()
	files, err := Collect([]string{corpus}, "")
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	out, err := Run(context.Background(), files, Options{Workers: workers, Progress: func(done, total int) {
		calls.Add(1)
		if done < 1 || done > total || total != len(files) {
			t.Errorf("progress %d/%d; want 1..%d", done, total, len(files))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if int(calls.Load()) != len(files) {
		t.Errorf("got %d progress calls; want %d", calls.Load(), len(files))
	}
	return out
}

func TestRunChainsAndKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		out := runCorpus(t, workers)
		byName := map[string]File{}
		var order []string
		for _, f := range out {
			byName[filepath.Base(f.File)] = f
			order = append(order, f.File)
		}
		if !slices.IsSorted(order) || len(order) != 6 {
			t.Fatalf("workers %d: got files %v; want the 6 files in path order", workers, order)
		}
		tests := []struct {
			file     string
			readable bool
			rules    []string
		}{
			{"2023-huaian-hongze.json", true, []string{report.RuleReview, report.RuleCells, report.RuleDeadline}},
			{"truncated.json", false, []string{}},
			{"2019-ningbo-beilun-sifaju.json", true, []string{report.RuleCells, report.RuleDeadline}},
			{"2021-ningbo-beilun-sifaju.json", true, []string{}}, // 2020 is missing: no chain to 2019
			{"2022-ningbo-beilun-sifaju.json", true, []string{report.RuleCarry, report.RuleInForce}},
			{"notes.json", false, []string{}},
		}
		for _, tt := range tests {
			f := byName[tt.file]
			if f.Readable() != tt.readable || !slices.Equal(f.Rules, tt.rules) {
				t.Errorf("workers %d, %s: got readable %v rules %v (error %q); want %v %v",
					workers, tt.file, f.Readable(), f.Rules, f.Error, tt.readable, tt.rules)
			}
			if !tt.readable && f.Error == "" {
				t.Errorf("%s: unreadable without a reason", tt.file)
			}
		}
		f := byName["2022-ningbo-beilun-sifaju.json"]
		if f.Errors != 2 || f.Warnings != 1 {
			t.Errorf("2022: got %d errors %d warnings; want 2 R6 errors and 1 R7 warning", f.Errors, f.Warnings)
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, []string{corpus + "/jiangsu/2023-huaian-hongze.json"}, Options{}); err == nil {
		t.Error("got no error for a cancelled context")
	}
}

func TestCheckUnreadable(t *testing.T) {
	f := Check(t.Context(), "testdata/nope.json", nil)
	if f.Readable() || !strings.Contains(f.Error, "文件不存在") || f.Findings == nil {
		t.Errorf("got %+v; want unreadable with the reason and empty findings", f)
	}
}

// TestWriteDirGolden checks findings.json, findings.txt and summary.html
// against testdata/golden; run with -update to rewrite them.
func TestWriteDirGolden(t *testing.T) {
	out := runCorpus(t, 2)
	dir := t.TempDir()
	if err := WriteDir(dir, out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"findings.json", "findings.txt", "summary.html"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "golden", name), got)
	}
}

func TestSummaryIsStandalone(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, runCorpus(t, 1)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`<table class="sortable" id="file-table">`, "<svg", "<script>", "<style>",
		"R4-review-sum", "洪泽区人民政府", "问题在哪里", `<td class="n m error" data-v="2">2</td>`, "无法读取", "testdata/corpus/jiangsu/truncated.json", `aria-sort`} {
		if !strings.Contains(page, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for _, bad := range []string{`src="http`, `href="http`, "cdn", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("summary fetches something: contains %q", bad)
		}
	}
}

func TestFindingsJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, runCorpus(t, 1)); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, e := range got {
		for _, k := range []string{"file", "agency", "year", "template", "errors", "warnings", "rules", "findings"} {
			if _, ok := e[k]; !ok {
				t.Errorf("%v lacks %q", e["file"], k)
			}
		}
		if e["findings"] == nil || e["rules"] == nil {
			t.Errorf("%v: findings or rules is null; want []", e["file"])
		}
		for _, f := range e["findings"].([]any) {
			if f.(map[string]any)["cells"] == nil {
				t.Errorf("%v: a finding's cells is null; want []", e["file"])
			}
		}
	}
}

func BenchmarkRunCorpus(b *testing.B) {
	files, err := Collect([]string{corpus}, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Run(context.Background(), files, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "files/s")
}

// TestAuditStreams checks that the streaming Audit writes what Run and
// WriteDir write (the same golden files), calls each in path order and
// leaves no temporary file behind.
func TestAuditStreams(t *testing.T) {
	files, err := Collect([]string{corpus}, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var seen []string
	tot, err := Audit(t.Context(), files, dir, Options{Workers: 3}, func(f *File) { seen = append(seen, f.File) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, files) {
		t.Errorf("each saw %q; want %q", seen, files)
	}
	if want := Sum(runCorpus(t, 1)); tot != want {
		t.Errorf("totals %+v; want %+v", tot, want)
	}
	for _, name := range []string{"findings.json", "findings.txt", "summary.html"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "golden", name), got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("the output folder holds %q; want the three files only", names)
	}
}

func TestAuditStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	dir := t.TempDir()
	if _, err := Audit(ctx, []string{corpus + "/jiangsu/2023-huaian-hongze.json"}, dir, Options{}, nil); err == nil {
		t.Error("got no error for a cancelled context")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a cancelled audit left %d files", len(ents))
	}
}
