package app

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/config"
)

// requestServer runs the server (seededServer) seeded with 北仑区司法局 and
// its 经办人, 审核人 and 负责人 (password testPassword). It returns the base
// URL, the agency and the running App.
func requestServer(t *testing.T) (string, agency.Agency, *App) {
	t.Helper()
	var ag agency.Agency
	base, app := seededServer(t, func(ctx context.Context, a *App) error {
		var err error
		if ag, err = a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区司法局"}); err != nil {
			return err
		}
		if err := a.Store.SaveLetterSettings(ctx, testRemedies(ag.ID)); err != nil {
			return err
		}
		for _, login := range []string{"clerk", "reviewer", "head"} {
			if err := seedUser(ctx, a, ag.ID, login, account.Role(login)); err != nil {
				return err
			}
		}
		return nil
	})
	return base, ag, app
}

// seedUser adds an account with testPassword already chosen.
func seedUser(ctx context.Context, a *App, agencyID int64, login string, role account.Role) error {
	nu, otp, err := a.Auth.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: agencyID, Login: login, Roles: []account.Role{role}})
	if err != nil {
		return err
	}
	return a.Auth.ChangePassword(ctx, audit.CLI, nu.ID, otp, testPassword)
}

// seededServer runs `gongkai serve` in-process on 127.0.0.1 (a free port)
// on a fresh SQLite data directory, seeded by seed (with the fast test
// hash), and returns the base URL and the running App.
func seededServer(t *testing.T, seed func(ctx context.Context, a *App) error) (string, *App) {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	var app *App
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, cfg, ServeOptions{Options: Options{LoginBurst: 1000, LoginEvery: time.Millisecond},
			Demo: true, Out: io.Discard, Listening: func(a string) { addr <- a },
			Seed: func(ctx context.Context, a *App) (string, error) {
				app = a
				a.Auth.Settings.Hash = fastHash
				return "", seed(ctx, a)
			}})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case a := <-addr:
		return "http://" + a, app
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	return "", nil
}

// do runs browser actions and fails the test with what it was doing.
func do(ctx context.Context, t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// step submits one action form of the request page and waits for the
// page after the redirect.
func step(ctx context.Context, t *testing.T, form string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	actions := append([]chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.ID(form))}, fill...)
	do(ctx, t, "fill "+form, actions...)
	// An irreversible step asks for a confirmation (a required checkbox).
	confirm := "#" + form + " input[name=confirm]"
	if has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("`+confirm+`") !== null`)); err != nil {
		t.Fatalf("look for the confirmation: %v", err)
	} else if has {
		do(ctx, t, "confirm "+form, chromedp.Click(chromedp.CSS(confirm)))
	}
	// Mark the page, so that the flash waited for is the next page's.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.stale = "1", true`)); err != nil {
		t.Fatalf("mark page: %v", err)
	}
	do(ctx, t, "step "+form, chromedp.Click(chromedp.CSS("#"+form+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) p.flash")))
	if got := text(ctx, t, "p.flash"); !strings.Contains(got, "已办理") {
		t.Fatalf("after %s the flash is %q", form, got)
	}
}

// applyInBrowser applies on the portal as 张三 to agency for content,
// with the further choices in choose, and returns the receipt's tracking
// number and query code.
func applyInBrowser(ctx context.Context, t *testing.T, base string, agency int64, content string, choose ...chromedp.Action[chromedp.Void]) (string, string) {
	t.Helper()
	fill := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/apply"),
		chromedp.WaitVisible(chromedp.ID("content")),
		chromedp.SetValue(chromedp.ID("agency"), strconv.FormatInt(agency, 10)),
		chromedp.SendKeys(chromedp.ID("name"), "张三"),
		chromedp.SendKeys(chromedp.ID("id_number"), "11010519491231002X"),
		chromedp.SendKeys(chromedp.ID("phone"), "13812345678"),
		chromedp.SendKeys(chromedp.ID("content"), content),
	}
	do(ctx, t, "apply", append(append(fill, choose...), chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("query-code")))...)
	return text(ctx, t, "#tracking"), text(ctx, t, "#query-code")
}

// lookUp looks a request up on the portal with its tracking number and
// query code and waits for the element with id wait.
func lookUp(ctx context.Context, t *testing.T, base, tracking, code, wait string) {
	t.Helper()
	do(ctx, t, "lookup",
		chromedp.Navigate(base+"/apply/status"),
		chromedp.WaitVisible(chromedp.ID("tracking")),
		chromedp.SendKeys(chromedp.ID("tracking"), tracking),
		chromedp.SendKeys(chromedp.ID("code"), code),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID(wait)),
	)
}

func signOut(ctx context.Context, t *testing.T) {
	t.Helper()
	do(ctx, t, "sign out", chromedp.Click(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.ID("login")))
}

