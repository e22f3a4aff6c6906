package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

var beilun = filepath.Join("..", "..", "testdata", "reports", "2022-ningbo-beilun-sifaju.json")

// tables34 keeps the differences of tables 三 and 四 only.
func tables34(diff []string) []string {
	var out []string
	for _, d := range diff {
		if strings.HasPrefix(d, "requests.") || strings.HasPrefix(d, "review_litigation.") {
			out = append(out, d)
		}
	}
	return out
}

// TestSeedRequests: the demo's 北仑区司法局 compiles to tables 三 and 四 of
// its published 2022 report exactly; 北仑区教育局's three years balance and
// chain; a second seeding adds nothing.
func TestSeedRequests(t *testing.T) {
	f, err := os.Open(beilun)
	if err != nil {
		t.Skipf("fixture not available: %v", err)
	}
	want, err := report.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		for _, name := range []string{demo.Justice, demo.Education} {
			if _, err := st.CreateAgency(ctx, agency.Agency{Name: name, CreatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		k, _ := pii.ParseKey("00112233445566778899aabbccddeeff")
		svc, err := casework.New(st, &audit.Log{Store: st}, pii.NewKeyring(k))
		if err != nil {
			t.Fatal(err)
		}
		res, err := demo.SeedRequests(ctx, st, svc)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported[demo.Justice] != 1 || res.Imported[demo.Education] != demo.EducationRequests || len(res.Pending) != 2 {
			t.Errorf("seeded %+v", res)
		}
		if !strings.Contains(res.Text(), "查询码") {
			t.Errorf("text %q", res.Text())
		}
		justice, _ := st.AgencyByName(ctx, demo.Justice)
		got, _, err := svc.Compile(ctx, justice.ID, demo.Justice, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if d := tables34(report.Diff(got.Report, want)); len(d) > 0 {
			t.Errorf("tables 三 and 四 differ from the published report: %v", d)
		}
		if got.Report.Requests[report.Granted][report.NaturalPerson].V != 1 {
			t.Error("the one granted request is not counted")
		}
		edu, _ := st.AgencyByName(ctx, demo.Education)
		var prev *report.Report
		for year := 2023; year <= 2025; year++ {
			r, _, err := svc.Compile(ctx, edu.ID, demo.Education, year)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range report.Validate(r.Report, prev) {
				switch f.Rule[:3] {
				case "R1-", "R2-", "R3-", "R4-", "R6-":
					t.Errorf("%d: %s %s", year, f.Rule, f.Message)
				}
			}
			if r.Report.Requests[report.New][report.ColTotal].V < 500 {
				t.Errorf("%d: only %s new requests", year, r.Report.Requests[report.New][report.ColTotal])
			}
			prev = r.Report
		}
		again, err := demo.SeedRequests(ctx, st, svc)
		if err != nil || !again.Empty() {
			t.Errorf("second seeding: %+v, %v", again, err)
		}
	})
}
