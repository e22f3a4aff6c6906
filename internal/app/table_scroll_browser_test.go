package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web/webtest"
	"github.com/gongkai/gongkai/internal/website"
)

// scrollRegion is what the page says of one div.table-scroll.
type scrollRegion struct {
	TabIndex  int    `json:"tabIndex"`
	Role      string `json:"role"`
	Name      string `json:"name"`
	Overflows bool   `json:"overflows"`
}

// regionsJS lists the page's div.table-scroll, each with its tabIndex,
// role, the text its aria-labelledby points to and whether its table is
// wider than it (so a keyboard user must scroll it).
const regionsJS = `[...document.querySelectorAll("div.table-scroll")].map(d => ({tabIndex: d.tabIndex,
	role: d.getAttribute("role") || "",
	name: (d.getAttribute("aria-labelledby") || "").split(" ").map(id => document.getElementById(id)).filter(e => e).map(e => e.textContent.trim()).join(" "),
	overflows: d.scrollWidth > d.clientWidth}))`

// TestBrowserTableScrollPhone loads back-office pages whose tables sit in
// div.table-scroll (the 年度报告's tables 三 and 四, the 公开指南's history,
// the catalogue's channels) on a
// real phone width — 390 CSS pixels, emulated, since headless Chromium's
// window is never narrower than 500 — in Chinese and English: axe-core
// finds no violation (scrollable-region-focusable among them), every
// region is a named region in the tab order, at least one table really
// overflows, and pressing Tab reaches it.
func TestBrowserTableScrollPhone(t *testing.T) {
	axe := webtest.LoadAxe(t)
	ctx := browser(t)
	base, ag, app := requestServer(t)
	bg := context.Background()
	if err := app.Catalog.SetProfile(bg, audit.CLI, catalog.Profile{AgencyID: ag.ID,
		CreditCode: "11330206002882367P", Level: catalog.LevelCounty}, ag.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Website.SaveDoc(bg, audit.CLI, website.Doc{AgencyID: ag.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
		Address: "宁波市北仑区新碶街道长江路1166号", Hours: "工作日 8:30–17:00", Phone: "0574-86781234", Postcode: "315800",
		EffectiveOn: calendar.D(2022, 1, 1), Body: "<p>本机关主动公开的政府信息……</p>"}); err != nil {
		t.Fatal(err)
	}
	signIn(ctx, t, base, "head", testPassword)
	do(ctx, t, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	overflowing := ""
	id := strconv.FormatInt(ag.ID, 10)
	report := "/admin/requests/report?agency=" + id + "&year=" + strconv.Itoa(time.Now().Year()-1)
	for _, p := range []string{report, "/admin/site/" + id, "/admin/catalog"} {
		for _, lang := range []string{"zh", "en"} {
			u := withLang(p, lang)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
			if err != nil || width != 390 {
				t.Fatalf("%s: layout viewport %d px wide, want 390 (%v)", u, width, err)
			}
			axe.Check(ctx, t, u)
			regions, err := chromedp.Run(ctx, chromedp.Evaluate[[]scrollRegion](regionsJS))
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if len(regions) == 0 {
				t.Errorf("%s: no div.table-scroll", u)
			}
			for i, r := range regions {
				if r.TabIndex != 0 || r.Role != "region" || r.Name == "" {
					t.Errorf("%s: table-scroll %d: tabIndex %d, role %q, name %q; want 0, region and a name", u, i, r.TabIndex, r.Role, r.Name)
				}
				if r.Overflows && overflowing == "" {
					overflowing = u
				}
			}
		}
	}
	if overflowing == "" {
		t.Fatal("no table overflows its region at 390 px: the check proves nothing")
	}
	// A keyboard user reaches the overflowing region with Tab alone.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+overflowing), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(e => !!e && e.matches("div.table-scroll") && e.scrollWidth > e.clientWidth)(document.activeElement)`))
		if err != nil {
			t.Fatal(err)
		}
		if on {
			return
		}
		do(ctx, t, "Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Errorf("%s: 200 presses of Tab never reach an overflowing table-scroll", overflowing)
}
