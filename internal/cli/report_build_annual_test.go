package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestReportBuildHandEntries checks that `report build --agency` fills in
// the hand entries saved in the back office, and prints a published
// report as it was frozen.
func TestReportBuildHandEntries(t *testing.T) {
	dir, data, run := newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	ctx := context.Background()
	st, err := sqlstore.OpenSQLite(ctx, filepath.Join(data, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	ag, err := st.AgencyByName(ctx, "北仑区司法局")
	if err != nil {
		t.Fatal(err)
	}
	e := annual.Entries{Date: "2023-01-15", Sections: report.Sections{Overview: "手工填写的总体情况"}}
	e.Proactive.NormativeDocuments.InForce = report.N(3)
	if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: ag.ID, Year: 2022, Entries: e, UpdatedBy: "clerk", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	build := func(name string) (*report.Report, string) {
		t.Helper()
		out := filepath.Join(dir, name)
		_, se := run(ExitOK, "report", "build", "--agency", "北仑区司法局", "--year", "2022", "-o", out)
		return decodeReport(t, out), se
	}
	r, notes := build("draft.json")
	if r.Sections.Overview != "手工填写的总体情况" || r.Proactive.NormativeDocuments.InForce != report.N(3) || r.Date != "2023-01-15" ||
		r.Requests[report.New][report.ColTotal] != report.N(0) {
		t.Errorf("draft build: overview %q in force %v date %q new %v", r.Sections.Overview, r.Proactive.NormativeDocuments.InForce, r.Date,
			r.Requests[report.New][report.ColTotal])
	}
	if !strings.Contains(notes, "人工填报") || strings.Contains(notes, "已留空") {
		t.Errorf("notes %q; want the hand entries named, nothing left empty", notes)
	}
	frozen := report.Empty(report.Template2021)
	frozen.Agency, frozen.Year, frozen.Sections.Overview = "北仑区司法局", 2022, "发布时的正文"
	snap, _ := frozen.MarshalJSON()
	if err := st.PublishReport(ctx, annual.Record{AgencyID: ag.ID, Year: 2022, PublishedBy: "head", PublishedAt: time.Now(), Snapshot: snap}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r, notes = build("published.json")
	if r.Sections.Overview != "发布时的正文" || !strings.Contains(notes, "定稿") {
		t.Errorf("published build: overview %q, notes %q; want the snapshot", r.Sections.Overview, notes)
	}
}
