package app

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

const chromiumPath = "/usr/bin/chromium"

// browser opens a tab for one test in the headless Chromium the tests
// share, or skips the test when Chromium is missing (fails when CI is
// set).
func browser(t *testing.T) context.Context {
	t.Helper()
	return browserWithin(t, 90*time.Second)
}

// browserWithin is browser with a time limit of its own, for the longer
// walks (several requests through every step). The tab is in a browser
// context of its own — cookies, storage and cache apart, as in a fresh
// profile — that closes when the test ends.
func browserWithin(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium missing at %s; CI must run browser tests", chromiumPath)
		}
		t.Skipf("chromium missing at %s", chromiumPath)
	}
	root, err := sharedBrowser()
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// Open the tab (in a window of the browser's --window-size, which
	// headless Chromium widens to 500) before any timeout applies.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelT)
	return tctx
}

// chromium is the headless Chromium the browser tests of this process
// share: starting one took about 2 s of each of some 20 tests. Each test
// works in a browser context of its own (browserWithin).
var chromium struct {
	mu     sync.Mutex
	ctx    context.Context // the browser's first tab; nil before the first test
	cancel func()
}

// sharedBrowser returns the context of the shared Chromium's first tab,
// starting the browser on the first call (and again if it stopped).
func sharedBrowser() (context.Context, error) {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.ctx != nil && chromium.ctx.Err() == nil {
		return chromium.ctx, nil
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(390, 844), // a phone
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		return nil, err
	}
	chromium.ctx, chromium.cancel = ctx, func() { cancelC(); cancelA() }
	return ctx, nil
}

// stopBrowser stops the shared Chromium, if it runs, and removes its
// profile directory.
func stopBrowser() {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.cancel != nil {
		chromium.cancel()
		chromium.ctx, chromium.cancel = nil, nil
	}
}

// demoServer runs the app on a fresh SQLite store seeded like `serve
// --demo` and returns its URL and the demo one-time passwords by login.
func demoServer(t *testing.T) (string, map[string]string) {
	t.Helper()
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
	pw := map[string]string{}
	for _, acc := range res.Accounts {
		pw[acc.Login] = acc.Password
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)
	return srv.URL, pw
}

func text(ctx context.Context, t *testing.T, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func signIn(ctx context.Context, t *testing.T, base, login, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), login),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
}

// TestBrowserLoginChangePasswordLogout: a person signs in with a demo
// one-time password, must choose a new one, reaches the dashboard and
// signs out.
func TestBrowserLoginChangePasswordLogout(t *testing.T) {
	ctx := browser(t)
	base, pw := demoServer(t)
	signIn(ctx, t, base, "demo-clerk", pw["demo-clerk"])
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("current"))); err != nil {
		t.Fatalf("no password page after a one-time password: %v", err)
	}
	if got := text(ctx, t, "p.notice"); !strings.Contains(got, "一次性口令") {
		t.Errorf("notice %q; want the one-time password notice", got)
	}
	const newPW = "Hk5!rWq8#zTm"
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("current"), pw["demo-clerk"]),
		chromedp.SendKeys(chromedp.ID("new"), newPW),
		chromedp.SendKeys(chromedp.ID("confirm"), newPW),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("ul.cards")),
	)
	if err != nil {
		t.Fatalf("change password: %v", err)
	}
	if got := text(ctx, t, "main h1"); got != "工作台" {
		t.Errorf("h1 %q; want 工作台", got)
	}
	if got := text(ctx, t, ".flash"); !strings.Contains(got, "口令已修改") {
		t.Errorf("flash %q", got)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/admin/logout"] button`)),
		chromedp.WaitVisible(chromedp.ID("login")),
	)
	if err != nil {
		t.Fatalf("logout: %v", err)
	}
	if got := text(ctx, t, ".flash"); !strings.Contains(got, "您已退出登录") {
		t.Errorf("after logout flash %q", got)
	}
	// The back office is closed again.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/")); err != nil {
		t.Fatal(err)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(url, "/admin/login") {
		t.Errorf("after logout /admin/ went to %s; want the login page", url)
	}
	// Sign in again with the new password: straight to the dashboard.
	signIn(ctx, t, base, "demo-clerk", newPW)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("ul.cards"))); err != nil {
		t.Fatalf("second sign-in: %v", err)
	}
}

// TestBrowserLockout: after 5 wrong passwords the right one is refused
// with exactly the same message (E-AUTH-02 a).
func TestBrowserLockout(t *testing.T) {
	ctx := browser(t)
	base, pw := demoServer(t)
	var first string
	for i := 0; i < 5; i++ {
		signIn(ctx, t, base, "demo-reviewer", "wrong-password")
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".errors"))); err != nil {
			t.Fatalf("attempt %d: no error: %v", i+1, err)
		}
		msg := text(ctx, t, ".errors")
		if first == "" {
			first = msg
		}
		if msg != first || !strings.Contains(msg, "登录名或口令错误") {
			t.Fatalf("attempt %d message %q; want %q", i+1, msg, first)
		}
	}
	signIn(ctx, t, base, "demo-reviewer", pw["demo-reviewer"])
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".errors"))); err != nil {
		t.Fatalf("locked account signed in: %v", err)
	}
	if got := text(ctx, t, ".errors"); got != first {
		t.Errorf("locked message %q; want the wrong-password message %q", got, first)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(url, "/admin/login") {
		t.Errorf("locked sign-in ended at %s", url)
	}
}

// TestBrowserAccessibilityBasics checks, on a phone-sized window, what a
// machine can check of WCAG 2.1 AA on each public and sign-in page: the
// page language, one h1, a label for every field, the skip link as the
// first stop of the keyboard, and no sideways scrolling.
func TestBrowserAccessibilityBasics(t *testing.T) {
	ctx := browser(t)
	base, _ := demoServer(t)
	const probe = `(() => {
		const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
		return {
			lang: document.documentElement.lang,
			h1: document.querySelectorAll('h1').length,
			unlabeled: fields.filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id),
			overflow: document.documentElement.scrollWidth > window.innerWidth,
		};
	})()`
	type result struct {
		Lang      string   `json:"lang"`
		H1        int      `json:"h1"`
		Unlabeled []string `json:"unlabeled"`
		Overflow  bool     `json:"overflow"`
	}
	for _, p := range []string{"/", "/catalog", "/apply", "/reports", "/admin/login", "/admin/bootstrap", "/?lang=en", "/?text=large"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[result](probe))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		wantLang := "zh-CN"
		if p == "/?lang=en" {
			wantLang = "en"
		}
		if res.Lang != wantLang || res.H1 != 1 || len(res.Unlabeled) > 0 || res.Overflow {
			t.Errorf("%s: %+v; want lang %s, one h1, no unlabeled field, no sideways scroll", p, res, wantLang)
		}
		// Back to Chinese, normal text, for the next page.
		_ = chromedp.Do(ctx, chromedp.Navigate(base+"/?lang=zh&text=normal"))
	}
	// The first Tab stop is the skip link, and it leads to <main>.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className + " " + document.activeElement.getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	if first != "skip #main" {
		t.Errorf("first Tab stop %q; want the skip link to #main", first)
	}
}
