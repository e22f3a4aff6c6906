package app

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

// TestRegisterDoesNotRevealAccounts: registering a taken login answers
// byte for byte as registering a free one (status, headers, body; no
// session either way), and the owner of the taken login is told by mail
// (the outbox) and on their account page after signing in (#10 item 7,
// SECURITY.md O-AUTH).
func TestRegisterDoesNotRevealAccounts(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		f.app.PublicUsers.EnableMail(f.app.Store, "https://gk.example.cn")
		register := func(login string) response {
			return f.do(f.client(), "POST", "/account/register", url.Values{"login": {login}, "name": {"王五"},
				"password": {publicPassword}, "password2": {publicPassword}}.Encode(), nil)
		}
		free := register("wangwu@example.cn")
		taken := register("WangWu@example.cn")
		if free.status != http.StatusSeeOther || free.status != taken.status || free.location != taken.location || free.body != taken.body {
			t.Fatalf("free: %d %q %q; taken: %d %q %q", free.status, free.location, free.body, taken.status, taken.location, taken.body)
		}
		if names := headerNames(free.header); !slices.Equal(names, headerNames(taken.header)) || slices.Contains(names, "Set-Cookie") {
			t.Errorf("headers differ or set a session: free %v, taken %v", names, headerNames(taken.header))
		}
		for _, k := range []string{"Content-Type", "Content-Length", "Cache-Control", "Location"} {
			if free.header.Get(k) != taken.header.Get(k) {
				t.Errorf("%s: free %q, taken %q", k, free.header.Get(k), taken.header.Get(k))
			}
		}
		var mails int
		f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'account_register_taken' AND agency_id IS NULL").Scan(&mails)
		if mails != 1 {
			t.Errorf("%d mails to the owner of the taken login; want 1", mails)
		}
		c := f.client()
		if r := f.do(c, "POST", "/account/login", url.Values{"login": {"wangwu@example.cn"}, "password": {publicPassword}}.Encode(), nil); r.location != "/account" {
			t.Fatalf("owner signs in: %d %q", r.status, r.location)
		}
		page := f.do(c, "GET", "/account", "", nil)
		if !strings.Contains(page.body, `id="account-notices"`) || !strings.Contains(page.body, "有人使用您的登录名申请注册账号") {
			t.Errorf("the owner's page lacks the notice\n%s", clip(page.body))
		}
		if again := f.do(c, "GET", "/account", "", nil); strings.Contains(again.body, `id="account-notices"`) {
			t.Error("the notice is shown twice")
		}
	})
}

// headerNames lists the header names of a response but those that differ
// by nature (date, request id).
func headerNames(h http.Header) []string {
	var out []string
	for k := range h {
		if k != "Date" && k != "X-Request-Id" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestPublicUnlockAndNotices: a public account locked at the owner's
// address is unlocked by a system administrator from the accounts page
// (audited public.unlock); a staff user locked at one address finds the
// notice on the dashboard after signing in from another (#10 item 7).
func TestPublicUnlockAndNotices(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		f.registerPublic("13700001111", "赵六")
		for range 5 {
			f.app.PublicUsers.Login(t.Context(), "13700001111", "wrong "+publicPassword, "192.0.2.55")
		}
		if _, err := f.app.PublicUsers.Login(t.Context(), "13700001111", publicPassword, "192.0.2.55"); err == nil {
			t.Fatal("not locked after five failures")
		}
		admin := f.login("sysadmin")
		if r := f.do(admin, "GET", "/admin/users", "", nil); !strings.Contains(r.body, `action="/admin/public-accounts/unlock"`) {
			t.Fatalf("the accounts page lacks the public unlock form\n%s", clip(r.body))
		}
		if r := f.do(admin, "POST", "/admin/public-accounts/unlock", "login=13700009999", nil); r.status != http.StatusNotFound {
			t.Errorf("unknown login: %d; want 404", r.status)
		}
		if r := f.do(admin, "POST", "/admin/public-accounts/unlock", "login="+url.QueryEscape("137 0000 1111"), nil); r.status != http.StatusSeeOther {
			t.Fatalf("unlock: %d\n%s", r.status, clip(r.body))
		}
		if _, err := f.app.PublicUsers.Login(t.Context(), "13700001111", publicPassword, "192.0.2.55"); err != nil {
			t.Errorf("after the unlock: %v", err)
		}
		var n int
		f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM audit_events WHERE action = 'public.unlock' AND result = 'ok'").Scan(&n)
		if n != 1 {
			t.Errorf("public.unlock audited %d times; want 1", n)
		}

		for range 5 {
			f.app.Auth.Login(t.Context(), auth.LoginInput{Login: "target", Password: "wrong-Password-1", IP: "192.0.2.44"})
		}
		target := f.login("target")
		dash := f.do(target, "GET", "/admin/", "", nil)
		if !strings.Contains(dash.body, `id="account-notices"`) || !strings.Contains(dash.body, "因来自 192.0.2.44 的连续多次密码错误") {
			t.Errorf("the dashboard lacks the lockout notice\n%s", clip(dash.body))
		}
		if again := f.do(target, "GET", "/admin/", "", nil); strings.Contains(again.body, `id="account-notices"`) {
			t.Error("the notice is shown twice")
		}
	})
}
