package portal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/web"
)

type fakeAgencies []agency.Agency

// noSearch is a search index with nothing in it.
type noSearch struct{}

func (noSearch) SearchEvaluate(context.Context, search.Query, search.Filter, int, int) (search.Evaluation, error) {
	return search.Evaluation{}, nil
}
func (noSearch) SearchShown(context.Context, []int64) ([]search.Shown, error) { return nil, nil }

func (f fakeAgencies) ListAgencies(context.Context) ([]agency.Agency, error) { return f, nil }

func newTestSite(t *testing.T) http.Handler {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 1, Name: "宁波市人民政府"}}, Assets: assets}))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	return web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
}

func TestPortalPages(t *testing.T) {
	h := newTestSite(t)
	tests := []struct {
		name, url string
		status    int
		want      []string
		notWant   []string
	}{
		{"home zh", "/", 200, []string{`<html lang="zh-CN"`, "首页", "信息公开目录", "依申请公开", "年度报告", `href="#main"`}, []string{"Home"}},
		{"home en", "/?lang=en", 200, []string{`<html lang="en"`, "Disclosure catalogue", `lang="zh-CN"`}, nil},
		{"large text", "/?text=large", 200, []string{`class="large-text"`, "标准字号"}, nil},
		{"catalog", "/catalog", 200, []string{"政府信息公开专栏", "宁波市人民政府", `href="/catalog/agencies/1"`, `aria-current="page"`}, []string{"正在建设中"}},
		{"apply", "/apply", 200, []string{"第二十七条"}, nil},
		{"reports", "/reports", 200, []string{"宁波市人民政府", "尚未发布", "第四十九条"}, nil},
		{"unknown", "/nope", 404, []string{"页面不存在", "请求编号"}, nil},
		{"post home", "/", 404, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodGet
			if strings.HasPrefix(tc.name, "post") {
				method = http.MethodPost
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, tc.url, nil))
			if rec.Code != tc.status {
				t.Fatalf("status = %d; want %d", rec.Code, tc.status)
			}
			body := rec.Body.String()
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("body has %q", w)
				}
			}
		})
	}
}

func BenchmarkHome(b *testing.B) {
	assets, _ := web.NewAssets()
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 1, Name: "宁波市人民政府"}}, Assets: assets}))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false), web.SecurityHeaders(false))
	r := httptest.NewRequest("GET", "/", nil)
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}

// withStubs fills every service d leaves nil with a stand-in, as New
// requires them all: each test sets the ones it looks at.
func withStubs(d Deps) Deps {
	if d.Agencies == nil {
		d.Agencies = fakeAgencies{}
	}
	if d.Assets == nil {
		d.Assets, _ = web.NewAssets()
	}
	if d.Requests == nil {
		d.Requests = &fakeRequests{}
	}
	if d.Reports == nil {
		d.Reports = fakeReports{}
	}
	if d.Search == nil {
		d.Search = noSearch{}
	}
	if d.Accounts == nil {
		d.Accounts = &fakeAccounts{}
	}
	if d.Catalog == nil {
		d.Catalog = emptyCatalog{}
	}
	if d.Website == nil {
		d.Website = noWebsite{}
	}
	if d.PublicSessions == nil {
		d.PublicSessions = scs.New()
		d.PublicSessions.Store = memstore.New()
	}
	return d
}

// TestNewRefusesMissingServices: a site wired without a service fails at
// start-up, naming what is missing, instead of serving pages that 404.
func TestNewRefusesMissingServices(t *testing.T) {
	if _, err := New(withStubs(Deps{})); err != nil {
		t.Fatalf("New with every service: %v", err)
	}
	for _, tc := range []struct {
		name string
		drop func(d *Deps)
	}{
		{"Agencies", func(d *Deps) { d.Agencies = nil }},
		{"Assets", func(d *Deps) { d.Assets = nil }},
		{"Requests", func(d *Deps) { d.Requests = nil }},
		{"Reports", func(d *Deps) { d.Reports = nil }},
		{"Search", func(d *Deps) { d.Search = nil }},
		{"Accounts", func(d *Deps) { d.Accounts = nil }},
		{"PublicSessions", func(d *Deps) { d.PublicSessions = nil }},
		{"Catalog", func(d *Deps) { d.Catalog = nil }},
		{"Website", func(d *Deps) { d.Website = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withStubs(Deps{})
			tc.drop(&d)
			if _, err := New(d); err == nil || !strings.Contains(err.Error(), "Deps."+tc.name) {
				t.Errorf("New without %s: %v; want an error naming Deps.%s", tc.name, err, tc.name)
			}
		})
	}
}
