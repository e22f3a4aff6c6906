package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// TestBrowserSeasonBoard (#13 charts): the supervisor of 北仑区 opens the
// season board; ECharts (served by gongkai itself) draws the four charts
// on canvases under the site's CSP with no console error, each chart
// hidden from screen readers and followed by its table, and axe-core
// finds no violation, in Chinese and in English.
func TestBrowserSeasonBoard(t *testing.T) {
	ctx := browserWithin(t, 3*time.Minute)
	var axe *webtest.Axe
	if os.Getenv("GONGKAI_AXE_JS") != "" || os.Getenv("CI") != "" {
		axe = webtest.LoadAxe(t)
	}
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			problems = append(problems, "exception: "+msg)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
	base, _ := seededServer(t, func(ctx context.Context, a *App) error {
		gov, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区人民政府", Kind: agency.Government})
		if err != nil {
			return err
		}
		if err := seedUser(ctx, a, gov.ID, "supervisor", account.Supervisor); err != nil {
			return err
		}
		for i, name := range []string{"北仑区司法局", "北仑区教育局", "北仑区民政局"} {
			ag, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: name, ParentID: gov.ID, Kind: agency.Department})
			if err != nil {
				return err
			}
			for _, year := range []int{y - 1, y} {
				if err := publishFacts(ctx, a, ag.ID, year, time.Date(year+1, 1, 10+10*i, 2, 0, 0, 0, time.UTC), i); err != nil {
					return err
				}
			}
		}
		return nil
	})
	signIn(ctx, t, base, "supervisor", testPassword)
	do(ctx, t, "dashboard", chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	for _, lang := range []string{"zh", "en"} {
		url := base + "/admin/reports/season?year=" + strconv.Itoa(y) + "&lang=" + lang
		do(ctx, t, "open the season board ("+lang+")", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("season-table")),
			chromedp.WaitReady(chromedp.CSS(`#chart-heat[data-drawn] canvas`)))
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[data-chart]")).map(el =>
			el.id + ":" + el.getAttribute("aria-hidden") + ":" + (el.querySelector("canvas, svg") !== null) + ":" +
			(el.nextElementSibling && el.nextElementSibling.querySelector("table") !== null))`))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"chart-season:true:true:true", "chart-requests:true:true:true", "chart-late:true:true:true", "chart-heat:true:true:true"}
		if strings.Join(drawn, " ") != strings.Join(want, " ") {
			t.Errorf("%s: charts %v; want %v (hidden, drawn, followed by a table)", lang, drawn, want)
		}
		var data struct {
			Season struct {
				This []*int `json:"this"`
			} `json:"season"`
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("chart-data").textContent`))
		if err != nil || json.Unmarshal([]byte(raw), &data) != nil || len(data.Season.This) < 90 {
			t.Fatalf("chart data %q: %v", raw[:min(len(raw), 200)], err)
		}
		if got := text(ctx, t, "#season-lead"); !strings.Contains(got, "3") {
			t.Errorf("season lead %q", got)
		}
		if got := text(ctx, t, "#heat-table"); !strings.Contains(got, "北仑区教育局") || !strings.Contains(got, "R1-balance") {
			t.Errorf("heat table %q", got)
		}
		if axe != nil {
			axe.Check(ctx, t, "the season board ("+lang+")")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
}

// publishFacts stores agencyID's report on year as published at with
// the facts the charts read: requests received and granted, and a
// broken rule for every second agency.
func publishFacts(ctx context.Context, a *App, agencyID int64, year int, at time.Time, i int) error {
	st := a.Store
	rec := annual.Record{AgencyID: agencyID, Year: year, Status: annual.Draft, UpdatedBy: "clerk", UpdatedAt: at}
	if err := st.SaveReportEntries(ctx, rec); err != nil {
		return err
	}
	snap, _ := json.Marshal(report.Empty(compile.TemplateFor(year)))
	rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "head", at
	if err := st.PublishReport(ctx, rec); err != nil {
		return err
	}
	f := annual.Facts{AgencyID: agencyID, Year: year, Cells: []compile.CellValue{
		{ID: board.ReceivedCell, Value: report.N(int64(10 + i))}, {ID: "requests.granted.total", Value: report.N(int64(5 + i))}}}
	if i%2 == 1 {
		f.Errors, f.Rules = 2, []annual.RuleCount{{Rule: "R1-balance", Severity: report.Error, N: 2}}
	}
	return st.SaveReportFacts(ctx, f)
}
