package app

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/website"
)

// pageCacheItem is the item TestPageCacheInvalidation publishes.
const pageCacheItem = `{"schema":"gongkai.item/v1","index_no":"002882367/2026-00401","title":"北仑区司法局关于缓存失效测试的公告","category":"other","doc_type":"notice","formed_on":"2026-01-05","body":"<p>公告正文。</p>","channels":[{"channel":"portal","on":"2026-01-06"}],"published_at":"2026-01-06T09:00:00+08:00"}` + "\n"

// TestPageCacheInvalidation reads the public pages anonymously (so the
// page cache keeps them), then publishes an item, withdraws it, edits
// the footer and the 公开指南, adds an agency and imports a report, and
// reads back at once: every change is there on the very next read, on
// both databases. A write by another
// process (a second store on the same database, as a second server or
// the CLI would be) shows within the generation interval.
func TestPageCacheInvalidation(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		if err := f.app.Catalog.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: justice.ID, CreditCode: "11330206002882367P",
			Level: catalog.LevelCounty}, justice.Name); err != nil {
			t.Fatal(err)
		}
		anon := &http.Client{}
		title := "北仑区司法局关于缓存失效测试的公告"
		pages := []string{"/", "/catalog/agencies/{justice}/items", "/catalog/feed.atom", "/search?q=" + url.QueryEscape("缓存失效"), "/sitemap.xml"}
		read := func(path string) response {
			t.Helper()
			return f.do(anon, "GET", f.expand(path), "", nil)
		}
		for _, p := range pages {
			for range 2 { // the second read is the cache's
				if r := read(p); r.status != 200 || strings.Contains(r.body, title) || strings.Contains(r.body, "2026-00401") {
					t.Fatalf("%s before publication: status %d, item shown: %v", p, r.status, strings.Contains(r.body, title))
				}
			}
		}
		if n, _ := f.app.Pages.Len(); n < len(pages) {
			t.Fatalf("the cache holds %d pages, want at least %d", n, len(pages))
		}

		_, cols, err := f.app.Catalog.Profile(ctx, justice.ID, justice.Name)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := catalog.ReadItems(strings.NewReader(pageCacheItem), justice.Name, catalog.NewTree(cols), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Catalog.Import(ctx, audit.CLI, justice.ID, justice.Name, lines, nil); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if r := read(p); r.status != 200 || !strings.Contains(r.body, "2026-00401") && !strings.Contains(r.body, title) {
				t.Errorf("%s right after publication: status %d, the item is missing", p, r.status)
			}
		}

		recs, err := f.app.Catalog.PublicList(ctx, catalog.PublicQuery{AgencyIDs: []int64{justice.ID}})
		if err != nil || len(recs) != 1 {
			t.Fatalf("published items: %d, %v", len(recs), err)
		}
		head := f.login("head")
		if r := f.do(head, "POST", "/admin/catalog/"+itoa(int(recs[0].ID))+"/steps/withdraw", "note="+url.QueryEscape("测试撤回"), nil); r.status != http.StatusSeeOther {
			t.Fatalf("withdraw: status %d: %s", r.status, r.body)
		}
		// (The feeds keep a withdrawn item, as an updated entry.)
		for _, p := range []string{"/", "/catalog/agencies/{justice}/items", "/search?q=" + url.QueryEscape("缓存失效")} {
			if r := read(p); r.status != 200 || strings.Contains(r.body, title) {
				t.Errorf("%s right after withdrawal: status %d, the item is still listed", p, r.status)
			}
		}

		// The 指南 and the footer (internal/website) invalidate too.
		guide := "/catalog/agencies/{justice}/guide"
		read(guide)
		read(guide)
		if _, err := f.app.Website.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: justice.ID, Kind: website.Guide, Office: "北仑区司法局办公室（缓存测试）"}); err != nil {
			t.Fatal(err)
		}
		if r := read(guide); !strings.Contains(r.body, "办公室（缓存测试）") {
			t.Errorf("the guide right after its edit does not show it")
		}
		if err := f.app.Website.SetIdentity(ctx, audit.CLI, website.Identity{AgencyID: website.SiteID, Sponsor: "宁波市人民政府办公厅（甲）"}); err != nil {
			t.Fatal(err)
		}
		if r := read("/"); !strings.Contains(r.body, "办公厅（甲）") {
			t.Errorf("the home page right after a footer edit does not show it")
		}

		// An agency added shows in the list of 专栏 at once.
		read("/catalog")
		if _, err := f.app.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区缓存测试局", ParentID: f.agencies["district"].ID}); err != nil {
			t.Fatal(err)
		}
		if r := read("/catalog"); !strings.Contains(r.body, "北仑区缓存测试局") {
			t.Errorf("/catalog right after an agency was added does not list it")
		}

		// A report imported shows in /reports at once.
		read("/reports")
		data, err := os.ReadFile("../../testdata/reports/2022-ningbo-beilun-sifaju.json")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := report.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Annual.Import(ctx, f.app.Blobs, audit.CLI, []annual.Import{{File: "2022.json", Format: "json", Data: data, Report: rep}}, 2022); err != nil {
			t.Fatal(err)
		}
		if r := read("/reports"); !strings.Contains(r.body, "/reports/"+itoa(int(justice.ID))+"/2022") {
			t.Errorf("/reports right after a report import does not link it")
		}

		// Another process writes the footer: the generation is read again
		// within GenerationEvery (one second).
		other := openAgain(t, f.app.Store)
		if _, err := other.DB().ExecContext(ctx, `UPDATE site_identity SET sponsor = '宁波市人民政府办公厅（乙）' WHERE agency_id = 0`); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(read("/").body, "办公厅（乙）") {
			if time.Now().After(deadline) {
				t.Fatal("a write by another process never reached the cached home page")
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// openAgain opens a second store on st's database, as another process
// would.
func openAgain(t *testing.T, st *sqlstore.Store) *sqlstore.Store {
	t.Helper()
	var other *sqlstore.Store
	var err error
	if st.Dialect() == "postgres" {
		other, err = sqlstore.OpenPostgres(context.Background(), st.Where())
	} else {
		other, err = sqlstore.OpenSQLite(context.Background(), st.Where())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// TestPageCacheHeaders checks what a client and a proxy in front see:
// validators, 304s, the encodings, and no caching for a reader with a
// session cookie.
func TestPageCacheHeaders(t *testing.T) {
	f := newFixture(t, sqlstoretest.Open(t, sqlstoretest.SQLite))
	anon := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	first := f.do(anon, "GET", "/catalog", "", nil)
	etag := first.header.Get("ETag")
	if first.status != 200 || etag == "" || first.header.Get("Last-Modified") == "" ||
		first.header.Get("Cache-Control") != "public, max-age=10" || first.header.Get("Vary") != "Accept-Encoding, Cookie" {
		t.Fatalf("first read: %d %v", first.status, first.header)
	}
	if first.header.Get("Content-Security-Policy") == "" || first.header.Get("X-Request-Id") == "" {
		t.Fatalf("a cached page lost the security headers or the request id: %v", first.header)
	}
	if r := f.do(anon, "GET", "/catalog", "", http.Header{"If-None-Match": {etag}}); r.status != http.StatusNotModified || r.body != "" {
		t.Errorf("If-None-Match %s: status %d", etag, r.status)
	}
	if r := f.do(anon, "GET", "/catalog", "", http.Header{"If-Modified-Since": {first.header.Get("Last-Modified")}}); r.status != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d", r.status)
	}
	gz := f.do(anon, "GET", "/catalog", "", http.Header{"Accept-Encoding": {"gzip"}})
	if gz.header.Get("Content-Encoding") != "gzip" || gz.header.Get("ETag") == etag || len(gz.body) >= len(first.body) {
		t.Errorf("gzip: encoding %q, etag %q, %d bytes of %d", gz.header.Get("Content-Encoding"), gz.header.Get("ETag"), len(gz.body), len(first.body))
	}
	// Brotli is made in the background after the first request for it.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		br := f.do(anon, "GET", "/catalog", "", http.Header{"Accept-Encoding": {"gzip, br"}})
		if br.header.Get("Content-Encoding") == "br" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("br: encoding %q after 10 s", br.header.Get("Content-Encoding"))
		}
	}
	for _, cookie := range []string{"gk_portal=x", "gk_session=x"} {
		r := f.do(anon, "GET", "/catalog", "", http.Header{"Cookie": {cookie}})
		if r.status != 200 || r.header.Get("Cache-Control") != "" || r.header.Get("ETag") != "" {
			t.Errorf("with %s: status %d, Cache-Control %q, ETag %q (a reader with a session is never served from the cache)",
				cookie, r.status, r.header.Get("Cache-Control"), r.header.Get("ETag"))
		}
	}
	en := f.do(anon, "GET", "/catalog", "", http.Header{"Cookie": {"gk_lang=en"}})
	if en.body == first.body || !strings.Contains(en.body, `lang="en"`) {
		t.Errorf("the English page came from the Chinese entry")
	}
	if r := f.do(anon, "GET", "/apply", "", nil); r.header.Get("ETag") != "" {
		t.Errorf("/apply (a form with a signed timestamp) was cached")
	}
}
