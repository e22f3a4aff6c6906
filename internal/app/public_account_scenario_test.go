package app

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const publicPassword = "我家门前有两棵树一棵是枣树"

var reAccountRequest = regexp.MustCompile(`href="/account/requests/(\d+)">([^<]+)<`)

// registerPublic opens a public account on a new client and signs it in
// (registering never signs in: #10 item 7).
func (f *fixture) registerPublic(login, name string) *http.Client {
	f.t.Helper()
	c := f.client()
	r := f.do(c, "POST", "/account/register", url.Values{"login": {login}, "name": {name}, "password": {publicPassword},
		"password2": {publicPassword}}.Encode(), nil)
	if r.status != http.StatusSeeOther || r.location != "/account/login?registered=1" {
		f.t.Fatalf("register %s: %d %q %s", login, r.status, r.location, r.body)
	}
	r = f.do(c, "POST", "/account/login", url.Values{"login": {login}, "password": {publicPassword}}.Encode(), nil)
	if r.status != http.StatusSeeOther || r.location != "/account" {
		f.t.Fatalf("sign in %s after registering: %d %q %s", login, r.status, r.location, r.body)
	}
	return c
}

func (f *fixture) applyForm(name, phone, email string) string {
	return url.Values{"agency": {strconv.FormatInt(f.agencies["justice"].ID, 10)}, "type": {"natural_person"}, "name": {name},
		"id_number": {"11010519491231002X"}, "phone": {phone}, "email": {email}, "content": {"2025年行政复议决定书"},
		"form": {"电子"}, "delivery": {"电子邮件"}}.Encode()
}

func TestPublicAccountScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		zhang := f.registerPublic("ZhangSan@Example.cn", "张三")

		form := f.do(zhang, "GET", "/apply", "", nil)
		for _, w := range []string{`id="account-note"`, `name="name" value="张三"`, `name="email" value="zhangsan@example.cn"`} {
			if !strings.Contains(form.body, w) {
				t.Errorf("signed-in form lacks %q", w)
			}
		}
		receipt := f.do(zhang, "POST", "/apply", f.applyForm("张三", "13812345678", "zhangsan@example.cn"), nil)
		m := reTracking.FindStringSubmatch(receipt.body)
		if receipt.status != http.StatusOK || m == nil || !strings.Contains(receipt.body, `id="account-linked"`) {
			t.Fatalf("apply while signed in: %d\n%s", receipt.status, receipt.body)
		}
		tracking := m[1]

		mine := f.do(zhang, "GET", "/account", "", nil)
		rm := reAccountRequest.FindStringSubmatch(mine.body)
		if mine.status != http.StatusOK || rm == nil || rm[2] != tracking || !strings.Contains(mine.body, "北仑区司法局") || !strings.Contains(mine.body, "待确认") {
			t.Fatalf("my requests: %d\n%s", mine.status, mine.body)
		}
		statusPath := "/account/requests/" + rm[1]
		st := f.do(zhang, "GET", statusPath, "", nil)
		if st.status != http.StatusOK || !strings.Contains(st.body, `id="tracking">`+tracking) || st.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("status through the link: %d %q\n%s", st.status, st.header.Get("Cache-Control"), st.body)
		}
		for _, pi := range []string{"11010519491231002X", "13812345678", "1101", "****"} {
			if strings.Contains(st.body, pi) || strings.Contains(mine.body, pi) {
				t.Errorf("account pages show personal data %q", pi)
			}
		}

		// Another account sees none of it, even with the id.
		li := f.registerPublic("13900001111", "李四")
		if other := f.do(li, "GET", "/account", "", nil); strings.Contains(other.body, tracking) {
			t.Fatalf("another account lists %s", tracking)
		}
		if r := f.do(li, "GET", statusPath, "", nil); r.status != http.StatusNotFound {
			t.Fatalf("another account opens %s: %d; want 404", statusPath, r.status)
		}
		if r := f.do(li, "POST", "/account/claim", url.Values{"tracking": {tracking}, "code": {"WRONG23456"}}.Encode(), nil); r.status != http.StatusNotFound {
			t.Fatalf("claim with a wrong code: %d; want 404", r.status)
		}

		// An anonymous request is claimed with its code by li, and then
		// belongs to li alone.
		anon := f.do(f.client(), "POST", "/apply", f.applyForm("李四", "13900001111", ""), nil)
		am, cm := reTracking.FindStringSubmatch(anon.body), reCode.FindStringSubmatch(anon.body)
		if am == nil || cm == nil || strings.Contains(anon.body, `id="account-linked"`) {
			t.Fatalf("anonymous apply: %d\n%s", anon.status, anon.body)
		}
		claim := url.Values{"tracking": {am[1]}, "code": {cm[1]}}.Encode()
		if r := f.do(li, "POST", "/account/claim", claim, nil); r.status != http.StatusSeeOther || r.location != "/account" {
			t.Fatalf("claim: %d %q %s", r.status, r.location, r.body)
		}
		if r := f.do(li, "GET", "/account", "", nil); !strings.Contains(r.body, am[1]) || !strings.Contains(r.body, "已将申请加入您的账号") {
			t.Fatalf("claimed request not listed:\n%s", r.body)
		}
		if r := f.do(zhang, "POST", "/account/claim", claim, nil); r.status != http.StatusConflict {
			t.Fatalf("claim of li's request by zhang: %d; want 409", r.status)
		}

		// A public session never opens the back office: not with its own
		// cookie, and not with its token presented as the staff cookie.
		u, _ := url.Parse(f.srv.URL)
		var token string
		for _, ck := range zhang.Jar.Cookies(u) {
			switch ck.Name {
			case "gk_portal":
				token = ck.Value
			case "gk_session":
				t.Errorf("a public sign-in set the staff cookie")
			}
		}
		if token == "" {
			t.Fatal("no gk_portal cookie")
		}
		for _, p := range []string{"/admin/", "/admin/requests", "/admin/users"} {
			if r := f.do(zhang, "GET", p, "", nil); r.status != http.StatusSeeOther || r.location != "/admin/login" {
				t.Errorf("public session GET %s: %d %q; want 303 to /admin/login", p, r.status, r.location)
			}
			forged := http.Header{"Cookie": {"gk_session=" + token}}
			if r := f.do(f.client(), "GET", p, "", forged); r.status != http.StatusSeeOther || r.location != "/admin/login" {
				t.Errorf("public token as staff cookie GET %s: %d %q; want 303 to /admin/login", p, r.status, r.location)
			}
		}
		// And a staff session is no public account.
		if r := f.do(f.login("clerk"), "GET", "/account", "", nil); r.status != http.StatusSeeOther || r.location != "/account/login" {
			t.Errorf("staff session GET /account: %d %q; want 303 to /account/login", r.status, r.location)
		}

		// Signing out ends the session on the server.
		if r := f.do(zhang, "POST", "/account/logout", "", nil); r.status != http.StatusSeeOther {
			t.Fatalf("logout: %d", r.status)
		}
		replay := http.Header{"Cookie": {"gk_portal=" + token}}
		if r := f.do(f.client(), "GET", "/account", "", replay); r.status != http.StatusSeeOther || r.location != "/account/login" {
			t.Errorf("old cookie after logout: %d %q; want 303 to /account/login", r.status, r.location)
		}

		evs, err := f.app.Store.AuditEvents(context.Background(), 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range evs {
			seen[e.Action+":"+string(e.Result)] = true
			if strings.HasPrefix(e.Action, "public.") && (strings.Contains(e.ActorLogin+e.Detail, "zhangsan@") || strings.Contains(e.ActorLogin+e.Detail, "13900001111")) {
				t.Errorf("audit row names a login in clear: %+v", e)
			}
		}
		for _, w := range []string{"public.register:ok", "public.request.link:ok", "public.request.claim:ok", "public.request.claim:fail",
			"public.request.claim:denied", "public.logout:ok"} {
			if !seen[w] {
				t.Errorf("no audit event %s", w)
			}
		}
	})
}