// TestBrowserRequestLifecycle: a citizen applies on the portal and gets a
// tracking number and query code; the 经办人 confirms the application and
// sends a 补正 notice; the correction comes in; the 经办人 asks for an
// extension and the 负责人 approves it; the 经办人 drafts a reply (予以公开), the
// 审核人 reviews it, the 负责人 approves it and the 经办人 sends it; the
// citizen looks the request up, reads the notices and opens the reply
// letter.
func TestBrowserRequestLifecycle(t *testing.T) {
	ctx := browser(t)
	base, ag, app := requestServer(t)

	// The citizen applies.
	tracking, code := applyInBrowser(ctx, t, base, ag.ID, "北仑区司法局2025年法律援助经费使用情况")
	if tracking == "" || len(code) != 10 {
		t.Fatalf("receipt: tracking %q code %q", tracking, code)
	}
	recs, err := app.Store.RequestsByTracking(context.Background(), tracking)
	if err != nil || len(recs) != 1 {
		t.Fatalf("request %s: %v", tracking, err)
	}
	page := base + "/admin/requests/" + strconv.FormatInt(recs[0].ID, 10)
	until := time.Now().AddDate(0, 0, 20).Format("2006-01-02")

	// The 经办人 finds it in the list, confirms it and asks for a correction.
	signIn(ctx, t, base, "clerk", testPassword)
	do(ctx, t, "list", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+"/admin/requests"),
		chromedp.WaitVisible(chromedp.ID("requests")))
	if got := text(ctx, t, "#requests"); !strings.Contains(got, tracking) || !strings.Contains(got, "待确认") || strings.Contains(got, "张三") {
		t.Errorf("list %q: want %s 待确认 with the name masked", got, tracking)
	}
	do(ctx, t, "open", chromedp.Click(chromedp.CSS("#requests a")), chromedp.WaitVisible(chromedp.ID("form-confirm")))
	step(ctx, t, "form-confirm")
	step(ctx, t, "form-request_correction", chromedp.SetValue(chromedp.ID("request_correction-until"), until),
		chromedp.SendKeys(chromedp.ID("request_correction-note"), "请写明所需信息的年度和文件名称"))
	if got := text(ctx, t, "#state"); got != "待补正" {
		t.Errorf("state %q; want 待补正", got)
	}
	step(ctx, t, "form-receive_correction")
	step(ctx, t, "form-start")
	// … and asks the 负责人 for an extension (条例第三十三条第二款).
	step(ctx, t, "form-request_extension", chromedp.SetValue(chromedp.ID("request_extension-days"), "10"),
		chromedp.SendKeys(chromedp.ID("request_extension-note"), "需要调取档案"))
	signOut(ctx, t)

	// The 负责人 approves the extension the 经办人 asked for.
	signIn(ctx, t, base, "head", testPassword)
	do(ctx, t, "head opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("extension-asked")))
	step(ctx, t, "form-extend")
	if got := text(ctx, t, "#events"); !strings.Contains(got, "承办人申请延期") || !strings.Contains(got, "负责人批准延期") || !strings.Contains(got, "10") {
		t.Errorf("history %q lacks the approved extension", got)
	}
	signOut(ctx, t)

	// The 经办人 drafts the reply and submits it for review.
	signIn(ctx, t, base, "clerk", testPassword)
	do(ctx, t, "clerk opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page))
	step(ctx, t, "form-draft", chromedp.SetValue(chromedp.ID("draft-outcome"), "granted"),
		chromedp.SendKeys(chromedp.ID("draft-note"), "经检索，所申请信息予以公开。"))
	step(ctx, t, "form-submit")
	signOut(ctx, t)

	// The 审核人 reviews, the 负责人 approves.
	signIn(ctx, t, base, "reviewer", testPassword)
	do(ctx, t, "reviewer opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page))
	step(ctx, t, "form-review")
	signOut(ctx, t)
	signIn(ctx, t, base, "head", testPassword)
	do(ctx, t, "head opens again", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page))
	step(ctx, t, "form-approve")
	signOut(ctx, t)

	// The 经办人 sends the reply.
	signIn(ctx, t, base, "clerk", testPassword)
	do(ctx, t, "clerk opens again", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page))
	step(ctx, t, "form-reply")
	if got := text(ctx, t, "#state"); got != "已答复" {
		t.Errorf("state %q; want 已答复", got)
	}
	signOut(ctx, t)

	// The citizen looks the request up.
	lookUp(ctx, t, base, tracking, code, "notices")
	if got := text(ctx, t, "#state"); got != "已答复" {
		t.Errorf("public state %q; want 已答复", got)
	}
	if got := text(ctx, t, "#outcome"); got != "予以公开" {
		t.Errorf("public outcome %q; want 予以公开", got)
	}
	notices := text(ctx, t, "#notices")
	for _, want := range []string{"补正", "延长", "答复：予以公开"} {
		if !strings.Contains(notices, want) {
			t.Errorf("notices lack %q:\n%s", want, notices)
		}
	}
	body := text(ctx, t, "main")
	for _, secret := range []string{"11010519491231002X", "13812345678", "张三"} {
		if strings.Contains(body, secret) {
			t.Errorf("public page shows %q", secret)
		}
	}

	// … and opens the reply letter.
	do(ctx, t, "reply letter", chromedp.Click(chromedp.ID("letter-reply")), chromedp.WaitVisible(chromedp.CSS(".letter")))
	letterText := text(ctx, t, "body")
	for _, want := range []string{"政府信息公开告知书", "张三", "予以公开", "行政复议"} {
		if !strings.Contains(letterText, want) {
			t.Errorf("reply letter lacks %q:\n%s", want, letterText)
		}
	}
	if strings.Contains(letterText, "11010519491231002X") {
		t.Error("reply letter shows the ID number")
	}
}
