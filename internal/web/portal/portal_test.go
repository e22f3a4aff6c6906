package portal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/web"
)

type fakeAgencies []agency.Agency

func (f fakeAgencies) ListAgencies(context.Context) ([]agency.Agency, error) { return f, nil }

func newTestSite(t *testing.T) http.Handler {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Deps{Agencies: fakeAgencies{{ID: 1, Name: "宁波市人民政府"}}, Assets: assets})
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
		{"catalog", "/catalog", 200, []string{"正在建设中", `aria-current="page"`}, nil},
		{"apply", "/apply", 200, []string{"第二十七条"}, nil},
		{"reports", "/reports", 200, []string{"宁波市人民政府", "尚未发布", "第四十九条"}, nil},
		{"unknown", "/nope", 404, []string{"页面不存在", "请求编号"}, nil},
		{"post home", "/", 404, nil, nil},
		// A site built without a service has none of its pages.
		{"accounts without service", "/account/login", 404, []string{"页面不存在"}, nil},
		{"report without service", "/reports/1/2022", 404, nil, nil},
		{"post apply without service", "/apply", 404, nil, nil},
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
	s, err := New(Deps{Agencies: fakeAgencies{{ID: 1, Name: "宁波市人民政府"}}, Assets: assets})
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
