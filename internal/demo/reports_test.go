package demo_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

// TestSeedReports runs the demo seeding in the order serve --demo does and
// checks that 北仑区司法局's published demo report equals the report the
// agency really published, in its date and every cell of tables 二, 三
// and 四 (only the agency's name differs: the demo agency is 北仑区司法局,
// the title says 宁波市北仑区司法局).
func TestSeedReports(t *testing.T) {
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
		log := &audit.Log{Store: st}
		settings, _ := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
		settings.Hash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
		ags, err := agency.NewService(st, log)
		if err != nil {
			t.Fatal(err)
		}
		auths, err := auth.NewService(st, log, settings)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Seed(ctx, ags, auths); err != nil {
			t.Fatal(err)
		}
		k, _ := pii.ParseKey("00112233445566778899aabbccddeeff")
		svc, err := casework.New(st, log, pii.NewKeyring(k))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.SeedRequests(ctx, st, svc); err != nil {
			t.Fatal(err)
		}
		ann, err := annual.New(st, svc, st, log)
		if err != nil {
			t.Fatal(err)
		}
		stat, err := stationery.New(st, log)
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.SeedReports(ctx, st, ann, stat); err != nil {
			t.Fatal(err)
		}
		justice, _ := st.AgencyByName(ctx, demo.Justice)
		_, pub, err := ann.Published(ctx, justice.ID, demo.JusticeReportYear)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range report.Diff(pub, want) {
			if !strings.HasPrefix(d, "agency:") {
				t.Errorf("published demo report: %s", d)
			}
		}
		set, _, err := stat.Get(ctx, justice.ID, 2026)
		if err != nil || set.Prefix != "北司公开" || set.ReviewBody != "宁波市北仑区人民政府" || set.Court == "" {
			t.Errorf("letter settings: %+v, %v; want prefix 北司公开", set, err)
		}
	})
}
