package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func sessionCookie(c *http.Client, f *fixture) *http.Cookie {
	u, _ := url.Parse(f.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if strings.HasSuffix(ck.Name, "gk_session") {
			return ck
		}
	}
	return nil
}

func TestSessionLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		// A session token planted before login is not the one used after it
		// (session fixation, O-SES-01).
		c := f.client()
		u, _ := url.Parse(f.srv.URL)
		c.Jar.SetCookies(u, []*http.Cookie{{Name: "gk_session", Value: "planted-by-attacker"}})
		resp := f.do(c, "POST", "/admin/login", "login=clerk&password="+url.QueryEscape(testPassword), nil)
		if resp.status != http.StatusSeeOther {
			t.Fatalf("login: %d", resp.status)
		}
		ck := sessionCookie(c, f)
		if ck == nil || ck.Value == "planted-by-attacker" || len(ck.Value) < 20 {
			t.Fatalf("session cookie after login = %v; want a fresh token", ck)
		}
		set := resp.header.Get("Set-Cookie")
		for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(set, attr) {
				t.Errorf("Set-Cookie %q lacks %s", set, attr)
			}
		}
		if strings.Contains(set, "Secure") {
			t.Errorf("Secure cookie on plain HTTP: %q", set)
		}
		if f.do(c, "GET", "/admin/", "", nil).status != http.StatusOK {
			t.Fatal("dashboard after login not 200")
		}
		// Logout ends the session on the server: replaying the old cookie
		// no longer works (O-SES-02).
		old := ck.Value
		if r := f.do(c, "POST", "/admin/logout", "", nil); r.status != http.StatusSeeOther || r.location != "/admin/login?out=1" {
			t.Fatalf("logout: %d %q", r.status, r.location)
		}
		evs, err := f.app.Store.SearchAudit(context.Background(), audit.Filter{Action: audit.ActLogout, ActorLogin: "clerk"})
		if err != nil || len(evs) != 1 {
			t.Errorf("logout audit events: %d, %v; want 1", len(evs), err)
		}
		replay := f.client()
		replay.Jar.SetCookies(u, []*http.Cookie{{Name: "gk_session", Value: old}})
		if r := f.do(replay, "GET", "/admin/", "", nil); r.status != http.StatusSeeOther || r.location != "/admin/login" {
			t.Errorf("old cookie after logout: %d %q; want redirect to login", r.status, r.location)
		}
		if f.app.Sessions.IdleTimeout != 30*time.Minute {
			t.Errorf("idle timeout %v; want 30m", f.app.Sessions.IdleTimeout)
		}
	})
}

func TestDisabledAccountLosesSession(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		victim := f.login("clerk2")
		admin := f.login("sysadmin")
		if r := f.do(admin, "POST", f.expand("/admin/users/{user:clerk2}/disable"), "", nil); r.status != http.StatusSeeOther {
			t.Fatalf("disable: %d %s", r.status, clip(r.body))
		}
		if r := f.do(victim, "GET", "/admin/", "", nil); r.status != http.StatusSeeOther || r.location != "/admin/login" {
			t.Errorf("disabled user's session: %d %q; want redirect to login (E-AC-03 c)", r.status, r.location)
		}
		r := f.do(f.client(), "POST", "/admin/login", "login=clerk2&password="+url.QueryEscape(testPassword), nil)
		if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "登录名或口令错误") {
			t.Errorf("disabled login: %d; want 401 with the usual message", r.status)
		}
	})
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		a := f.login("head")
		b := f.login("head")
		body := url.Values{"current": {testPassword}, "new": {"Nw8$kTr2!pQa"}, "confirm": {"Nw8$kTr2!pQa"}}.Encode()
		if r := f.do(a, "POST", "/admin/password", body, nil); r.status != http.StatusSeeOther {
			t.Fatalf("change password: %d %s", r.status, clip(r.body))
		}
		if r := f.do(a, "GET", "/admin/", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "口令已修改") {
			t.Errorf("changing session: %d; want 200 with notice", r.status)
		}
		if r := f.do(b, "GET", "/admin/", "", nil); r.location != "/admin/login" {
			t.Errorf("other session after password change: %d %q; want login (O-SES-02)", r.status, r.location)
		}
	})
}

func TestOneTimePasswordForcesChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		_, otp, err := f.app.Auth.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agencies["justice"].ID, Login: "fresh", Roles: f.users["clerk"].Roles})
		if err != nil {
			t.Fatal(err)
		}
		c := f.client()
		r := f.do(c, "POST", "/admin/login", url.Values{"login": {"fresh"}, "password": {otp}}.Encode(), nil)
		if r.status != http.StatusSeeOther {
			t.Fatalf("login with one-time password: %d", r.status)
		}
		for _, p := range []string{"/admin/", "/admin/agencies"} {
			if r := f.do(c, "GET", p, "", nil); r.location != "/admin/password" {
				t.Errorf("GET %s with a one-time password: %d %q; want /admin/password", p, r.status, r.location)
			}
		}
		if r := f.do(c, "GET", "/admin/password", "", nil); r.status != 200 || !strings.Contains(r.body, "一次性口令") {
			t.Errorf("password page: %d; want the forced-change notice", r.status)
		}
		weak := url.Values{"current": {otp}, "new": {"123456"}, "confirm": {"123456"}}.Encode()
		if r := f.do(c, "POST", "/admin/password", weak, nil); r.status != http.StatusBadRequest {
			t.Errorf("weak password: %d; want 400", r.status)
		}
		good := url.Values{"current": {otp}, "new": {"Gx4#vLm9!qRt"}, "confirm": {"Gx4#vLm9!qRt"}}.Encode()
		if r := f.do(c, "POST", "/admin/password", good, nil); r.status != http.StatusSeeOther {
			t.Fatalf("change: %d %s", r.status, clip(r.body))
		}
		if r := f.do(c, "GET", "/admin/agencies", "", nil); r.status != http.StatusOK {
			t.Errorf("after change: %d; want 200", r.status)
		}
	})
}

// TestLockoutLooksLikeWrongPassword: after 5 failures even the right
// password fails, with the same message and status as a wrong one
// (E-AUTH-02 a).
func TestLockoutLooksLikeWrongPassword(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		c := f.client()
		wrong := f.do(c, "POST", "/admin/login", "login=reviewer&password=wrong", nil)
		for i := 0; i < 4; i++ {
			f.do(c, "POST", "/admin/login", "login=reviewer&password=wrong", nil)
		}
		locked := f.do(c, "POST", "/admin/login", "login=reviewer&password="+url.QueryEscape(testPassword), nil)
		if locked.status != wrong.status || locked.status != http.StatusUnauthorized {
			t.Errorf("locked status %d, wrong status %d; want both 401", locked.status, wrong.status)
		}
		strip := func(s string) string { // the request id differs
			i := strings.Index(s, "<main")
			return s[i:]
		}
		if strip(locked.body) != strip(wrong.body) {
			t.Errorf("locked page differs from wrong-password page")
		}
	})
}

func TestLoginRateLimitPerIP(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	a, err := New(context.Background(), st, configDefault(), Options{LoginBurst: 3, LoginEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	f.srv.Config.Handler = a.Handler
	c := f.client()
	for i := 0; i < 3; i++ {
		if r := f.do(c, "POST", "/admin/login", "login=x&password=y", nil); r.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d; want 401", i+1, r.status)
		}
	}
	if r := f.do(c, "POST", "/admin/login", "login=x&password=y", nil); r.status != http.StatusTooManyRequests {
		t.Errorf("4th attempt: %d; want 429", r.status)
	}
}

func TestTOTPStep(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := f.users["head"].ID
		secret, _, err := f.app.Auth.BeginTOTP(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		code, _ := auth.TOTPCode(secret, now.Add(-30*time.Second))
		if err := f.app.Auth.ConfirmTOTP(ctx, audit.CLI, id, code); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		c := f.client()
		r := f.do(c, "POST", "/admin/login", "login=head&password="+url.QueryEscape(testPassword), nil)
		if r.status != http.StatusSeeOther || r.location != "/admin/login/totp" {
			t.Fatalf("password step: %d %q; want the code page", r.status, r.location)
		}
		if r := f.do(c, "GET", "/admin/", "", nil); r.location != "/admin/login" {
			t.Errorf("dashboard before the code: %d %q; want login", r.status, r.location)
		}
		if r := f.do(c, "POST", "/admin/login/totp", "code=000000", nil); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "动态口令错误") {
			t.Errorf("wrong code: %d", r.status)
		}
		good, _ := auth.TOTPCode(secret, time.Now())
		if r := f.do(c, "POST", "/admin/login/totp", "code="+good, nil); r.status != http.StatusSeeOther || r.location != "/admin/" {
			t.Fatalf("right code: %d %q %s", r.status, r.location, clip(r.body))
		}
		if r := f.do(c, "GET", "/admin/", "", nil); r.status != http.StatusOK {
			t.Errorf("dashboard after the code: %d", r.status)
		}
		// The same code cannot be used again (replay).
		c2 := f.client()
		f.do(c2, "POST", "/admin/login", "login=head&password="+url.QueryEscape(testPassword), nil)
		if r := f.do(c2, "POST", "/admin/login/totp", "code="+good, nil); r.status != http.StatusUnauthorized {
			t.Errorf("replayed code: %d; want 401", r.status)
		}
	})
}

