package app

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// TestBrowserSiteSettingsAxe runs axe-core on the back-office pages #8
// added, as the 负责人: 公开指南与网站标识 (/admin/site/{id}, three forms and
// the history) and the catalogue list with its channel forms, in Chinese
// and English.
func TestBrowserSiteSettingsAxe(t *testing.T) {
	axe := webtest.LoadAxe(t)
	ctx := browser(t)
	base, ag, app := requestServer(t)
	if err := app.Catalog.SetProfile(context.Background(), audit.CLI, catalog.Profile{AgencyID: ag.ID,
		CreditCode: "11330206002882367P", Level: catalog.LevelCounty}, ag.Name); err != nil {
		t.Fatal(err)
	}
	signIn(ctx, t, base, "head", testPassword)
	do(ctx, t, "dashboard", chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	for _, p := range []string{"/admin/site/" + strconv.FormatInt(ag.ID, 10), "/admin/catalog"} {
		for _, lang := range []string{"zh", "en"} {
			u := p + "?lang=" + lang
			if err := chromedp.Do(ctx, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			axe.Check(ctx, t, u)
		}
	}
}
