package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web/webtest"
	"github.com/gongkai/gongkai/internal/website"
)

// zhuanlanServer runs the app on a fresh SQLite store with one agency's
// 专栏 filled in: the site's identity, a 指南 and a 制度, a published
// 规范性文件 and its 解读 (imported, so they keep their 索引号). It returns
// the base URL, the agency and the 规范性文件's 索引号.
func zhuanlanServer(t *testing.T) (string, agency.Agency, string) {
	t.Helper()
	ctx := context.Background()
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	a, err := New(ctx, st, cfg, Options{LoginBurst: 1000, LoginEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	district, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区人民政府"})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区司法局", ParentID: district.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Catalog.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: ag.ID, CreditCode: "11330206002882367P",
		Level: catalog.LevelCounty}, ag.Name); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.Website.SetIdentity(ctx, audit.CLI, website.Identity{AgencyID: website.SiteID, SiteName: "宁波市北仑区政府信息公开平台",
		SiteCode: "3302060001", ICP: "浙ICP备05001234号", PoliceRecord: "浙公网安备 33020602000123号",
		Sponsor: "宁波市北仑区人民政府办公室", Contact: "0574-86780000"}))
	_, err = a.Website.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: ag.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
		Address: "宁波市北仑区新碶街道长江路1166号", Hours: "工作日 8:30–17:00", Phone: "0574-86781234", Postcode: "315800",
		EffectiveOn: calendar.D(2022, 1, 1), Body: "<h2>一、主动公开</h2><p>本机关主动公开的政府信息……</p>"})
	must(err)
	_, err = a.Website.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: ag.ID, Kind: website.Rules, EffectiveOn: calendar.D(2022, 1, 1),
		Body: "<p>第一条 为规范本局政府信息公开工作，制定本制度。</p>"})
	must(err)
	index := "11330206002882367P/2022-00001"
	lines := fmt.Sprintf(`{"index_no":%q,"title":"北仑区人民调解工作规范","doc_no":"仑司〔2022〕12号","category":"rules/normative","doc_type":"normative","formed_on":"2022-03-01","validity":"in_force","summary":"规范人民调解工作","body":"<p>第一条 为规范人民调解工作……</p><table><tr><th>事项</th><th>时限</th></tr><tr><td>受理</td><td>3日</td></tr></table>","published_at":"2022-03-08T09:00:00+08:00","channels":[{"channel":"portal","on":"2022-03-08"}]}
{"index_no":"11330206002882367P/2022-00002","title":"《北仑区人民调解工作规范》政策解读","category":"rules/normative","doc_type":"interpretation","formed_on":"2022-03-01","interprets":[%q],"body":"<p>一、制定背景</p>","published_at":"2022-03-08T10:00:00+08:00"}
`, index, index)
	_, cols, err := a.Catalog.Profile(ctx, ag.ID, ag.Name)
	must(err)
	items, err := catalog.ReadItems(strings.NewReader(lines), ag.Name, catalog.NewTree(cols), nil)
	must(err)
	_, err = a.Catalog.Import(ctx, audit.CLI, ag.ID, ag.Name, items, nil)
	must(err)
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)
	return srv.URL, ag, index
}

// TestBrowserPortalAxe runs axe-core (npm, GONGKAI_AXE_JS; skipped
// without it outside CI) on the pages of an agency's 专栏 — its home, the
// 指南, the 制度, a column's list, an item and the search page — in
// Chinese and in English, on a phone-sized window; any violation fails.
func TestBrowserPortalAxe(t *testing.T) {
	axe := webtest.LoadAxe(t)
	ctx := browser(t)
	base, ag, index := zhuanlanServer(t)
	zl := "/catalog/agencies/" + strconv.FormatInt(ag.ID, 10)
	pages := []string{
		zl, zl + "/guide", zl + "/rules", zl + "/items", zl + "/items?column=rules%2Fnormative",
		search.ItemURL(index), "/search?q=" + url.QueryEscape("人民调解"), "/catalog", "/",
	}
	for _, lang := range []string{"zh", "en"} {
		for _, p := range pages {
			u := withLang(p, lang)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			axe.Check(ctx, t, u)
		}
	}
}

