package portal

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/website"
)

// zhuanlanWorld is a platform of three agencies (宁波市 → 北仑区人民政府 →
// 北仑区司法局) whose 司法局 has published items through the review: a
// 规范性文件 in force with its 解读 and an attachment, notices, an item
// withdrawn, one under correction, and a draft.
type zhuanlanWorld struct {
	st                      *sqlstore.Store
	cat                     *catalog.Service
	site                    *website.Service
	now                     time.Time
	city, district, justice agency.Agency
	clerk, rev, head        catalog.Staff
	doc, interp, withdrawn  int64
	corrected, draft        int64
	index                   map[int64]string
}

func (w *zhuanlanWorld) must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (w *zhuanlanWorld) publish(t testing.TB, c catalog.Content) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := w.cat.Create(ctx, w.clerk, w.justice.ID, w.justice.Name, c)
	w.must(t, err)
	w.must(t, w.cat.Submit(ctx, w.clerk, id))
	w.must(t, w.cat.Review(ctx, w.rev, id, allTicked()))
	w.must(t, w.cat.Sign(ctx, w.head, id, time.Time{}))
	rec, err := w.st.Item(ctx, id)
	w.must(t, err)
	w.index[id] = rec.IndexNo
	w.now = w.now.Add(time.Hour)
	return id
}

func allTicked() catalog.Answers {
	a := catalog.Answers{}
	for _, c := range catalog.Checklist {
		a[c.ID] = true
	}
	return a
}

func newZhuanlanWorld(t testing.TB, st *sqlstore.Store, notices int) *zhuanlanWorld {
	t.Helper()
	ctx := context.Background()
	w := &zhuanlanWorld{st: st, now: time.Date(2022, 3, 10, 2, 0, 0, 0, time.UTC), index: map[int64]string{}}
	clock := func() time.Time { return w.now }
	log := &audit.Log{Store: st, Now: clock}
	var err error
	w.cat, err = catalog.NewService(st, log)
	w.must(t, err)
	w.site, err = website.NewService(st, log)
	w.must(t, err)
	w.cat.Now, w.site.Now = clock, clock
	blobs, err := blob.Open(ctx, "", t.TempDir())
	w.must(t, err)
	w.cat.Blobs = blobs
	w.city, _ = st.CreateAgency(ctx, agency.Agency{Name: "宁波市人民政府", CreatedAt: w.now})
	w.district, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", ParentID: w.city.ID, CreatedAt: w.now})
	w.justice, err = st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: w.district.ID, CreatedAt: w.now})
	w.must(t, err)
	staff := func(id int64, r account.Role) catalog.Staff {
		return catalog.Staff{Subject: auth.Subject{UserID: id, Login: string(r), AgencyID: w.justice.ID, Roles: []account.Role{r}}}
	}
	w.clerk, w.rev, w.head = staff(1, account.Clerk), staff(2, account.Reviewer), staff(3, account.Head)
	w.must(t, w.cat.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: w.justice.ID, CreditCode: "11330206002882367P",
		Level: catalog.LevelCounty}, w.justice.Name))

	doc := catalog.Content{Title: "北仑区司法局行政执法公示办法", DocNo: "仑司〔2022〕3号", Category: "rules/normative",
		DocType: catalog.Normative, FormedOn: calendar.D(2022, 3, 1), Validity: catalog.InForce, Summary: "规范行政执法公示。",
		Body: `<p>第一条 为了规范<b>行政执法</b>……</p><script>alert(1)</script>`}
	id, err := w.cat.Create(ctx, w.clerk, w.justice.ID, w.justice.Name, doc)
	w.must(t, err)
	w.must(t, w.cat.Attach(ctx, w.clerk, id, "附件1 公示目录.txt", strings.NewReader("公示事项目录")))
	w.must(t, w.cat.Submit(ctx, w.clerk, id))
	w.must(t, w.cat.Review(ctx, w.rev, id, allTicked()))
	w.must(t, w.cat.Sign(ctx, w.head, id, time.Time{}))
	rec, _ := st.Item(ctx, id)
	w.doc, w.index[id] = id, rec.IndexNo
	w.now = w.now.Add(time.Hour)

	w.interp = w.publish(t, catalog.Content{Title: "《北仑区司法局行政执法公示办法》政策解读", Category: "rules/policy",
		DocType: catalog.Interpretation, FormedOn: calendar.D(2022, 3, 1), Interprets: []string{rec.IndexNo},
		Body: "<p>一、起草背景</p>"})
	for i := range notices {
		w.publish(t, catalog.Content{Title: fmt.Sprintf("关于公布第%d批人民调解员名单的公告 <&>", i+1), Category: "other",
			DocType: catalog.Notice, FormedOn: calendar.D(2022, 3, 1), Body: "<p>名单如下。</p>"})
	}
	w.withdrawn = w.publish(t, catalog.Content{Title: "已撤回的通知", Category: "other", DocType: catalog.Notice,
		FormedOn: calendar.D(2022, 3, 1), Body: "<p>撤回前的正文</p>"})
	w.must(t, w.cat.Withdraw(ctx, w.head, w.withdrawn, "误发"))
	w.corrected = w.publish(t, catalog.Content{Title: "法律援助申请指南", Category: "organ", DocType: catalog.OtherDoc,
		FormedOn: calendar.D(2022, 3, 1), Body: "<p>第一版</p>"})
	w.must(t, w.cat.Correct(ctx, w.clerk, w.corrected, "电话有误"))
	w.must(t, w.cat.Edit(ctx, w.clerk, w.corrected, catalog.Content{Title: "法律援助申请指南（草稿中的更正）", Category: "organ",
		DocType: catalog.OtherDoc, FormedOn: calendar.D(2022, 3, 1), Body: "<p>未发布的更正</p>"}))
	w.draft, err = w.cat.Create(ctx, w.clerk, w.justice.ID, w.justice.Name, catalog.Content{Title: "尚未发布的草稿",
		Category: "other", DocType: catalog.Notice, Body: "<p>草稿正文</p>"})
	w.must(t, err)
	return w
}

