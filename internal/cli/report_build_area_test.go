package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestReportBuildArea: `report build --area` writes a government's
// whole-area report — its own records plus the 司法局's published report —
// names the 教育局, which has nothing, on stderr, stores nothing, and is
// refused for a department.
func TestReportBuildArea(t *testing.T) {
	dir, data, run := newDataDir(t)
	for _, args := range [][]string{{"migrate"},
		{"agency", "add", "--name", "北仑区人民政府", "--kind", "人民政府"},
		{"agency", "add", "--name", "北仑区司法局", "--parent", "北仑区人民政府", "--kind", "部门"},
		{"agency", "add", "--name", "北仑区教育局", "--parent", "北仑区人民政府", "--kind", "部门"}} {
		run(ExitOK, args...)
	}
	ctx := context.Background()
	st, err := sqlstore.OpenSQLite(ctx, filepath.Join(data, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	ag, err := st.AgencyByName(ctx, "北仑区司法局")
	if err != nil {
		t.Fatal(err)
	}
	pub := report.Empty(report.Template2021)
	pub.Agency, pub.Year = "北仑区司法局", 2022
	pub.Requests[report.New][report.ColTotal] = report.N(4)
	pub.Proactive.FeesWanYuan = report.D("1.25")
	snap, _ := json.Marshal(pub)
	if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: ag.ID, Year: 2022, UpdatedBy: "clerk", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := st.PublishReport(ctx, annual.Record{AgencyID: ag.ID, Year: 2022, PublishedBy: "head", PublishedAt: time.Now(), Snapshot: snap}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := filepath.Join(dir, "area.json")
	_, se := run(ExitOK, "report", "build", "--agency", "北仑区人民政府", "--year", "2022", "--area", "-o", out)
	r := decodeReport(t, out)
	if r.Agency != "北仑区人民政府" || r.Requests[report.New][report.ColTotal] != report.N(4) || r.Proactive.FeesWanYuan != report.D("1.25") {
		t.Errorf("area report: %s, new %v, fees %v; want the government's 0 + the 司法局's 4, fees 1.25", r.Agency,
			r.Requests[report.New][report.ColTotal], r.Proactive.FeesWanYuan)
	}
	for _, want := range []string{"汇总 3 个机关", "已发布报告 1", "依办理记录 1", "无数据 1", "北仑区教育局", "未保存"} {
		if !strings.Contains(se, want) {
			t.Errorf("notes lack %q:\n%s", want, se)
		}
	}
	st, err = sqlstore.OpenSQLite(ctx, filepath.Join(data, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	gov, _ := st.AgencyByName(ctx, "北仑区人民政府")
	if _, err := st.ReportRecord(ctx, gov.ID, 2022); err == nil {
		t.Error("build --area stored a draft")
	}
	if _, se := run(ExitUsage, "report", "build", "--agency", "北仑区司法局", "--year", "2022", "--area"); !strings.Contains(se, "不是人民政府") {
		t.Errorf("a department: %s; want not a government", se)
	}
	run(ExitUsage, "report", "build", "--ledger", "x.csv", "--year", "2022", "--area")
}