func TestSecurityHeadersEveryRouteClass(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	admin := f.login("sysadmin")
	for _, p := range []struct {
		c    *http.Client
		path string
		hdr  http.Header
	}{
		{f.client(), "/", nil}, {f.client(), "/nope", nil}, {admin, "/admin/", nil}, {f.client(), "/admin/login", nil},
		{f.client(), "/api/v1/me", http.Header{"Authorization": {"Bearer " + f.token}}}, {f.client(), "/api/v1/agencies", nil},
		{f.client(), "/healthz", nil}, {f.client(), "/assets/app.css", nil},
	} {
		r := f.do(p.c, "GET", p.path, "", p.hdr)
		csp := r.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p.path, csp)
		}
		for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Request-Id"} {
			if r.header.Get(h) == "" {
				t.Errorf("%s: no %s", p.path, h)
			}
		}
		if strings.HasPrefix(p.path, "/admin") || strings.HasPrefix(p.path, "/api/v1/me") {
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: Cache-Control %q; want no-store", p.path, r.header.Get("Cache-Control"))
			}
		}
	}
}

func TestSecureCookieOverHTTPS(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	cfg := configDefault()
	cfg.HTTPS = true
	if _, err := New(context.Background(), st, cfg, Options{}); err == nil {
		t.Error("https without trusted_proxies accepted")
	}
	cfg.TrustedProxies = []string{"127.0.0.1"}
	a, err := New(context.Background(), st, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Sessions.Cookie.Name != "__Host-gk_session" || !a.Sessions.Cookie.Secure {
		t.Errorf("cookie %q secure=%v; want __Host-gk_session, Secure", a.Sessions.Cookie.Name, a.Sessions.Cookie.Secure)
	}
	// A login posted over plain HTTP is refused unread; through the proxy
	// with X-Forwarded-Proto: https it reaches the form (E-AUTH-03).
	for _, tc := range []struct {
		remote, proto string
		status        int
	}{{"192.0.2.1:1", "", 403}, {"192.0.2.1:1", "https", 403}, {"127.0.0.1:1", "https", 401}} {
		r := httptest.NewRequest("POST", "/admin/login", strings.NewReader("login=x&password=y"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = tc.remote
		if tc.proto != "" {
			r.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("login from %s proto %q: %d; want %d", tc.remote, tc.proto, rec.Code, tc.status)
		}
		if tc.status == 401 && !strings.Contains(rec.Header().Get("Strict-Transport-Security"), "max-age") {
			t.Error("no HSTS over HTTPS")
		}
	}
}

// TestLevel3RequiresTOTPEnrolment: with the second factor required, a
// password alone opens only the enrolment page (E-AUTH-04).
func TestLevel3RequiresTOTPEnrolment(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := newFixture(t, st)
	cfg := configDefault()
	cfg.Level, cfg.RequireTOTP = 3, true
	a, err := New(context.Background(), st, cfg, Options{LoginBurst: 1000, LoginEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Auth.Settings.Hash = fastHash
	f.srv.Config.Handler = a.Handler
	c := f.client()
	r := f.do(c, "POST", "/admin/login", "login=sysadmin&password="+url.QueryEscape(testPassword), nil)
	if r.location != "/admin/login/enroll" {
		t.Fatalf("password only: %d %q; want the enrolment page", r.status, r.location)
	}
	if r := f.do(c, "GET", "/admin/", "", nil); r.location != "/admin/login" {
		t.Errorf("dashboard before enrolment: %d %q", r.status, r.location)
	}
	page := f.do(c, "GET", "/admin/login/enroll", "", nil)
	i := strings.Index(page.body, `<p class="secret">`)
	if i < 0 {
		t.Fatalf("no secret on the enrolment page:\n%s", clip(page.body))
	}
	secret := page.body[i+len(`<p class="secret">`):]
	secret = secret[:strings.Index(secret, "<")]
	if !strings.Contains(page.body, `href="otpauth://totp/`) {
		t.Error("no otpauth link")
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	if r := f.do(c, "POST", "/admin/login/enroll", "code="+code, nil); r.status != http.StatusSeeOther || r.location != "/admin/" {
		t.Fatalf("enrol: %d %q %s", r.status, r.location, clip(r.body))
	}
	if r := f.do(c, "GET", "/admin/", "", nil); r.status != http.StatusOK {
		t.Errorf("dashboard after enrolment: %d", r.status)
	}
}
