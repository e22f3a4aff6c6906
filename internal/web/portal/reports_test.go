package portal

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/web"
)

// fakeReports has one published report (agency 2, 2022) and one draft
// (agency 1, 2022) that must never show.
type fakeReports struct{}

func publishedFixture() (annual.Record, *report.Report) {
	rep := report.Empty(report.Template2021)
	rep.Agency, rep.Year, rep.Date = "北仑区司法局", 2022, "2023-01-15"
	rep.Sections.Overview = "总体情况<script>alert(1)</script>"
	rep.Requests[report.New][report.ColTotal] = report.N(1)
	snap, _ := json.Marshal(rep)
	return annual.Record{AgencyID: 2, Year: 2022, Status: annual.Published, PublishedAt: time.Date(2023, 1, 16, 2, 0, 0, 0, time.UTC), Snapshot: snap}, rep
}

func (fakeReports) PublishedList(context.Context, int) ([]annual.Record, error) {
	rec, _ := publishedFixture()
	return []annual.Record{rec}, nil
}

func (fakeReports) Published(_ context.Context, id int64, year int) (annual.Record, *report.Report, error) {
	if id == 2 && year == 2022 {
		rec, rep := publishedFixture()
		return rec, rep, nil
	}
	return annual.Record{}, nil, apperr.New(apperr.NotFound, "")
}

// Versions: the published report was corrected once (version 2).
func (fakeReports) Versions(_ context.Context, id int64, year int) ([]annual.Version, error) {
	if id != 2 || year != 2022 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return []annual.Version{{N: 1, PublishedAt: time.Date(2023, 1, 16, 2, 0, 0, 0, time.UTC)},
		{N: 2, Note: "表三总计<b>更正</b>为 1 件", PublishedAt: time.Date(2023, 3, 2, 2, 0, 0, 0, time.UTC)}}, nil
}

// PublishedVersion: version 1 counted 7 new applications.
func (f fakeReports) PublishedVersion(ctx context.Context, id int64, year, n int) (annual.Version, *report.Report, error) {
	vs, err := f.Versions(ctx, id, year)
	if err != nil || n < 1 || n > len(vs) {
		return annual.Version{}, nil, apperr.New(apperr.NotFound, "")
	}
	_, rep := publishedFixture()
	if n == 1 {
		rep.Requests[report.New][report.ColTotal] = report.N(7)
	}
	return vs[n-1], rep, nil
}

func TestReportPages(t *testing.T) {
	assets, _ := web.NewAssets()
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 1, Name: "北仑区人民政府"}, {ID: 2, Name: "北仑区司法局"}}, Assets: assets, Reports: fakeReports{}}))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
	for _, tc := range []struct {
		name, url string
		status    int
		want      []string
		notWant   []string
	}{
		{"list", "/reports", 200, []string{"北仑区司法局 2022", `href="/reports/2/2022"`, "第四十九条", "公布期限"}, nil},
		{"report", "/reports/2/2022", 200, []string{"北仑区司法局2022年度政府信息公开工作年度报告", "总体情况&lt;script&gt;", `href="/reports/2/2022/docx"`, "report-embed"}, []string{"<script>alert"}},
		{"draft is not public", "/reports/1/2022", 404, nil, nil},
		{"bad year", "/reports/2/abc", 404, nil, nil},
		{"json", "/reports/2/2022/json", 200, []string{`"schema": "gongkai.annual-report/v1"`}, nil},
		{"docx", "/reports/2/2022/docx", 200, []string{"PK"}, nil},
		{"xlsx", "/reports/2/2022/xlsx", 200, []string{"PK"}, nil},
		{"unknown format", "/reports/2/2022/pdf", 404, nil, nil},
		{"html is the page, not a download", "/reports/2/2022/html", 404, nil, nil},
		{"draft download", "/reports/1/2022/json", 404, nil, nil},
		{"the correction is shown", "/reports/2/2022", 200,
			[]string{`id="report-correction"`, "本报告发布后已更正", "表三总计&lt;b&gt;更正&lt;/b&gt;为 1 件", `id="report-versions"`, `href="/reports/2/2022?version=1"`, "首次发布"},
			[]string{`id="report-old"`, "<b>更正"}},
		{"an earlier version", "/reports/2/2022?version=1", 200,
			[]string{`id="report-old"`, "第 1 版，它已被更正", `href="/reports/2/2022"`, `href="/reports/2/2022/json?version=1"`},
			[]string{`id="report-correction"`}},
		{"the current version by number", "/reports/2/2022?version=2", 200, []string{`id="report-correction"`}, []string{`id="report-old"`}},
		{"no such version", "/reports/2/2022?version=3", 404, nil, nil},
		{"a version that is not a number", "/reports/2/2022?version=x", 404, nil, nil},
		{"an earlier version's JSON", "/reports/2/2022/json?version=1", 200, []string{"      7\n    ]"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tc.url, nil))
			if rec.Code != tc.status {
				t.Fatalf("status = %d; want %d", rec.Code, tc.status)
			}
			body := rec.Body.String()
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
}