// handler is the portal on w's store, as the app wires it.
func (w *zhuanlanWorld) handler(t testing.TB, sitemapMax int) http.Handler {
	t.Helper()
	s, err := New(withStubs(Deps{Agencies: w.st, Catalog: w.cat, Website: w.site, PublicURL: "https://gk.example.gov.cn",
		SitemapMax: sitemapMax, Now: func() time.Time { return w.now }}))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	return web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
}

func get(h http.Handler, u string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
	return rec
}

func itemPath(ix string) string { return itemHref(ix) }

func TestZhuanlanPages(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	w := newZhuanlanWorld(t, st, 2)
	ctx := context.Background()
	w.must(t, w.site.SetIdentity(ctx, audit.CLI, website.Identity{SiteName: "宁波市北仑区政府信息公开平台", SiteCode: "3302060001",
		ICP: "浙ICP备05001234号", PoliceRecord: "浙公网安备 33020602000123号", Sponsor: "宁波市北仑区人民政府办公室", Contact: "0574-86780000"}))
	w.must(t, w.site.SetIdentity(ctx, audit.CLI, website.Identity{AgencyID: w.justice.ID, Sponsor: "宁波市北仑区司法局", Contact: "0574-86781234"}))
	_, err := w.site.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: w.justice.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
		Address: "宁波市北仑区新碶街道长江路1166号", Hours: "工作日 8:30–12:00，13:30–17:00", Phone: "0574-86781234", Postcode: "315800",
		Body: "<p>一、主动公开</p>", EffectiveOn: calendar.D(2021, 1, 1)})
	w.must(t, err)
	_, err = w.site.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: w.justice.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
		Phone: "0574-86789999", EffectiveOn: calendar.D(2022, 1, 1)})
	w.must(t, err)
	h := w.handler(t, 0)
	j := zhuanlanHref(w.justice.ID)
	docIx := w.index[w.doc]
	tests := []struct {
		name, url string
		status    int
		want      []string
		notWant   []string
	}{
		{"home", "/", 200, []string{`<h1 lang="zh-CN">宁波市北仑区政府信息公开平台</h1>`, "北仑区司法局", `href="/catalog/agencies/` + fmt.Sprint(w.justice.ID) + `"`,
			"行政执法公示办法", "浙ICP备05001234号", "网站标识码：3302060001", `type="application/atom+xml" href="/catalog/feed.atom"`},
			[]string{"尚未发布的草稿", "已撤回的通知", "草稿中的更正"}},
		{"catalog", "/catalog", 200, []string{"宁波市人民政府", "北仑区人民政府", "北仑区司法局"}, nil},
		{"agency", j, 200, []string{"北仑区司法局 政府信息公开专栏", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容",
			"政府信息公开年报", `href="/apply?agency=` + fmt.Sprint(w.justice.ID) + `"`, "北仑区人民政府", `主办单位：<span lang="zh-CN">宁波市北仑区司法局</span>`,
			"0574-86781234", "网站标识码：3302060001", "（5）"}, []string{"尚未发布的草稿", "已撤回的通知"}},
		{"district lists children", zhuanlanHref(w.district.ID), 200, []string{"下级机关专栏", "北仑区司法局", `主办单位：<span lang="zh-CN">宁波市北仑区人民政府办公室</span>`}, nil},
		{"unknown agency", "/catalog/agencies/999", 404, nil, nil},
		{"bad agency id", "/catalog/agencies/x", 404, nil, nil},
		{"guide", j + "/guide", 200, []string{"第 2 版，自 2022-01-01 起施行", "0574-86789999", "在线提交政府信息公开申请", "历史版本",
			`href="` + j + `/guide?version=1"`}, []string{"长江路1166号"}},
		{"guide v1", j + "/guide?version=1", 200, []string{"长江路1166号", "这是历史版本", "315800", "一、主动公开"}, nil},
		{"guide v9", j + "/guide?version=9", 404, nil, nil},
		{"guide vx", j + "/guide?version=x", 404, nil, nil},
		{"guide en", j + "/guide?lang=en", 200, []string{"Disclosure guide", "Version 2, in effect from 2022-01-01"}, nil},
		{"apply picks the agency", "/apply?agency=" + fmt.Sprint(w.justice.ID), 200, []string{`value="` + fmt.Sprint(w.justice.ID) + `" selected`}, nil},
		{"rules none", j + "/rules", 200, []string{"本机关尚未发布政府信息公开制度"}, nil},
		{"guide none", zhuanlanHref(w.city.ID) + "/guide", 200, []string{"本机关尚未发布政府信息公开指南", "在线提交政府信息公开申请"}, nil},
		{"items", j + "/items", 200, []string{"共 5 条，第 1/1 页", "行政规范性文件", "(1)", docIx, "仑司〔2022〕3号", "现行有效",
			"关于公布第2批人民调解员名单的公告 &lt;&amp;&gt;", "法律援助申请指南"}, []string{"草稿中的更正", "已撤回的通知", "尚未发布的草稿"}},
		{"items column", j + "/items?column=rules", 200, []string{"共 2 条", "政策解读", "本栏目订阅", `feed.atom?column=rules`}, []string{"人民调解员"}},
		{"items validity", j + "/items?validity=in_force", 200, []string{"共 1 条", "行政执法公示办法"}, nil},
		{"items doc type", j + "/items?doc_type=notice", 200, []string{"共 2 条"}, []string{"行政执法公示办法"}},
		{"items year", j + "/items?year=2021", 200, []string{"共 0 条", "没有符合条件的信息"}, nil},
		{"items index", j + "/items?index_no=" + url.QueryEscape(docIx), 200, []string{"共 1 条", "行政执法公示办法"}, []string{"人民调解员"}},
		{"items withdrawn index", j + "/items?index_no=" + url.QueryEscape(w.index[w.withdrawn]), 200, []string{"共 0 条"}, nil},
		{"items bad filter", j + "/items?doc_type=x&column=nope&year=1", 200, []string{"筛选条件无效", "共 5 条"}, nil},
		{"item", itemPath(docIx), 200, []string{"<h1 id=\"item-title\" lang=\"zh-CN\">北仑区司法局行政执法公示办法</h1>", docIx, "仑司〔2022〕3号",
			"2022-03-01", "现行有效", "行政规范性文件", "<b>行政执法</b>", "附件1 公示目录.txt", "相关政策解读", "政策解读</a>",
			`主办单位：<span lang="zh-CN">宁波市北仑区司法局</span>`}, []string{"<script>alert"}},
		{"interpretation", itemPath(w.index[w.interp]), 200, []string{"本解读对应的文件", `href="` + itemPath(docIx) + `"`}, nil},
		{"item under correction shows the live version", itemPath(w.index[w.corrected]), 200, []string{"第一版"}, []string{"未发布的更正", "草稿中的更正"}},
		{"withdrawn item says so", itemPath(w.index[w.withdrawn]), 200, []string{"本信息已于 2022-03-10 撤回。", "撤回理由：误发", "已撤回的通知"}, []string{"撤回前的正文"}},
		{"unknown item", "/catalog/items/11330206002882367P/2022-99999", 404, nil, nil},
		{"file", fileHref(docIx, 1), 200, []string{"公示事项目录"}, nil},
		{"file 2", fileHref(docIx, 2), 404, nil, nil},
		{"file of withdrawn", fileHref(w.index[w.withdrawn], 1), 404, nil, nil},
		{"agency reports", zhuanlanHref(w.district.ID) + "/reports", 200, []string{"北仑区人民政府 2022", `href="/reports/2/2022"`, "第四十九条"}, nil},
		{"agency reports none", j + "/reports", 200, []string{"本机关尚未在本平台发布年度报告"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(h, tc.url)
			if rec.Code != tc.status {
				t.Fatalf("%s: status = %d; want %d", tc.url, rec.Code, tc.status)
			}
			body := rec.Body.String()
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(body, s) {
					t.Errorf("body has %q", s)
				}
			}
		})
	}
	// the file download names the file and does not let the browser sniff
	rec := get(h, fileHref(docIx, 1))
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download headers: %v", rec.Header())
	}
}

