package backoffice

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/web"
)

// TestEveryPageRenders executes every template of the shell with its
// typed page struct (zero values plus a signed-in viewer), so a template
// that names a missing field fails here rather than in production.
func TestEveryPageRenders(t *testing.T) {
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(withStubs(Deps{Sessions: scs.New(), Assets: assets}))
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/admin/", nil)
	p := web.NewPage(r, s.cat, assets, "dashboard.title")
	p.Viewer = &web.Viewer{Name: "测试", Roles: "经办人"}
	p.Errors = []string{"一个错误"}
	pages := map[string]any{
		"login": LoginPage{Page: p}, "totp": TOTPPage{Page: p}, "enroll": EnrollPage{Page: p, Secret: "ABC", URL: "otpauth://totp/x",
			QR: qrDataURL("otpauth://totp/gongkai:demo?secret=JBSWY3DPEHPK3PXP&issuer=gongkai")},
		"password": PasswordPage{Page: p, Forced: true},
		"dashboard": DashboardPage{Page: p, Links: []DashboardLink{{"/admin/x", "X", "x"}},
			Panels: []template.HTML{`<section id="panel">一个面板</section>`}, Notices: []string{"账号安全提醒"}},
		"sessions":  SessionsPage{Page: p, Others: 1, Rows: []SessionRow{{ID: "ab", Current: true}, {ID: "cd", UserAgent: "Firefox"}}},
		"bootstrap": BootstrapPage{Page: p}, "error": web.ErrorPage{Page: p, Message: "x"},
	}
	for _, name := range s.rd.Names() {
		data, ok := pages[name]
		if !ok {
			t.Errorf("page %q has no typed data in this test", name)
			continue
		}
		rec := httptest.NewRecorder()
		s.rd.Render(rec, r, 200, name, data)
		if rec.Code != 200 {
			t.Errorf("%s: status %d: %s", name, rec.Code, rec.Body.String())
			continue
		}
		body := rec.Body.String()
		for _, want := range []string{`<html lang="zh-CN"`, `href="#main"`, "一个错误", "测试"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: lacks %q", name, want)
			}
		}
		if strings.Contains(body, "ZgotmplZ") {
			t.Errorf("%s: html/template refused a value (ZgotmplZ)", name)
		}
	}
}

func TestQRDataURL(t *testing.T) {
	got := string(qrDataURL("otpauth://totp/gongkai:demo?secret=JBSWY3DPEHPK3PXP&issuer=gongkai"))
	if !strings.HasPrefix(got, "data:image/png;base64,iVBORw0KGgo") {
		t.Errorf("qrDataURL = %.40q…; want a PNG data URL", got)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(got, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != 200 {
		t.Errorf("decoded %v, %v; want a 200-pixel PNG", img, err)
	}
}

func TestShortUA(t *testing.T) {
	long := strings.Repeat("浏", 100)
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"Firefox/140", "Firefox/140"},
		{long, strings.Repeat("浏", 79) + "…"},
	} {
		if got := shortUA(tc.in); got != tc.want {
			t.Errorf("shortUA(%d runes) = %q; want %q", len([]rune(tc.in)), got, tc.want)
		}
	}
}
