package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/web/webtest"
)

// TestBrowserSearch is #12's "Done when" walk: on the demo's catalogue a
// citizen searches from the home page's search box, narrows the results
// to one year with its facet, and opens a result; axe-core finds no
// violation on the results, before and after the filter, nor on the item
// (条例第二十四条: 检索、查阅).
func TestBrowserSearch(t *testing.T) {
	axe := webtest.LoadAxe(t)
	ctx := browser(t)
	base, _ := demoCatalogServer(t)
	do(ctx, t, "search from the home page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("site-q")),
		chromedp.SendKeys(chromedp.ID("site-q"), "人民调解"),
		chromedp.Submit(chromedp.ID("site-q")),
		chromedp.WaitVisible(chromedp.ID("search-total")))
	total := text(ctx, t, "#search-total")
	years, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('nav.facets a[href*="year="]').length`))
	if err != nil || years < 2 {
		t.Fatalf("%d year facets for 人民调解 (%q), %v; want the demo's years", years, total, err)
	}
	axe.Check(ctx, t, "search results")
	do(ctx, t, "filter by 2022",
		chromedp.Click(chromedp.CSS(`nav.facets a[href*="year=2022"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.facets a[aria-current="true"][href*="year=2022"]`)))
	filtered := text(ctx, t, "#search-total")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "year=2022") || filtered == total {
		t.Errorf("after the 2022 facet: %s, %q (before %q); want fewer results, of 2022", loc, filtered, total)
	}
	axe.Check(ctx, t, "search results of 2022")
	picked := text(ctx, t, "ol.results li h3 a")
	do(ctx, t, "open the first result",
		chromedp.Click(chromedp.CSS(`ol.results li h3 a`)),
		chromedp.WaitVisible(chromedp.ID("item-title")))
	if opened := text(ctx, t, "#item-title"); opened != picked || !strings.Contains(text(ctx, t, "main"), "2022") {
		t.Errorf("opened %q; want the first result %q, of 2022", opened, picked)
	}
	axe.Check(ctx, t, "the item opened")
}