// TestItemsPagination: 25 items make two pages whose links keep the
// filters.
func TestItemsPagination(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	w := newZhuanlanWorld(t, st, 23)
	h := w.handler(t, 0)
	j := zhuanlanHref(w.justice.ID)
	body := get(h, j+"/items?doc_type=notice").Body.String()
	if !strings.Contains(body, "共 23 条，第 1/2 页") || !strings.Contains(body, `href="`+j+`/items?doc_type=notice&amp;page=2" rel="next"`) {
		t.Fatalf("page 1: %s", body)
	}
	body = get(h, j+"/items?doc_type=notice&page=2").Body.String()
	if !strings.Contains(body, "共 23 条，第 2/2 页") || !strings.Contains(body, "第1批") || strings.Contains(body, "第23批") ||
		!strings.Contains(body, `rel="prev"`) {
		t.Errorf("page 2: %s", body)
	}
}

// atomDoc is what the feed test reads of a feed.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary  string `xml:"summary"`
		Category struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, h http.Handler, u string) atomDoc {
	t.Helper()
	rec := get(h, u)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("%s: %d %s", u, rec.Code, rec.Header().Get("Content-Type"))
	}
	// well-formed: the decoder reads every token without error
	dec := xml.NewDecoder(strings.NewReader(rec.Body.String()))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", u, err)
		}
	}
	var f atomDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	// RFC 4287 §4.1.1: id, title, updated; an author for entries without one
	if f.ID == "" || f.Title == "" || f.Updated == "" || f.Author == "" {
		t.Errorf("%s: feed lacks a required element: %+v", u, f)
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Updated == "" || e.Link.Href == "" || !strings.HasPrefix(e.ID, "https://gk.example.gov.cn/") {
			t.Errorf("%s: entry lacks a required element: %+v", u, e)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("%s: updated %q: %v", u, e.Updated, err)
		}
	}
	return f
}

