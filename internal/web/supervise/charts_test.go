package supervise

import (
	"encoding/json"
	"html"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/web"
)

// chartsFixture is a charts page with a day to come, a late year and an
// agency's findings.
func chartsFixture(p web.Page, f Filter) ChartsPage {
	c := board.Charts{
		Season: board.Season{Year: 2024, Owing: 3, OwingGov: 1, Published: 1, PublishedLast: 2, OnTimeDept: 1, After: 1,
			DeptDeadline: calendar.D(2025, 1, 31), GovDeadline: calendar.D(2025, 3, 31), Today: calendar.D(2025, 1, 2),
			Days: []board.SeasonDay{{Day: calendar.D(2025, 1, 1), New: 1, Total: 1, NewLast: 1, TotalLast: 1},
				{Day: calendar.D(2025, 1, 2), Total: 1, TotalLast: 1, IsToday: true},
				{Day: calendar.D(2025, 1, 31), Future: true, TotalLast: 2, NewLast: 1, Deadline: true}}},
		Lateness: []board.YearLate{{Year: 2023, Owing: 3, Published: 2, Late: 1, MissingLate: 1}},
		Requests: []board.YearRequests{{Year: 2023, Published: 2, Received: 40, Outcomes: []int64{10, 5, 3, 2, 1, 0}, Gaps: 1}},
		Heat: board.Heat{Rules: []annual.RuleCount{{Rule: "R1-balance", N: 1}, {Rule: "R8-deadline", N: 1}}, Agencies: 1, PageNo: 1, Pages: 2,
			Top: []board.AgencyFindings{{AgencyID: 2, Agency: "北仑区教育局", Findings: 3, Rules: []annual.RuleCount{{Rule: "R1-balance", Severity: report.Error, N: 3}}}}},
	}
	c.Heat.Page = c.Heat.Top
	pg := ChartsPage{Page: p, Filter: f, Years: []int{2025}, Charts: c, SeasonRows: c.Season.TableDays(),
		OwingOther: 2, LastYear: 2023, HeatPageSize: board.HeatPageSize, HeatNext: chartsHref(f, 2)}
	for _, o := range board.Outcomes {
		pg.Outcomes = append(pg.Outcomes, p.T("ch.outcome."+o.Key))
	}
	pg.Late = []LateRow{{YearLate: c.Lateness[0], Rate: "66.7%"}}
	pg.Data = chartData(pg)
	return pg
}

// TestChartsPage: the page carries its data as a JSON block (no inline
// script for the CSP to refuse), loads ECharts from this site under a
// content-hashed URL, hides each chart from screen readers and follows it
// with its table; a day to come is null in the series and "still to
// come" in the table.
func TestChartsPage(t *testing.T) {
	s, sm := testSite(t, nil)
	assets, _ := web.NewAssets()
	r := httptest.NewRequest("GET", "/admin/reports/season", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	p := web.NewPage(r, s.bo.Catalog(), assets, "ch.title")
	rec := httptest.NewRecorder()
	s.rd.Render(rec, r, 200, "charts", chartsFixture(p, Filter{Year: 2024, Page: 1}))
	body := rec.Body.String()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="chart-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no JSON data block in\n%s", body)
	}
	var d ChartData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatalf("chart data: %v\n%s", err, m[1])
	}
	if len(d.Season.This) != 3 || d.Season.This[2] != nil || *d.Season.This[1] != 1 || d.Season.Last[2] != 2 {
		t.Errorf("season series %v %v; want 1, 1, null against 1, 1, 2", d.Season.This, d.Season.Last)
	}
	if len(d.Heat.Cells) != 1 || d.Heat.Cells[0] != [3]int{0, 0, 3} || d.Heat.Agencies[0] != "北仑区教育局" {
		t.Errorf("heat %+v", d.Heat)
	}
	if got := d.Late.Series[0].Data[0]; got != 33.3 {
		t.Errorf("late rate %v; want 33.3", got)
	}
	for _, want := range []string{`src="/assets/echarts/echarts.min.js?v=`, `src="/assets/charts.js?v=`,
		`id="chart-season" data-chart="season" aria-hidden="true"`, `id="heat-table"`, "尚未到", "page=2"} {
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(body, `aria-hidden="true"></div>`) != 4 || strings.Count(body, "<table") != 4 {
		t.Errorf("want four hidden charts and four tables")
	}
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
		if !strings.Contains(tag, " src=") && !strings.Contains(tag, `type="application/json"`) {
			t.Errorf("inline script %s: the CSP refuses it", tag)
		}
	}
}