// TestPortalEnglishMarksChinese: on the English pages of a 专栏, data that
// exists only in Chinese — the site's and agencies' names, titles, 文号,
// column names, the 指南's fields and texts, the footer — carries
// lang="zh-CN" (WCAG 3.1.2, language of parts).
func TestPortalEnglishMarksChinese(t *testing.T) {
	base, ag, index := zhuanlanServer(t)
	zl := "/catalog/agencies/" + strconv.FormatInt(ag.ID, 10)
	zh := []string{"宁波市北仑区政府信息公开平台", "北仑区司法局", "北仑区人民政府", "北仑区人民调解工作规范", "仑司〔2022〕12号",
		"行政规范性文件", "北仑区司法局办公室", "长江路1166号", "一、主动公开", "第一条", "宁波市北仑区人民政府办公室",
		"浙ICP备05001234号", "浙公网安备", "规范人民调解工作", "政策解读", "事项"}
	for _, p := range []string{zl, zl + "/guide", zl + "/rules", zl + "/items", zl + "/items?column=rules%2Fnormative",
		search.ItemURL(index), "/search?q=" + url.QueryEscape("人民调解"), "/catalog", "/"} {
		resp, err := http.Get(base + withLang(p, "en"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `<html lang="en"`) {
			t.Fatalf("%s: %d, not an English page", p, resp.StatusCode)
		}
		for _, bad := range webtest.ZhUnmarked(string(body), zh...) {
			t.Errorf("%s (en): %s lacks lang=\"zh-CN\"", p, bad)
		}
	}
}

// demoCatalogServer runs the app on a fresh SQLite store with the demo's
// agencies and 北仑区司法局's catalogue (demo.SeedCatalog: 63 items of
// 2022 over 18 columns, and its 规范性文件 of 2018 and 2021), and returns
// the base URL and 北仑区司法局.
func demoCatalogServer(t *testing.T) (string, agency.Agency) {
	t.Helper()
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	a, err := New(context.Background(), st, cfg, Options{LoginBurst: 1000, LoginEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	a.Auth.Settings.Hash = fastHash
	if _, err := demo.Seed(context.Background(), a.Agencies, a.Auth); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedCatalog(context.Background(), st, a.Catalog); err != nil {
		t.Fatal(err)
	}
	justice, err := st.AgencyByName(context.Background(), demo.Justice)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)
	return srv.URL, justice
}

// TestBrowserDemoCatalogAxe runs axe-core on the demo's 专栏 of 北仑区司法局
// (demo.SeedCatalog: 63 items over 18 columns): the list with its pager,
// a validity filter, an item opened from the list, and the English list.
func TestBrowserDemoCatalogAxe(t *testing.T) {
	axe := webtest.LoadAxe(t)
	ctx := browser(t)
	base, justice := demoCatalogServer(t)
	zl := base + "/catalog/agencies/" + strconv.FormatInt(justice.ID, 10)
	for _, u := range []string{zl + "/items", zl + "/items?validity=in_force", zl + "/items?lang=en"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		axe.Check(ctx, t, u)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(zl+"/items"), chromedp.WaitVisible(chromedp.CSS("main table")),
		chromedp.Click(chromedp.CSS(`main table a[lang="zh-CN"]`)), chromedp.WaitVisible(chromedp.ID("item-title"))); err != nil {
		t.Fatal(err)
	}
	axe.Check(ctx, t, "the newest demo item")
}

// withLang returns path p with the query parameter lang added.
func withLang(p, lang string) string {
	if strings.Contains(p, "?") {
		return p + "&lang=" + lang
	}
	return p + "?lang=" + lang
}