func TestFeeds(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	w := newZhuanlanWorld(t, st, 1)
	h := w.handler(t, 0)
	j := zhuanlanHref(w.justice.ID)
	f := readFeed(t, h, j+"/feed.atom")
	titles := map[string]string{}
	for _, e := range f.Entries {
		titles[e.Title] = e.Summary
	}
	if len(f.Entries) != 5 || titles["关于公布第1批人民调解员名单的公告 <&>"] == "" || titles["【已撤回】已撤回的通知"] != "本信息已于 2022-03-10 撤回。误发" {
		t.Errorf("agency feed entries: %v", titles)
	}
	for title := range titles {
		if strings.Contains(title, "草稿") {
			t.Errorf("a draft in the feed: %q", title)
		}
	}
	if f.Links[0].Rel != "self" || f.Links[0].Href != "https://gk.example.gov.cn"+j+"/feed.atom" {
		t.Errorf("self link: %+v", f.Links)
	}
	col := readFeed(t, h, j+"/feed.atom?column=rules/normative")
	if len(col.Entries) != 1 || col.Entries[0].Category.Term != "rules/normative" || col.Entries[0].Category.Label != "行政规范性文件" ||
		col.Entries[0].Summary != "规范行政执法公示。" || !strings.Contains(col.Title, "行政规范性文件") {
		t.Errorf("column feed: %+v", col)
	}
	site := readFeed(t, h, "/catalog/feed.atom")
	if len(site.Entries) != 5 {
		t.Errorf("site feed: %d entries", len(site.Entries))
	}
	if rec := get(h, j+"/feed.atom?column=nope"); rec.Code != 404 {
		t.Errorf("unknown column: %d", rec.Code)
	}
	empty := readFeed(t, h, zhuanlanHref(w.city.ID)+"/feed.atom")
	if len(empty.Entries) != 0 || empty.Updated != "2019-05-15T00:00:00+08:00" {
		t.Errorf("empty feed: %+v", empty)
	}
}

