package app

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPublicAccount: a person registers on the portal, signs in, finds the
// application form filled with their name and e-mail, applies, follows
// the receipt's link to 我的申请 and opens the request without its code;
// the public sign-in does not open the back office; they sign out.
func TestBrowserPublicAccount(t *testing.T) {
	ctx := browser(t)
	base, ag, _ := requestServer(t)

	do(ctx, t, "register",
		chromedp.Navigate(base+"/account/register"),
		chromedp.WaitVisible(chromedp.ID("password2")),
		chromedp.SendKeys(chromedp.ID("login"), "zhangsan@example.cn"),
		chromedp.SendKeys(chromedp.ID("name"), "张三"),
		chromedp.SendKeys(chromedp.ID("password"), publicPassword),
		chromedp.SendKeys(chromedp.ID("password2"), publicPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("p.flash")),
	)
	// Registering never signs in (the page is the same for a taken login).
	do(ctx, t, "sign in",
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), "zhangsan@example.cn"),
		chromedp.SendKeys(chromedp.ID("password"), publicPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("account-login")),
	)
	do(ctx, t, "apply",
		chromedp.Navigate(base+"/apply"),
		chromedp.WaitVisible(chromedp.ID("account-note")),
	)
	name, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("name")))
	if err != nil || name != "张三" {
		t.Fatalf("pre-filled name %q, %v", name, err)
	}
	do(ctx, t, "submit",
		chromedp.SetValue(chromedp.ID("agency"), strconv.FormatInt(ag.ID, 10)),
		chromedp.SendKeys(chromedp.ID("id_number"), "11010519491231002X"),
		chromedp.SendKeys(chromedp.ID("content"), "北仑区司法局2025年法律援助经费使用情况"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("account-linked")),
	)
	tracking := text(ctx, t, "#tracking")
	do(ctx, t, "my requests", chromedp.Click(chromedp.CSS("#account-linked a")), chromedp.WaitVisible(chromedp.ID("requests")))
	do(ctx, t, "status", chromedp.Click(chromedp.CSS("#requests tbody a")), chromedp.WaitVisible(chromedp.ID("state")))
	if got := text(ctx, t, "#tracking"); got != tracking {
		t.Fatalf("status page of %q; want %q", got, tracking)
	}
	do(ctx, t, "back office", chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(chromedp.ID("login")))
	if path, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname")); err != nil || path != "/admin/login" {
		t.Fatalf("a public session opened %q (%v); want the staff sign-in page", path, err)
	}
	do(ctx, t, "sign out",
		chromedp.Navigate(base+"/account"),
		chromedp.WaitVisible(chromedp.ID("requests")),
		chromedp.Click(chromedp.CSS(`form[action="/account/logout"] button`)),
		chromedp.WaitVisible(chromedp.ID("login")),
	)
	if path, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname")); err != nil || path != "/account/login" {
		t.Fatalf("after sign-out at %q (%v); want /account/login", path, err)
	}
}
