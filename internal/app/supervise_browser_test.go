package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// TestBrowserSupervision (#13 Done when): the supervisor of 北仑区 imports
// a zip of reports with the upload form (its progress bar), sees the late
// and failing agencies in the overview, drills from an aggregate cell of
// table 三 to the agencies behind it and on to the 教育局's report with its
// finding marked, and sends a 督办 notice that the 教育局's staff then see
// on their dashboard. The time limit is generous: the machine may be
// loaded.
func TestBrowserSupervision(t *testing.T) {
	ctx := browserWithin(t, 5*time.Minute)
	// axe-core on every supervisor page when it is installed (always in
	// CI, where LoadAxe fails without it); the walk itself runs without.
	var axe *webtest.Axe
	if os.Getenv("GONGKAI_AXE_JS") != "" || os.Getenv("CI") != "" {
		axe = webtest.LoadAxe(t)
	}
	checkAxe := func(page string) {
		if axe != nil {
			axe.Check(ctx, t, page)
		}
	}
	var edu, gov agency.Agency
	base, app := seededServer(t, func(ctx context.Context, a *App) error {
		var err error
		if gov, err = a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区人民政府", Kind: agency.Government}); err != nil {
			return err
		}
		if err := seedUser(ctx, a, gov.ID, "govclerk", account.Clerk); err != nil {
			return err
		}
		if _, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区司法局", ParentID: gov.ID, Kind: agency.Department}); err != nil {
			return err
		}
		if edu, err = a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区教育局", ParentID: gov.ID, Kind: agency.Department}); err != nil {
			return err
		}
		if err := seedUser(ctx, a, gov.ID, "supervisor", account.Supervisor); err != nil {
			return err
		}
		return seedUser(ctx, a, edu.ID, "educlerk", account.Clerk)
	})
	y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
	data, rule := seasonZip(t, y)
	zipPath := filepath.Join(t.TempDir(), "北仑区年报.zip")
	if err := os.WriteFile(zipPath, data, 0o600); err != nil {
		t.Fatal(err)
	}

	// The supervisor uploads the zip.
	signIn(ctx, t, base, "supervisor", testPassword)
	do(ctx, t, "open the import page", chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Navigate(base+"/admin/reports/import"), chromedp.WaitVisible(chromedp.ID("import-form")),
		chromedp.SetUploadFiles(chromedp.ID("import-zip"), []string{zipPath}))
	checkAxe("the import page")
	do(ctx, t, "upload", chromedp.Click(chromedp.ID("import-send")), chromedp.WaitVisible(chromedp.ID("import-done")))
	checkAxe("the import result")
	if got := text(ctx, t, "#import-done"); !strings.Contains(got, "已导入 2 份报告") || !strings.Contains(got, "北仑区教育局") {
		t.Fatalf("import result %q", got)
	}
	// The script drove the upload: the progress box was shown (it is
	// hidden without JavaScript) before the result replaced the page.
	if shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("import-progress-box") !== null`)); err != nil || !shown {
		t.Errorf("no progress box on the result page: %v", err)
	}

	// The overview: counts, then the failing agencies filtered.
	do(ctx, t, "overview", chromedp.Navigate(base+"/admin/reports/overview?year="+strconv.Itoa(y)), chromedp.WaitVisible(chromedp.ID("overview-counts")))
	checkAxe("the overview")
	if got := text(ctx, t, "#count-errors"); got != "1" {
		t.Errorf("agencies with errors %q; want 1", got)
	}
	if got, _ := strconv.Atoi(text(ctx, t, "#count-late")); got < 1 {
		t.Errorf("late %d; want the 教育局 at least", got)
	}
	do(ctx, t, "choose a status", chromedp.SetValue(chromedp.ID("f-status"), "errors"))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.stale = "1", true`)); err != nil {
		t.Fatalf("mark page: %v", err)
	}
	do(ctx, t, "filter the failing", chromedp.Click(chromedp.ID("filter-apply")), chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) #overview")))
	if got := text(ctx, t, "#overview tbody"); !strings.Contains(got, "北仑区教育局") || strings.Contains(got, "北仑区司法局") || !strings.Contains(got, rule) {
		t.Fatalf("failing agencies %q; want the 教育局 with %s only", got, rule)
	}

	// Drill from table 三's total of new requests to the agencies behind
	// it, then to the 教育局's report with the finding marked.
	do(ctx, t, "drill from a cell", chromedp.Click(chromedp.CSS(`#sum3 td[data-cell="requests.new.total"] a`)),
		chromedp.WaitVisible(chromedp.ID("cell-agencies")))
	checkAxe("the agencies behind a cell")
	if got := text(ctx, t, "#cell-agencies"); !strings.Contains(got, "北仑区教育局") || !strings.Contains(got, "北仑区司法局") {
		t.Fatalf("agencies behind the cell %q", got)
	}
	do(ctx, t, "drill to the report", chromedp.Click(chromedp.CSS(`#cell-agencies a[href*="agency=`+strconv.FormatInt(edu.ID, 10)+`&"]`)),
		chromedp.WaitVisible(chromedp.ID("flagged")))
	checkAxe("the report with its finding marked")
	if got := text(ctx, t, "ul.findings-list li.highlight"); !strings.Contains(got, rule) {
		t.Errorf("highlighted finding %q; want %s", got, rule)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "#flagged") {
		t.Errorf("location %q (%v); want the page scrolled to #flagged", loc, err)
	}
	if marked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("td.flagged") !== null`)); err != nil || !marked {
		t.Errorf("no marked cell in tables 三/四: %v", err)
	}

	// The 督办 notice to the 教育局, ticked in the list.
	do(ctx, t, "back to the failing", chromedp.Navigate(base+"/admin/reports/overview?status=errors&year="+strconv.Itoa(y)),
		chromedp.WaitVisible(chromedp.ID("urge-form")),
		chromedp.Click(chromedp.ID("pick-"+strconv.FormatInt(edu.ID, 10))),
		chromedp.SetValue(chromedp.ID("urge-body"), "你局年度报告表三合计不符，请于五个工作日内更正并重新公布。"))
	if got := submitAndWait(ctx, t, "#urge-send"); !strings.Contains(got, "督办通知已发送") {
		t.Fatalf("flash after the 督办 %q", got)
	}
	if got := text(ctx, t, "#sent-notices"); !strings.Contains(got, "北仑区教育局") {
		t.Errorf("sent notices %q", got)
	}
	signOut(ctx, t)

	// The 教育局's staff see it on their dashboard.
	signIn(ctx, t, base, "educlerk", testPassword)
	do(ctx, t, "dashboard", chromedp.WaitVisible(chromedp.ID("season-panel")))
	checkAxe("the agency's dashboard with the notice")
	if got := text(ctx, t, "#season-panel"); !strings.Contains(got, "你局年度报告表三合计不符") || !strings.Contains(got, "北仑区人民政府") {
		t.Fatalf("the 教育局's dashboard shows %q", got)
	}
	signOut(ctx, t)

	// The government's clerk compiles the area's draft from the two
	// imported reports and its own records (#13 whole-area reports).
	signIn(ctx, t, base, "govclerk", testPassword)
	do(ctx, t, "the government's report page", chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Navigate(base+"/admin/requests/report?year="+strconv.Itoa(y)+"&agency="+strconv.FormatInt(gov.ID, 10)),
		chromedp.WaitVisible(chromedp.ID("area-compile")))
	do(ctx, t, "compile the area", chromedp.Click(chromedp.ID("area-compile")), chromedp.WaitVisible(chromedp.ID("area-note")))
	checkAxe("the area's draft")
	if got := text(ctx, t, "#area-counts"); !strings.Contains(got, "依导入的外部报告：2 个") || !strings.Contains(got, "依本系统办理记录（未发布报告）：1 个") {
		t.Errorf("the area's sources %q", got)
	}
	signOut(ctx, t)

	// With 130 more agencies the drill-down from a cell is paged, 100 a
	// page: both pages, their page links and the jump to the absences.
	seedTownships(t, app.Store, gov.ID, 130, y)
	signIn(ctx, t, base, "supervisor", testPassword)
	cell := base + "/admin/reports/overview/cell?year=" + strconv.Itoa(y) + "&cell=requests.new.total"
	do(ctx, t, "the first page of a cell's agencies", chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Navigate(cell), chromedp.WaitVisible(chromedp.ID("cell-agencies")), chromedp.WaitVisible(chromedp.CSS(`a[rel="next"]`)))
	checkAxe("the first page of a cell's agencies")
	do(ctx, t, "the next page", chromedp.Click(chromedp.CSS(`a[rel="next"]`)), chromedp.WaitVisible(chromedp.CSS(`a[rel="prev"]`)),
		chromedp.WaitVisible(chromedp.ID("absent-first")))
	checkAxe("the second page of a cell's agencies")
	if got := text(ctx, t, "#cell-count"); got != "133" {
		t.Errorf("agencies counted on the second page %q; want 133 (130 townships, the government and its two departments)", got)
	}
}
