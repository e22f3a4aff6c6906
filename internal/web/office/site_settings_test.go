package office

import (
	"html/template"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/webtest"
	"github.com/gongkai/gongkai/internal/website"
)

type stubWebsite struct{ Website }

// TestSitePageRenders renders the site-settings page in both languages
// with every section: Chinese-only data (agency names, typed fields, the
// texts) carries lang="zh-CN" on the English page (WCAG 3.1.2), and the
// labels follow the language.
func TestSitePageRenders(t *testing.T) {
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, sm := testSite(t, Deps{Website: stubWebsite{}})
	r := httptest.NewRequest("GET", "/admin/site/1", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	at := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	for _, lang := range []web.Lang{web.LangEN, web.LangZH} {
		p := web.NewPage(r, s.bo.Catalog(), assets, "site.title")
		p.Lang = lang
		pg := SitePage{Page: p, AgencyID: 1, Agency: "甲司法局", Agencies: []AgencyRow{{ID: 1, Name: "甲司法局"}, {ID: 2, Name: "乙教育局"}},
			CanIdentity: true, CanDocs: true, PortalURL: "/catalog/agencies/1",
			Identity: website.Identity{Sponsor: "甲司法局办公室", UpdatedBy: "head", UpdatedAt: at},
			Site:     website.Identity{ICP: "浙ICP备05001234号", Sponsor: "全站主办"},
			Guide:    website.Doc{Office: "政务公开科", EffectiveOn: calendar.D(2026, 3, 2), Body: "<p>指南正文</p>"},
			Rules:    website.Doc{EffectiveOn: calendar.D(2026, 3, 2)},
			Docs: []DocHistory{{Kind: website.Guide, TitleKey: "site.guide", Versions: []DocVersionRow{{N: 1, Effective: "2026-03-02",
				By: "head", At: "2026-03-02 10:00", Href: "/catalog/agencies/1/guide?version=1", Body: template.HTML("<p>旧版指南</p>")}}},
				{Kind: website.Rules, TitleKey: "site.rules"}}}
		rec := httptest.NewRecorder()
		s.siteRd.Render(rec, r, 200, "site_settings", pg)
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", lang, rec.Code, body)
		}
		if lang == web.LangEN {
			for _, bad := range webtest.ZhUnmarked(body, "甲司法局", "乙教育局", "甲司法局办公室", "浙ICP备", "全站主办", "旧版指南") {
				t.Errorf("en: %s lacks lang=\"zh-CN\"", bad)
			}
			if !strings.Contains(body, "Disclosure guide") || !strings.Contains(body, "Blank uses the site") {
				t.Errorf("en page lacks its English labels")
			}
			continue
		}
		for _, want := range []string{"政府信息公开指南", `value="政务公开科"`, "留空则沿用全站设置：", `id="versions-guide"`, `id="rules-form"`} {
			if !strings.Contains(body, want) {
				t.Errorf("zh page lacks %q", want)
			}
		}
	}
}