type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

func readSitemap(t *testing.T, h http.Handler, u string) sitemapDoc {
	t.Helper()
	rec := get(h, u)
	if rec.Code != 200 {
		t.Fatalf("%s: %d", u, rec.Code)
	}
	var d sitemapDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &d); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	if d.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("%s: namespace %q", u, d.XMLName.Space)
	}
	return d
}

// TestSitemap: one urlset while it fits; above the limit an index whose
// files hold every URL once, none more than the limit.
func TestSitemap(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	w := newZhuanlanWorld(t, st, 4)
	whole := readSitemap(t, w.handler(t, 0), "/sitemap.xml")
	// 4 site pages, 5 per agency, 7 public items
	if whole.XMLName.Local != "urlset" || len(whole.URLs) != 4+3*5+7 {
		t.Fatalf("sitemap: %s with %d URLs", whole.XMLName.Local, len(whole.URLs))
	}
	for _, u := range whole.URLs {
		if strings.Contains(u, w.index[w.withdrawn]) || !strings.HasPrefix(u, "https://gk.example.gov.cn/") {
			t.Errorf("sitemap URL %q", u)
		}
	}
	h := w.handler(t, 10)
	idx := readSitemap(t, h, "/sitemap.xml")
	if idx.XMLName.Local != "sitemapindex" || len(idx.Sitemaps) != 3 {
		t.Fatalf("index: %s %v", idx.XMLName.Local, idx.Sitemaps)
	}
	seen := map[string]bool{}
	for i, loc := range idx.Sitemaps {
		part := readSitemap(t, h, strings.TrimPrefix(loc, "https://gk.example.gov.cn"))
		if len(part.URLs) > 10 || i < 2 && len(part.URLs) != 10 {
			t.Errorf("%s: %d URLs", loc, len(part.URLs))
		}
		for _, u := range part.URLs {
			if seen[u] {
				t.Errorf("%s twice", u)
			}
			seen[u] = true
		}
	}
	for _, u := range whole.URLs {
		if !seen[u] {
			t.Errorf("%s missing from the parts", u)
		}
	}
	for _, bad := range []string{"/sitemaps/4.xml", "/sitemaps/0.xml", "/sitemaps/x.xml", "/sitemaps/1.txt"} {
		if rec := get(h, bad); rec.Code != 404 {
			t.Errorf("%s: %d", bad, rec.Code)
		}
	}
	if rec := get(w.handler(t, 0), "/sitemaps/1.xml"); rec.Code != 404 {
		t.Errorf("a part when there is no index: %d", rec.Code)
	}
}
