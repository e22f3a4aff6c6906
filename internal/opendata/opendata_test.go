package opendata_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/opendata"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

var now = time.Date(2024, 2, 1, 2, 0, 0, 0, time.UTC)

// publishItems imports published items of ag as `gongkai catalog import`
// does (their own 索引号 and dates); withdraw names titles the agency's
// 负责人 then withdraws.
func publishItems(t *testing.T, st *sqlstore.Store, ag agency.Agency, titles []string, withdraw ...string) {
	t.Helper()
	ctx := context.Background()
	log := &audit.Log{Store: st, Now: func() time.Time { return now }}
	svc, err := catalog.NewService(st, log)
	if err != nil {
		t.Fatal(err)
	}
	svc.Now = func() time.Time { return now }
	var src strings.Builder
	for i, title := range titles {
		fmt.Fprintf(&src, `{"schema":"gongkai.item/v1","index_no":"X%d/%s","title":%q,"agency":%q,"category":"other","doc_type":"notice","disclosure":"proactive","formed_on":"2024-01-0%d","published_at":"2024-01-0%dT10:00:00+08:00","body":"<p>%s。</p>"}`+"\n",
			ag.ID, title, title, ag.Name, i+1, i+1, title)
	}
	lines, err := catalog.ReadItems(strings.NewReader(src.String()), ag.Name, catalog.NewTree(catalog.DefaultColumns(ag.ID, catalog.LevelCounty)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(ctx, audit.CLI, ag.ID, ag.Name, lines, nil); err != nil {
		t.Fatal(err)
	}
	head := catalog.Staff{Subject: auth.Subject{UserID: 1, Login: "head", AgencyID: ag.ID, Roles: []account.Role{account.Head}}}
	for _, title := range withdraw {
		id, err := st.ItemIDByIndexNo(ctx, fmt.Sprintf("X%d/%s", ag.ID, title))
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Withdraw(ctx, head, id, "内容有误"); err != nil {
			t.Fatal(err)
		}
	}
}

func readReport(t *testing.T, name string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata/reports", name))
	if err != nil {
		t.Fatal(err)
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

func publishReport(t *testing.T, st *sqlstore.Store, ag agency.Agency, rep *report.Report) {
	t.Helper()
	ctx := context.Background()
	snap, _ := json.Marshal(rep)
	err := st.InTx(ctx, func(ctx context.Context) error {
		rec := annual.Record{AgencyID: ag.ID, Year: rep.Year, UpdatedBy: "t", UpdatedAt: now}
		if err := st.SaveReportEntries(ctx, rec); err != nil {
			return err
		}
		rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "t", now
		return st.PublishReport(ctx, rec)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// source reads what st has published, as `gongkai export` does.
func source(tb testing.TB, st *sqlstore.Store) opendata.Source {
	tb.Helper()
	log := &audit.Log{Store: st}
	items, err := catalog.NewService(st, log)
	if err != nil {
		tb.Fatal(err)
	}
	reports, err := annual.New(st, annual.NoCompiler{}, st, log)
	if err != nil {
		tb.Fatal(err)
	}
	return opendata.Source{Items: items, Reports: reports, Agencies: st}
}

// readCSV reads a CSV of the export, checking it starts with the BOM.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(opendata.BOM)) {
		t.Errorf("%s does not start with the BOM", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(b[len(opendata.BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// TestExport: the files, their rows, the shapes (gongkai.item/v1 and
// gongkai.annual-report/v1 lines, one CSV row per agency-year with empty
// fields for absent cells, never 0), the manifest, and the replacement of
// an earlier export — on both databases.
func TestExport(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		a, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: now})
		b, _ := st.CreateAgency(ctx, agency.Agency{Name: "洪泽区人民政府", CreatedAt: now})
		publishItems(t, st, a, []string{"关于调整城乡低保标准的通知", "已撤回的通知"}, "已撤回的通知")
		publishItems(t, st, b, []string{"征收拆迁补偿安置方案"})
		publishReport(t, st, a, readReport(t, "2022-ningbo-beilun-sifaju.json"))
		publishReport(t, st, b, readReport(t, "2023-huaian-hongze.json"))
		if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: 2023, UpdatedBy: "t", UpdatedAt: now}); err != nil {
			t.Fatal(err) // a draft: never exported
		}
		dir := filepath.Join(t.TempDir(), "open")
		m, err := opendata.Export(ctx, source(t, st), dir, now, nil)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]int{}
		for _, f := range m.Files {
			rows[f.Name] = f.Rows
		}
		if want := map[string]int{"items.jsonl": 2, "reports.jsonl": 2, "table2.csv": 2, "table3.csv": 2, "table4.csv": 2, "README.md": 0}; !mapsEqual(rows, want) {
			t.Errorf("manifest rows %v; want %v", rows, want)
		}
		if m.GeneratedAt != "2024-02-01T10:00:00+08:00" || m.Schema != opendata.ManifestSchema {
			t.Errorf("manifest %+v", m)
		}
		items := lines(t, filepath.Join(dir, "items.jsonl"))
		var titles []string
		for _, l := range items {
			var it map[string]any
			if err := json.Unmarshal([]byte(l), &it); err != nil || it["schema"] != catalog.Schema {
				t.Errorf("item line %s: %v", l, err)
			}
			titles = append(titles, it["title"].(string))
		}
		if !slices.Equal(titles, []string{"征收拆迁补偿安置方案", "关于调整城乡低保标准的通知"}) {
			t.Errorf("items %v; want the two public ones, newest first", titles)
		}
		reps := lines(t, filepath.Join(dir, "reports.jsonl"))
		if len(reps) != 2 || !strings.Contains(reps[0], `"schema":"gongkai.annual-report/v1"`) || !strings.Contains(reps[0], `"year":2023`) {
			t.Errorf("reports.jsonl: %.300v", reps)
		}
		for _, l := range reps {
			var r report.Report
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Errorf("report line: %v", err)
			}
		}
		t3 := readCSV(t, filepath.Join(dir, "table3.csv"))
		head := t3[0]
		col := func(id string) int { return slices.Index(head, id) }
		if len(t3) != 3 || !slices.Equal(head[:4], []string{"agency_id", "agency", "year", "template"}) || len(head) != 4+25*7 {
			t.Fatalf("table3.csv: %d rows, header %v", len(t3), head)
		}
		hongze, beilun := t3[1], t3[2] // 2023 first
		if hongze[1] != "洪泽区人民政府" || hongze[2] != "2023" || beilun[1] != "北仑区司法局" {
			t.Errorf("rows %v / %v", hongze[:4], beilun[:4])
		}
		// the row the 2023 洪泽 report lacks is empty, never 0; a 0 it states is 0
		if c := col("requests.other_no_correction.total"); hongze[c] != "" || beilun[c] != "0" {
			t.Errorf("other_no_correction.total: 洪泽 %q, 北仑 %q; want empty and 0", hongze[c], beilun[c])
		}
		if c := col("requests.new.natural_person"); beilun[c] != "1" {
			t.Errorf("北仑 new.natural_person = %q; want 1", beilun[c])
		}
		t2 := readCSV(t, filepath.Join(dir, "table2.csv"))
		if c := slices.Index(t2[0], "proactive.fees_wan_yuan"); c < 0 || t2[1][c] != "7730.28" || len(t2[0]) != 4+10 {
			t.Errorf("table2.csv: %v", t2)
		}
		t4 := readCSV(t, filepath.Join(dir, "table4.csv"))
		if len(t4[0]) != 4+15 || t4[0][4] != "review_litigation.review.upheld" {
			t.Errorf("table4.csv header %v", t4[0])
		}
		// a second export replaces the first whole
		publishItems(t, st, a, []string{"新的通知"})
		if _, err := opendata.Export(ctx, source(t, st), dir, now.Add(24*time.Hour), nil); err != nil {
			t.Fatal(err)
		}
		if n := len(lines(t, filepath.Join(dir, "items.jsonl"))); n != 3 {
			t.Errorf("after the second export: %d items; want 3", n)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".open.tmp-*"))
		if len(left) != 0 {
			t.Errorf("temporary directories left: %v", left)
		}
	})
}

// failingReports fails on the second report, as a database that goes
// away in the middle of an export would.
type failingReports struct {
	opendata.Reports
	n *int
}

func (f failingReports) Published(ctx context.Context, agencyID int64, year int) (annual.Record, *report.Report, error) {
	if *f.n++; *f.n > 1 {
		return annual.Record{}, nil, errors.New("connection lost")
	}
	return f.Reports.Published(ctx, agencyID, year)
}

// TestExportAtomic: an export that fails leaves the earlier export as it
// was and no temporary directory; a directory that is not an export, or a
// file, is refused and left alone.
func TestExportAtomic(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	ctx := context.Background()
	a, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: now})
	b, _ := st.CreateAgency(ctx, agency.Agency{Name: "洪泽区人民政府", CreatedAt: now})
	publishReport(t, st, a, readReport(t, "2022-ningbo-beilun-sifaju.json"))
	parent := t.TempDir()
	dir := filepath.Join(parent, "open")
	if _, err := opendata.Export(ctx, source(t, st), dir, now, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	publishReport(t, st, b, readReport(t, "2023-huaian-hongze.json"))
	src := source(t, st)
	n := 0
	src.Reports = failingReports{src.Reports, &n}
	if _, err := opendata.Export(ctx, src, dir, now.Add(time.Hour), nil); err == nil || !strings.Contains(err.Error(), "connection lost") {
		t.Fatalf("failing export: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if !bytes.Equal(before, after) {
		t.Error("a failed export changed the earlier one")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside the export: %v", entries)
	}
	other := filepath.Join(parent, "mine")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(parent, "file")
	_ = os.WriteFile(file, []byte("x"), 0o644)
	for _, target := range []string{other, file} {
		if _, err := opendata.Export(ctx, source(t, st), target, now, nil); err == nil {
			t.Errorf("%s was overwritten", target)
		}
	}
	if b, err := os.ReadFile(filepath.Join(other, "notes.txt")); err != nil || string(b) != "x" {
		t.Error("a directory that is not an export was touched")
	}
	// an empty directory is filled
	empty := filepath.Join(parent, "empty")
	_ = os.Mkdir(empty, 0o755)
	if _, err := opendata.Export(ctx, source(t, st), empty, now, nil); err != nil {
		t.Errorf("empty directory: %v", err)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
