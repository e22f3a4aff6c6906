package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fetchForm submits the form sel of the page with fetch, as the browser
// would (same fields, same cookies), and returns the status, the
// Content-Disposition and the body: how the test "downloads" a file the
// page offers without a download directory.
func fetchForm(ctx context.Context, t *testing.T, sel string) (status int, disposition, body string) {
	t.Helper()
	js := `(async () => { const f = document.querySelector(` + strconv.Quote(sel) + `);
		const r = await fetch(f.action, {method: "POST", body: new URLSearchParams(new FormData(f))});
		return [String(r.status), r.headers.get("Content-Disposition") || "", await r.text()]; })()`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil || len(out) != 3 {
		t.Fatalf("fetch %s: %v", sel, err)
	}
	n, _ := strconv.Atoi(out[0])
	return n, out[1], out[2]
}

// TestBrowserPartialRelease: a citizen applies for information to be
// fetched online (网上获取) and reloads the receipt (the same tracking
// number, nothing filed again); the 经办人 uploads the redacted file and
// drafts 部分公开 with the part withheld and its ground, and the draft
// letter carries the 草稿 mark; the 审核人 reviews, the 负责人 approves, the
// 经办人 sends the reply; the citizen looks the request up and downloads
// the reply letter (Word, named by tracking number and kind; the page
// without the mark) and the released file from the status page.
func TestBrowserPartialRelease(t *testing.T) {
	ctx := browserWithin(t, 4*time.Minute)
	base, ag, app := requestServer(t)
	pdf := filepath.Join(t.TempDir(), "统计表（遮盖后）.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 redacted statistics"), 0o600); err != nil {
		t.Fatal(err)
	}

	// The citizen applies, to fetch the information online, and reloads
	// the receipt.
	tracking, code := applyInBrowser(ctx, t, base, ag.ID, "北仑区司法局2025年法律援助案件统计表",
		chromedp.Click(chromedp.CSS(`input[name=delivery][value="网上获取"]`)))
	do(ctx, t, "reload the receipt", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("query-code")))
	if got := text(ctx, t, "#tracking"); got != tracking || text(ctx, t, "#query-code") != code {
		t.Errorf("reloaded receipt shows %s; want %s with the same code", got, tracking)
	}
	recs, err := app.Store.RequestsByTracking(context.Background(), tracking)
	if err != nil || len(recs) != 1 {
		t.Fatalf("request %s: %d stored, %v; want 1", tracking, len(recs), err)
	}
	page := base + "/admin/requests/" + strconv.FormatInt(recs[0].ID, 10)

	// The 经办人 confirms, starts, uploads the redacted file and drafts
	// 部分公开.
	signIn(ctx, t, base, "clerk", testPassword)
	do(ctx, t, "clerk opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("form-confirm")))
	step(ctx, t, "form-confirm")
	step(ctx, t, "form-start")
	step(ctx, t, "form-release", chromedp.SetUploadFiles(chromedp.ID("release-file"), []string{pdf}))
	if got := text(ctx, t, "#released"); !strings.Contains(got, "统计表（遮盖后）.pdf") {
		t.Fatalf("released files %q", got)
	}
	step(ctx, t, "form-draft", chromedp.SetValue(chromedp.ID("draft-outcome"), "partially_granted"),
		chromedp.SetValue(chromedp.ID("draft-withheld"), "受援人姓名、住址栏"),
		chromedp.SetValue(chromedp.ID("draft-ground"), "withheld_third_party"),
		chromedp.SetValue(chromedp.ID("draft-note"), "该部分内容涉及受援人个人隐私，公开会损害其合法权益。"))
	do(ctx, t, "draft letter", chromedp.Navigate(page+"/letters/reply"), chromedp.WaitVisible(chromedp.CSS(".letter")))
	if got := text(ctx, t, "#draft-mark"); got != "草稿" {
		t.Errorf("draft letter mark %q; want 草稿", got)
	}
	do(ctx, t, "back", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("form-submit")))
	step(ctx, t, "form-submit")
	signOut(ctx, t)

	// The 审核人 reviews, the 负责人 approves, the 经办人 sends the reply.
	for _, s := range []struct{ login, form string }{{"reviewer", "form-review"}, {"head", "form-approve"}, {"clerk", "form-reply"}} {
		signIn(ctx, t, base, s.login, testPassword)
		do(ctx, t, s.login+" opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page))
		step(ctx, t, s.form)
		signOut(ctx, t)
	}

	// The citizen looks the request up and downloads the letter and the
	// released file.
	lookUp(ctx, t, base, tracking, code, "released")
	if got := text(ctx, t, "#outcome"); !strings.HasPrefix(got, "部分公开") {
		t.Errorf("public outcome %q; want 部分公开", got)
	}
	st, disp, body := fetchForm(ctx, t, `#released form`)
	if st != 200 || body != "%PDF-1.4 redacted statistics" || !strings.Contains(disp, "attachment;") {
		t.Errorf("released file: %d %q %q", st, disp, body)
	}
	st, disp, body = fetchForm(ctx, t, `#letters form:has(input[name=format][value=docx])`)
	if want := "filename*=UTF-8''" + tracking; st != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(disp, want) {
		t.Errorf("reply letter (Word): %d, Content-Disposition %q; want a DOCX named %s-…", st, disp, tracking)
	}
	do(ctx, t, "reply letter", chromedp.Click(chromedp.ID("letter-reply")), chromedp.WaitVisible(chromedp.CSS(".letter")))
	letter := text(ctx, t, "body")
	for _, want := range []string{"政府信息部分公开告知书", "受援人姓名、住址栏", "第十五条", "下载"} {
		if !strings.Contains(letter, want) {
			t.Errorf("reply letter lacks %q:\n%s", want, letter)
		}
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".draft-mark").length`)); err != nil || n != 0 {
		t.Errorf("the letter sent carries the draft mark (%d, %v)", n, err)
	}
}
