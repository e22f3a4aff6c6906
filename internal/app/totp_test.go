package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// enrollTOTP gives user id a confirmed second factor and returns its
// secret. The confirming code is from the previous 30 s step, so that the
// current one is still unused.
func enrollTOTP(t *testing.T, a *App, id int64) string {
	t.Helper()
	ctx := context.Background()
	secret, _, err := a.Auth.BeginTOTP(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(secret, time.Now().Add(-30*time.Second))
	if err := a.Auth.ConfirmTOTP(ctx, audit.CLI, id, code); err != nil {
		t.Fatalf("confirm totp: %v", err)
	}
	return secret
}

// TestTOTPWrongCodesLockOut: wrong codes on the second page count
// towards the lockout like wrong passwords (GB/T 22239-2019 8.1.4.1 b);
// once locked, the right password and code are refused with the same
// message, and the lock is in the audit log.
func TestTOTPWrongCodesLockOut(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		secret := enrollTOTP(t, f.app, f.users["head"].ID)
		c := f.client()
		for i := range 5 {
			f.do(c, "POST", "/admin/login", "login=head&password="+url.QueryEscape(testPassword), nil)
			if r := f.do(c, "POST", "/admin/login/totp", "code=000000", nil); r.status != http.StatusUnauthorized {
				t.Fatalf("wrong code %d: %d; want 401", i+1, r.status)
			}
		}
		r := f.do(c, "POST", "/admin/login", "login=head&password="+url.QueryEscape(testPassword), nil)
		if r.status == http.StatusSeeOther {
			good, _ := auth.TOTPCode(secret, time.Now())
			r = f.do(c, "POST", "/admin/login/totp", "code="+good, nil)
		}
		if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "登录名或口令错误") {
			t.Errorf("after 5 wrong codes: %d %s; want the wrong-password message", r.status, clip(r.body))
		}
		evs, err := f.app.Audit.Store.SearchAudit(context.Background(), audit.Filter{Action: audit.ActLoginLockout})
		if err != nil || len(evs) != 1 || evs[0].ActorLogin != "head" || !strings.Contains(evs[0].Detail, "totp") {
			t.Errorf("lockout events %+v, %v; want one for head naming the code", evs, err)
		}
	})
}

// TestBrowserTOTPLogin: a person with a second factor enters the password,
// then a wrong code (refused, still on the code page), then the right
// one; a demo account's one-time password must then be changed.
func TestBrowserTOTPLogin(t *testing.T) {
	ctx := browser(t)
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	a, err := New(context.Background(), st, config.Default(), Options{LoginBurst: 1000, LoginEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	a.Auth.Settings.Hash = fastHash
	res, err := demo.Seed(context.Background(), a.Agencies, a.Auth)
	if err != nil {
		t.Fatal(err)
	}
	var pw string
	for _, acc := range res.Accounts {
		if acc.Login == "demo-head" {
			pw = acc.Password
		}
	}
	u, err := st.UserByLogin(context.Background(), "demo-head")
	if err != nil || pw == "" {
		t.Fatalf("demo-head: %v", err)
	}
	secret := enrollTOTP(t, a, u.ID)
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)

	signIn(ctx, t, srv.URL, "demo-head", pw)
	err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), "000000"),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".errors")))
	if err != nil {
		t.Fatalf("wrong code: %v", err)
	}
	if got := text(ctx, t, ".errors"); !strings.Contains(got, "动态口令错误") {
		t.Errorf("wrong code message %q", got)
	}
	good, _ := auth.TOTPCode(secret, time.Now())
	err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), good),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("current")))
	if err != nil {
		t.Fatalf("right code did not lead to the password change: %v", err)
	}
}