func TestPublicAccountLockout(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		f.registerPublic("wangwu@example.cn", "王五")
		c := f.client()
		try := func(pw string) response {
			return f.do(c, "POST", "/account/login", url.Values{"login": {"wangwu@example.cn"}, "password": {pw}}.Encode(), nil)
		}
		var first string
		for i := range 5 {
			r := try("not the password at all")
			if r.status != http.StatusUnauthorized {
				t.Fatalf("wrong password %d: %d", i+1, r.status)
			}
			if i == 0 {
				first = r.body
			}
		}
		locked := try(publicPassword)
		if locked.status != http.StatusUnauthorized || !strings.Contains(locked.body, "账号或密码错误") {
			t.Fatalf("right password while locked: %d; want 401 with the same message", locked.status)
		}
		unknown := f.do(f.client(), "POST", "/account/login", url.Values{"login": {"nobody@example.cn"}, "password": {"x"}}.Encode(), nil)
		msg := regexp.MustCompile(`账号或密码错误[^<]*`)
		if a, b, c := msg.FindString(first), msg.FindString(locked.body), msg.FindString(unknown.body); a == "" || a != b || b != c {
			t.Fatalf("messages differ: wrong %q, locked %q, unknown %q", a, b, c)
		}
	})
}

// TestPublicAccountPasswordChange: a new password keeps the session that
// changed it and ends the account's other sessions (SECURITY.md O-SES-02).
func TestPublicAccountPasswordChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		here := f.registerPublic("zhaoliu@example.cn", "赵六")
		there := f.client()
		if r := f.do(there, "POST", "/account/login", url.Values{"login": {"zhaoliu@example.cn"}, "password": {publicPassword}}.Encode(), nil); r.status != http.StatusSeeOther {
			t.Fatalf("second sign-in: %d", r.status)
		}
		const next = "山那边有一片很大很大的海洋"
		bad := f.do(here, "POST", "/account/password", url.Values{"current": {"wrong wrong wrong"}, "new": {next}, "new2": {next}}.Encode(), nil)
		if bad.status != http.StatusBadRequest {
			t.Fatalf("wrong current password: %d; want 400", bad.status)
		}
		ok := f.do(here, "POST", "/account/password", url.Values{"current": {publicPassword}, "new": {next}, "new2": {next}}.Encode(), nil)
		if ok.status != http.StatusSeeOther || ok.location != "/account" {
			t.Fatalf("change: %d %q %s", ok.status, ok.location, ok.body)
		}
		if r := f.do(here, "GET", "/account", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "密码已修改") {
			t.Fatalf("the changing session: %d", r.status)
		}
		if r := f.do(there, "GET", "/account", "", nil); r.status != http.StatusSeeOther || r.location != "/account/login" {
			t.Fatalf("the other session after the change: %d %q; want 303 to /account/login", r.status, r.location)
		}
		if r := f.do(f.client(), "POST", "/account/login", url.Values{"login": {"zhaoliu@example.cn"}, "password": {next}}.Encode(), nil); r.status != http.StatusSeeOther {
			t.Fatalf("sign-in with the new password: %d", r.status)
		}
	})
}
