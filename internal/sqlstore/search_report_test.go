package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// publishReport stores a draft of rep for ag and publishes it in one
// transaction, as annual.Service.Publish does.
func publishReport(t *testing.T, s *sqlstore.Store, ag agency.Agency, rep *report.Report, at time.Time) {
	t.Helper()
	ctx := context.Background()
	snap, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	err = s.InTx(ctx, func(ctx context.Context) error {
		rec := annual.Record{AgencyID: ag.ID, Year: rep.Year, UpdatedBy: "t", UpdatedAt: at}
		if err := s.SaveReportEntries(ctx, rec); err != nil {
			return err
		}
		rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "t", at
		return s.PublishReport(ctx, rec)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seedReport is the seed report of report-model.md with free text.
func seedReport(t *testing.T, name string, year int) *report.Report {
	t.Helper()
	b, err := os.ReadFile("../../testdata/reports/2022-ningbo-beilun-sifaju.json")
	if err != nil {
		t.Fatal(err)
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	rep.Agency, rep.Year = name, year
	rep.Sections = report.Sections{Overview: "本年度深化政务公开，完善低保信息公开。\n依申请公开办理规范。",
		Problems: "公开栏更新不及时。", Other: "本年度未收取信息处理费。"}
	return &rep
}

// TestSearchFindsReports: a published annual report is found, in the
// column 政府信息公开年报, the moment its publication commits; a draft is
// not; the column filter and the facets count it; reindex rebuilds it.
func TestSearchFindsReports(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "北仑区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		loadCorpus(t, s, []agency.Agency{a}, []searchtest.Item{{Doc: search.Doc{Title: "关于调整城乡低保标准的通知", Body: "<p>低保标准。</p>"}}})
		// a draft is not searched
		if err := s.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: 2023, UpdatedBy: "t", UpdatedAt: testNow}); err != nil {
			t.Fatal(err)
		}
		publishReport(t, s, a, seedReport(t, a.Name, 2022), testNow)
		check := func(when string) {
			t.Helper()
			p, err := search.Search(ctx, s, "低保", search.Filter{}, 1, 10)
			if err != nil || p.Total != 2 {
				t.Fatalf("%s: 低保: %+v, %v; want the item and the report", when, p, err)
			}
			var rep search.Result
			for _, r := range p.Items {
				if r.IndexNo == "" {
					rep = r
				}
			}
			wantURL := fmt.Sprintf("/reports/%d/2022", a.ID)
			if rep.URL != wantURL || rep.Column != search.ReportColumn || rep.Title != "北仑区民政局2022年度政府信息公开工作年度报告" ||
				rep.Snippet.Text("【", "】") != "本年度深化政务公开，完善【低保】信息公开。" || rep.AgencyID != a.ID {
				t.Errorf("%s: report result %+v", when, rep)
			}
			if p.Facets.Columns[search.ReportColumn] != 1 || p.Facets.Columns["other"] != 1 || p.Facets.Agencies[a.ID] != 2 {
				t.Errorf("%s: facets %+v", when, p.Facets)
			}
			only, err := search.Search(ctx, s, "低保", search.Filter{Category: search.ReportColumn}, 1, 10)
			if err != nil || only.Total != 1 || only.Items[0].URL != wantURL {
				t.Errorf("%s: column filter: %+v, %v", when, only, err)
			}
			if p, err := search.Search(ctx, s, "公开栏", search.Filter{}, 1, 10); err != nil || p.Total != 1 {
				t.Errorf("%s: 公开栏 (section 五): %+v, %v", when, p, err)
			}
			if p, err := search.Search(ctx, s, "北仑区民政局2022年度", search.Filter{}, 1, 10); err != nil || p.Total != 1 || !strings.Contains(p.Items[0].Snippet.Text("【", "】"), "【") {
				t.Errorf("%s: the title: %+v, %v", when, p, err)
			}
		}
		check("published")
		if err := s.ReindexSearch(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		check("reindexed")
		if err := s.ReindexSearch(ctx, []int64{a.ID}, nil); err != nil {
			t.Fatal(err)
		}
		check("reindexed the agency")
		// a report published elsewhere and imported is found the same way
		rep := seedReport(t, a.Name, 2021)
		rep.Sections.Overview = "本年度完善救助信息公开。"
		snap, _ := json.Marshal(rep)
		err = s.ImportReport(ctx, annual.Record{AgencyID: a.ID, Year: 2021, Status: annual.Published, Snapshot: snap, UpdatedBy: "t",
			UpdatedAt: testNow, PublishedBy: "t", PublishedAt: testNow},
			annual.ImportSource{AgencyID: a.ID, Year: 2021, File: "r.json", Format: "json", BlobKey: "reports/imported/x", SHA256: "x",
				Size: 1, ImportedBy: "t", ImportedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if p, err := search.Search(ctx, s, "救助信息", search.Filter{}, 1, 10); err != nil || p.Total != 1 || p.Items[0].URL != fmt.Sprintf("/reports/%d/2021", a.ID) {
			t.Errorf("an imported report: %+v, %v", p, err)
		}
	})
}

// TestSearchMigrationKeepsIndex: a database indexed before migration
// 00200 keeps its documents through it (no reindex needed) and through its
// Down and Up again.
func TestSearchMigrationKeepsIndex(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.Open(t, name)
			a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			loadCorpus(t, s, []agency.Agency{a}, []searchtest.Item{{Doc: search.Doc{Title: "关于调整城乡低保标准的通知"}},
				{Doc: search.Doc{Title: "征收拆迁补偿安置方案"}}})
			publishReport(t, s, a, seedReport(t, a.Name, 2022), testNow)
			src, err := sqlstore.Migrations(s.Dialect())
			if err != nil {
				t.Fatal(err)
			}
			d := goose.DialectSQLite3
			if s.Dialect() == "postgres" {
				d = goose.DialectPostgres
			}
			p, err := goose.NewProvider(d, s.DB(), src)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.DownTo(ctx, 199); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM search_postings WHERE gram = '拆迁'").Scan(&n); err != nil || n != 1 {
				t.Fatalf("below 00200: %d postings of 拆迁, %v", n, err)
			}
			if _, err := p.Up(ctx); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string]int{"低保": 1, "拆迁": 1, "公开栏": 0} { // the report went with the Down
				if pg, err := search.Search(ctx, s, q, search.Filter{}, 1, 10); err != nil || pg.Total != want {
					t.Errorf("after Down and Up: %s: %d, %v; want %d", q, pg.Total, err, want)
				}
			}
			// a new document gets an id of its own past the kept ones
			b, err := s.CreateAgency(ctx, agency.Agency{Name: "区住建局", CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			loadCorpus(t, s, []agency.Agency{b}, []searchtest.Item{{Doc: search.Doc{Title: "拆迁公告"}}})
			if pg, err := search.Search(ctx, s, "拆迁", search.Filter{}, 1, 10); err != nil || pg.Total != 2 {
				t.Errorf("after a new item: 拆迁: %d, %v; want 2", pg.Total, err)
			}
		})
	}
}
