package supervise

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/reportfile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// Stand-ins for the services a test does not look at: each embeds the
// interface it stands for, so calling one is a test bug.
type (
	stubAuth        struct{ backoffice.Authenticator }
	stubUsers       struct{ account.Store }
	stubAgencyStore struct{ agency.Store }
	stubAudit       struct{ backoffice.AuditRecorder }
	stubReports     struct{ Reports }
	stubSeason      struct{ Season }
	stubBoard       struct{ Board }
	stubBlobs       struct{ annual.Blobs }
	stubSessionRows struct{ web.SessionRows }
)

func testSite(t *testing.T, log *slog.Logger) (*Site, *scs.SessionManager) {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	sm := scs.New()
	bo, err := backoffice.New(backoffice.Deps{Sessions: sm, Auth: stubAuth{}, Users: stubUsers{}, AgencyStore: stubAgencyStore{},
		Audit: stubAudit{}, Assets: assets, SessionIndex: web.NewSessionIndex(stubSessionRows{}, 30*time.Minute, 12*time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(bo, Deps{AgencyStore: stubAgencyStore{}, Reports: stubReports{}, Season: stubSeason{}, Board: stubBoard{}, Blobs: stubBlobs{}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	bo.Mount(s)
	return s, sm
}

// TestNewRefusesMissingServices: the section wired without a service
// fails at start-up, naming it.
func TestNewRefusesMissingServices(t *testing.T) {
	if _, err := New(nil, Deps{}); err == nil || !strings.Contains(err.Error(), "Deps.Reports") || !strings.Contains(err.Error(), "Deps.Season") {
		t.Fatalf("err = %v; want the missing services named", err)
	}
}

// TestEveryPageRenders executes every template with its typed page
// struct in both languages: a template naming a missing field fails here,
// and Chinese-only data is marked lang="zh-CN" on English pages.
func TestEveryPageRenders(t *testing.T) {
	var logBuf strings.Builder
	s, sm := testSite(t, slog.New(slog.NewTextHandler(&logBuf, nil)))
	defer func() {
		if t.Failed() {
			t.Log(logBuf.String())
		}
	}()
	assets, _ := web.NewAssets()
	r := httptest.NewRequest("GET", "/admin/reports/overview", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	zhData := []string{"北仑区教育局", "北仑区司法局", "大碶街道", "报告逾期", "甲.txt", "不在机关层级中", "super"}
	for _, lang := range []web.Lang{web.LangEN, web.LangZH} {
		p := web.NewPage(r, s.bo.Catalog(), assets, "ov.title")
		p.Lang = lang
		p.Errors = []string{"一个错误"}
		f := Filter{Year: 2025, Sort: "name", Page: 1}
		pages := map[string]any{
			"overview": OverviewPage{Page: p, Filter: f, Years: []int{2025}, Counts: annual.Counts{Agencies: 3, Published: 1, Late: 2, Missing: 2, Errors: 1},
				Subtrees: []Option{{Value: "1", Label: "北仑区司法局"}}, Kinds: []Option{{Value: "department", Label: "部门"}},
				Rules: []Option{{Value: "R1-balance", Label: "R1-balance（1）"}}, Sorts: []SortLink{{Label: "机关", Href: f.Query(nil), Current: true}},
				Rows: []Row{{ID: 2, Agency: "北仑区司法局", Status: "已发布", Late: true, HasReport: true, Errors: 1,
					Rules: []RuleLink{{Rule: "R1-balance", Href: reportHref(2, 2025, "finding", "R1-balance"), Error: true}}}},
				Total: 1, Pages: 2, Next: f.Query(func(g *Filter) { g.Page = 2 }), Back: f.Query(nil),
				Aggregate: Aggregate{Table2: []AggRow{{Label: "规章", Cells: []AggCell{{ID: "proactive.x", Value: "3", Href: "/x"}}}},
					Columns: []string{"自然人"}, Table3: []AggRow{{Label: "一、本年新收", Cells: []AggCell{{ID: "requests.new.total", Absent: true, Href: "/x"}}}},
					Outcomes: []string{"维持"}, Table4: []AggRow{{Label: "行政复议", Cells: []AggCell{{Value: "0", Href: "/x"}}}},
					Absences: []AbsenceRow{{Agencies: []string{"大碶街道"}, AgencyCount: 20, NoReport: true, Labels: []string{"表三 x"}, Count: 200, Href: "/x"},
						{Agencies: []string{"北仑区司法局"}, AgencyCount: 1, Labels: []string{"表三 x"}, Count: 5, Href: "/x"}}},
				Sent: []SentRow{{At: "2026-02-03 10:00", By: "super", Body: "报告逾期", Agencies: "大碶街道", Count: 1}}},
			"overview_cell": CellPage{Page: p, Filter: f, Label: "表三 x", Sum: "3", HasSum: true, Absent: 1, Back: "/admin/reports/overview",
				Total: 2, NoReport: 1, PageNo: 2, Pages: 3, PageSize: CellPageSize, Prev: "/p", Next: "/n", AbsentHref: "/a#absent-first",
				Rows: []CellRow{{Agency: "北仑区司法局", Value: "3", Href: "/x"}, {Agency: "大碶街道", Absent: true, NoReport: true, FirstAbsent: true, Href: "/y"}}},
			"import": ImportPage{Page: p, Years: []int{2025}, Limits: reportfile.DefaultLimits, MaxMiB: 200, EntryMiB: 64, TotalMiB: 2048, Tried: true,
				Done:     []ImportedRow{{File: "甲.txt", Agency: "北仑区司法局", Year: 2025, Href: "/x"}},
				Problems: []ProblemRow{{File: "甲.txt", Why: "不在机关层级中"}}},
			"charts": chartsFixture(p, f),
			"error":  web.ErrorPage{Page: p, Message: "x"},
		}
		for _, name := range s.rd.Names() {
			data, ok := pages[name]
			if !ok {
				t.Errorf("page %q has no typed data in this test", name)
				continue
			}
			rec := httptest.NewRecorder()
			s.rd.Render(rec, r, 200, name, data)
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Errorf("%s: status %d: %s", name, rec.Code, body)
				continue
			}
			if strings.Contains(body, "ZgotmplZ") {
				t.Errorf("%s: html/template refused a value (ZgotmplZ)", name)
			}
			if lang == web.LangEN {
				for _, bad := range webtest.ZhUnmarked(body, zhData...) {
					t.Errorf("%s (en): %s lacks lang=\"zh-CN\"", name, bad)
				}
			}
		}
	}
	// The page of a zip being read: the bar, the file, the script and the
	// refresh for browsers without JavaScript.
	for _, lang := range []web.Lang{web.LangZH, web.LangEN} {
		p := web.NewPage(r, s.bo.Catalog(), assets, "sup.import.title")
		p.Lang = lang
		rec := httptest.NewRecorder()
		s.rd.Render(rec, r, 200, "import", ImportPage{Page: p, Tried: true,
			Job: &ImportJob{ProgressURL: "/admin/reports/import/x/progress", Phase: "reading", Read: 1, Total: 3, File: "教育局/报告.txt", Text: "已读取 1 / 3 个文件；正在读取："}})
		body := rec.Body.String()
		for _, want := range []string{`id="import-job"`, `data-progress="/admin/reports/import/x/progress"`, `max="3" value="1"`, "教育局/报告.txt", "import_progress.js", `http-equiv="refresh"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the reading's page lacks %q", lang, want)
			}
		}
		if strings.Contains(body, `id="import-form"`) {
			t.Errorf("%s: the reading's page shows the form", lang)
		}
	}
	// The panel renders its notices with their acknowledge forms.
	var buf strings.Builder
	if err := s.panel.t.ExecuteTemplate(&buf, "panel", NoticePanel{Page: web.NewPage(r, s.bo.Catalog(), assets, "ov.title"),
		Notices: []NoticeRow{{ID: 7, Urge: true, From: "北仑区人民政府办公室", By: "super", Body: "报告逾期", Year: 2025}}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`action="/admin/season/notices/7/ack"`, "报告逾期", "督办通知"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("panel lacks %q", want)
		}
	}
}
