package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
)

// TestLedgerImportReportBuild runs the commands against a fresh SQLite
// database: import a two-year ledger, build the second year's report from
// the database (it balances and carries over the first year's
// carried_forward), export the year and build from the export: the same
// tables. A second import of the same file is refused, all or nothing.
func TestLedgerImportReportBuild(t *testing.T) {
	dir, data, _ := newDataDir(t)
	l := gen.Ledger(gen.Options{Seed: 9, N: 800, From: calendar.MustParse("2022-01-01"),
		To: calendar.MustParse("2023-12-31"), AsOf: calendar.MustParse("2024-02-01")})
	src := filepath.Join(dir, "台账.xlsx")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := ledger.WriteXLSX(f, l); err != nil {
		t.Fatal(err)
	}
	f.Close()
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--data", data, "migrate"}, ExitOK, ""},
		{[]string{"--data", data, "agency", "add", "--name", "北仑区司法局"}, ExitOK, "北仑区司法局"},
		{[]string{"--data", data, "ledger", "import", "--agency", "北仑区司法局", src}, ExitOK, "800 件申请"},
		{[]string{"--data", data, "ledger", "import", "--agency", "北仑区司法局", src}, ExitFailure, "申请编号：“YSQ-2022-00001”已存在"},
		{[]string{"--data", data, "ledger", "import", "--agency", "不存在的局", src}, ExitFailure, "不存在的局"},
		{[]string{"--data", data, "report", "build", "--agency", "北仑区司法局", "--year", "2022", "-o", filepath.Join(dir, "2022.json")}, ExitOK, ""},
		{[]string{"--data", data, "report", "build", "--agency", "北仑区司法局", "--year", "2023", "-o", filepath.Join(dir, "2023.json")}, ExitOK, ""},
		{[]string{"--data", data, "ledger", "export", "--agency", "北仑区司法局", "--year", "2023", "-o", filepath.Join(dir, "out.csv")}, ExitOK, "已导出"},
		{[]string{"report", "build", "--ledger", filepath.Join(dir, "out.csv"), "--agency", "北仑区司法局", "--year", "2023", "-o", filepath.Join(dir, "again.json")}, ExitOK, ""},
	}
	for _, st := range steps {
		code, out, errs := reportRun(st.args...)
		if code != st.code || !strings.Contains(out+errs, st.want) {
			t.Fatalf("gongkai %s: exit %d, %s%s; want exit %d and %q", strings.Join(st.args, " "), code, out, errs, st.code, st.want)
		}
	}
	read := func(name string) *report.Report { return decodeReport(t, filepath.Join(dir, name)) }
	first, second, again := read("2022.json"), read("2023.json"), read("again.json")
	for _, f := range report.Validate(second, first) {
		switch f.Rule[:3] {
		case "R1-", "R2-", "R3-", "R4-", "R6-":
			t.Errorf("Validate: %s %s", f.Rule, f.Message)
		}
	}
	if second.Requests[report.CarriedOver][report.ColTotal].V == 0 {
		t.Error("nothing carried over: the test means nothing")
	}
	if d := report.Diff(again, second); len(d) > 0 {
		t.Errorf("report from the exported ledger differs: %v", d)
	}
}
