package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web"
)

// indexForTest writes a published item as an import does (the row, then
// its version, which indexes it).
func indexForTest(t *testing.T, st *sqlstore.Store, ag agency.Agency, n int, c catalog.Content, at time.Time) {
	t.Helper()
	ctx := context.Background()
	c.Disclosure = catalog.Proactive
	err := st.InTx(ctx, func(ctx context.Context) error {
		id, err := st.CreateItem(ctx, catalog.Record{AgencyID: ag.ID, IndexNo: fmt.Sprintf("X%d/%d", ag.ID, n), State: catalog.Published,
			Live: 1, Shown: c, FirstPublished: at}, at)
		if err != nil {
			return err
		}
		return st.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSearchPage: the box on every portal page, the results page with its
// total, highlighted snippets, a report in 政府信息公开年报, facets and
// filters, pages, English, and bad input — on both databases.
func TestSearchPage(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		at := time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC)
		civil, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区民政局", CreatedAt: at})
		justice, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: at})
		indexForTest(t, st, civil, 1, catalog.Content{Title: "关于调整城乡低保标准的通知", DocType: catalog.Notice, Category: "livelihood",
			Body: "<p>低保标准调整为每人每月1200元。</p>"}, at)
		indexForTest(t, st, justice, 2, catalog.Content{Title: "<script>alert(1)</script>低保审批", DocType: catalog.Notice, Category: "other",
			Body: "<p>完善低保审批。</p>"}, at.AddDate(-1, 0, 0))
		for i := range 21 { // 21 more in another year: two pages of 低保
			indexForTest(t, st, civil, 10+i, catalog.Content{Title: fmt.Sprintf("第%d批临时救助名单", i+1), DocType: catalog.Notice,
				Category: "livelihood/assistance", Body: "<p>含低保对象。</p>"}, at.AddDate(-2, 0, i))
		}
		b, _ := os.ReadFile("../../../testdata/reports/2022-ningbo-beilun-sifaju.json")
		var rep report.Report
		if err := json.Unmarshal(b, &rep); err != nil {
			t.Fatal(err)
		}
		rep.Agency, rep.Sections.Overview = "北仑区司法局", "本年度完善低保信息公开。"
		snap, _ := json.Marshal(&rep)
		rec := annual.Record{AgencyID: justice.ID, Year: 2022, UpdatedBy: "t", UpdatedAt: at}
		if err := st.SaveReportEntries(ctx, rec); err != nil {
			t.Fatal(err)
		}
		rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "t", at.AddDate(-1, -3, 0)
		if err := st.PublishReport(ctx, rec); err != nil {
			t.Fatal(err)
		}
		s, err := New(withStubs(Deps{Agencies: st, Search: st}))
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		s.Register(mux)
		h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
		t.Run("a single character is bounded and says so", func(t *testing.T) {
			saved := search.MaxSingleRanked
			search.MaxSingleRanked = 5
			defer func() { search.MaxSingleRanked = saved }()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q="+url.QueryEscape("低"), nil))
			body := rec.Body.String()
			if rec.Code != 200 || !strings.Contains(body, "共找到 24 条结果") || !strings.Contains(body, `id="search-bounded"`) ||
				!strings.Contains(body, "最近发布的 5 条") {
				t.Errorf("status %d; want the exact total and the bound named:\n%s", rec.Code, body)
			}
		})
		q := url.QueryEscape("低保")
		for _, tc := range []struct {
			name, url string
			status    int
			want      []string
			notWant   []string
		}{
			{"box on the home page", "/", 200, []string{`role="search"`, `action="/search"`, `<label for="site-q">站内检索</label>`}, nil},
			{"box on the reports page", "/reports", 200, []string{`role="search"`, `name="q"`}, nil},
			{"no query", "/search", 200, []string{"<h1>站内检索</h1>", "第二十四条", `id="search-q"`}, []string{"共找到", `id="site-q"`}},
			{"results", "/search?q=" + q, 200, []string{"共找到 24 条结果", "<mark>低保</mark>", "政府信息公开年报",
				fmt.Sprintf(`href="/reports/%d/2022"`, justice.ID), fmt.Sprintf(`href="/catalog/items/X%d/1"`, civil.ID), "民生领域", `<span lang="zh-CN">北仑区民政局</span> <span class="count">(22)</span>`,
				"第 1 页，共 2 页", `rel="next"`, `value="低保"`, "&lt;script&gt;"}, []string{"<script>alert", `rel="prev"`, `id="search-bounded"`}},
			{"page 2", "/search?q=" + q + "&page=2", 200, []string{"第 2 页，共 2 页", `rel="prev"`, `start="21"`}, []string{`rel="next"`}},
			{"year", "/search?q=" + q + "&year=2024", 200, []string{"共找到 1 条结果", "关于调整城乡"}, nil},
			{"column of reports", "/search?q=" + q + "&column=annual-reports", 200, []string{"共找到 1 条结果", "北仑区司法局2022年度政府信息公开工作年度报告",
				`aria-current="true"><span lang="zh-CN">政府信息公开年报</span>`}, nil},
			{"column with sub-columns", "/search?q=" + q + "&column=livelihood", 200, []string{"共找到 22 条结果"}, nil},
			{"agency", fmt.Sprintf("/search?q=%s&agency=%d", q, justice.ID), 200, []string{"共找到 2 条结果"}, nil},
			{"english", "/search?q=" + q + "&lang=en", 200, []string{"24 results", "Agency", "Page 1 of 2"}, nil},
			{"nothing", "/search?q=" + url.QueryEscape("不存在的词"), 200, []string{"共找到 0 条结果", "没有找到"}, nil},
			{"too many terms", "/search?q=" + url.QueryEscape("一 二 三 四 五 六 七 八 九"), 400, []string{"检索词无效", `role="alert"`}, nil},
			{"bad year", "/search?q=" + q + "&year=20x4", 400, []string{"筛选条件无效"}, nil},
			{"bad column", "/search?q=" + q + "&column=nope", 400, []string{"筛选条件无效"}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", tc.url, nil))
				body := rec.Body.String()
				if rec.Code != tc.status {
					t.Fatalf("status %d; want %d\n%s", rec.Code, tc.status, body)
				}
				for _, w := range tc.want {
					if !strings.Contains(body, w) {
						t.Errorf("body lacks %q", w)
					}
				}
				for _, w := range tc.notWant {
					if strings.Contains(body, w) {
						t.Errorf("body has %q", w)
					}
				}
			})
		}
	})
}
