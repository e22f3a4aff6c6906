package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ooxml"
)

// catStep submits the form of one workflow step on a catalogue item page
// (its action ends in /steps/ACTION) after fill, and waits for the next
// page: the item again, with the flash or the reason the step was refused.
func catStep(ctx context.Context, t *testing.T, action string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	form := `form[action$="/steps/` + action + `"]`
	do(ctx, t, "fill "+action, append([]chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(form))}, fill...)...)
	submitToPage(ctx, t, action, form+` button[type=submit]`)
}

// submitToPage clicks a submit button and waits for the next page's h1.
func submitToPage(ctx context.Context, t *testing.T, what, button string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.stale = "1", true`)); err != nil {
		t.Fatalf("mark page: %v", err)
	}
	do(ctx, t, what, chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) main h1")))
}

// upload puts a file into the file field of form id and submits it.
func upload(ctx context.Context, t *testing.T, form, field, path string) {
	t.Helper()
	do(ctx, t, "choose "+path, chromedp.WaitVisible(chromedp.ID(form)), chromedp.SetUploadFiles(chromedp.ID(field), []string{path}))
	submitToPage(ctx, t, "upload "+path, "#"+form+" button[type=submit]")
	if errs := text(ctx, t, "main"); strings.Contains(errs, "无法") || strings.Contains(errs, "不能") {
		t.Fatalf("upload %s refused: %s", path, errs)
	}
}

// get fetches a public URL and returns its body.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

// TestBrowserCatalogPublication is #8's "done when" in a browser: the
// 经办人 drafts an item, uploads a Word file as its body and an attachment
// holding an ID number, and submits it; the 审核人 sees the finding and
// passes the 保密审查; the 负责人 is offered no signature while the finding
// stands, and a signature posted anyway is refused; then either the 负责人 overrides it with a reason, or the item
// goes back and the 经办人 replaces the file, which the new scan finds
// clean. Either way the item is published: it is in its column, the
// agency's Atom feed and GET /api/v1/items, and a citizen reads it on a
// phone-sized window without sideways scrolling.
func TestBrowserCatalogPublication(t *testing.T) {
	for _, tc := range []struct {
		name     string
		override bool
	}{{"the head overrides", true}, {"the clerk replaces the file", false}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browser(t)
			base, ag, app := requestServer(t)
			if err := app.Catalog.SetProfile(context.Background(), audit.CLI, catalog.Profile{AgencyID: ag.ID,
				CreditCode: "11330206002882367P", Level: catalog.LevelCounty}, ag.Name); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			title := "北仑区2025年人民调解员聘任公告"
			word := filepath.Join(dir, "聘任公告.docx")
			writeDOCX(t, word, "经研究，决定聘任下列同志为北仑区人民调解员。", "聘期三年，自公告之日起计算。")
			list := filepath.Join(dir, "调解员名单.txt")
			if err := os.WriteFile(list, []byte("王五 大碶街道 身份证号 110101199003077571\n"), 0o600); err != nil {
				t.Fatal(err)
			}

			// The 经办人 drafts the item, takes its body from Word and
			// attaches the list.
			signIn(ctx, t, base, "clerk", testPassword)
			do(ctx, t, "new item", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+"/admin/catalog/new"),
				chromedp.WaitVisible(chromedp.ID("title")),
				chromedp.SendKeys(chromedp.ID("title"), title),
				chromedp.SetValue(chromedp.ID("category"), "other"),
				chromedp.SetValue(chromedp.ID("doc_type"), "notice"),
				chromedp.SetValue(chromedp.ID("formed_on"), time.Now().In(catalog.CST).Format("2006-01-02")),
				chromedp.SendKeys(chromedp.ID("summary"), "公布2025年聘任的人民调解员"))
			submitToPage(ctx, t, "save the draft", `main form button[type=submit]`)
			url, err := chromedp.Run(ctx, chromedp.Location())
			if err != nil || !strings.Contains(url, "/admin/catalog/") {
				t.Fatalf("after saving: %q %v", url, err)
			}
			item := url[strings.Index(url, "/admin/catalog/"):]
			upload(ctx, t, "word-body", "word", word)
			if got := text(ctx, t, "#body"); !strings.Contains(got, "决定聘任下列同志") || !strings.Contains(got, "聘期三年") {
				t.Fatalf("body after the Word upload: %q", got)
			}
			upload(ctx, t, "attach", "file", list)
			if got := text(ctx, t, "#attachments"); !strings.Contains(got, "调解员名单.txt") {
				t.Fatalf("attachments: %q", got)
			}
			catStep(ctx, t, "submit")
			signOut(ctx, t)

			// The 审核人 sees the finding and passes the checklist.
			signIn(ctx, t, base, "reviewer", testPassword)
			do(ctx, t, "reviewer opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+item),
				chromedp.WaitVisible(chromedp.ID("findings")))
			if got := text(ctx, t, "#findings"); !strings.Contains(got, "id_card") || !strings.Contains(got, "调解员名单.txt") ||
				strings.Contains(got, "110101199003077571") {
				t.Errorf("findings %q; want the masked ID number in the list", got)
			}
			if got := text(ctx, t, "#blocked"); got == "" {
				t.Error("the page does not say the finding blocks publication")
			}
			_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll('#review input[type=checkbox]').forEach(c => c.checked = true), true`))
			if err != nil {
				t.Fatal(err)
			}
			catStep(ctx, t, "review")
			signOut(ctx, t)

			// The 负责人 cannot sign while the finding stands.
			signIn(ctx, t, base, "head", testPassword)
			do(ctx, t, "head opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+item))
			do(ctx, t, "head sees the block", chromedp.WaitVisible(chromedp.ID("blocked")))
			blocked, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`Promise.all([
				document.querySelector('form[action$="/steps/sign"]') === null,
				fetch(location.pathname + "/steps/sign", {method: "POST", body: new URLSearchParams({confirm: "1"})}).then(r => r.status)])`, chromedp.EvalAwaitPromise))
			if err != nil || len(blocked) != 2 || blocked[0] != true || blocked[1] != float64(http.StatusBadRequest) {
				t.Fatalf("signing over the finding: %v (%v); want no sign form and the POST refused with 400", blocked, err)
			}
			if tc.override {
				catStep(ctx, t, "override", chromedp.SendKeys(chromedp.ID("override-note"), "调解员身份信息依规公示，已征得本人同意"))
			} else {
				// … sends it back; the 经办人 replaces the file with one
				// that masks the number and submits again.
				catStep(ctx, t, "return", chromedp.SendKeys(chromedp.ID("note-return"), "附件含身份证号，请脱敏后重新上传"))
				signOut(ctx, t)
				if err := os.WriteFile(list, []byte("王五 大碶街道\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				signIn(ctx, t, base, "clerk", testPassword)
				do(ctx, t, "clerk opens again", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+item))
				upload(ctx, t, "attach", "file", list)
				catStep(ctx, t, "submit")
				if got := text(ctx, t, "main"); !strings.Contains(got, "未发现") {
					t.Errorf("after the new file the scan still finds: %q", text(ctx, t, "#findings"))
				}
				signOut(ctx, t)
				signIn(ctx, t, base, "reviewer", testPassword)
				do(ctx, t, "reviewer opens again", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+item),
					chromedp.WaitVisible(chromedp.ID("review")))
				_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll('#review input[type=checkbox]').forEach(c => c.checked = true), true`))
				catStep(ctx, t, "review")
				signOut(ctx, t)
				signIn(ctx, t, base, "head", testPassword)
				do(ctx, t, "head opens again", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(base+item))
			}
			catStep(ctx, t, "sign", chromedp.Click(chromedp.ID("sign-confirm")))
			if got := text(ctx, t, "#state"); got != "已发布" {
				t.Fatalf("state %q; want 已发布 (%s)", got, text(ctx, t, "main"))
			}
			index := text(ctx, t, "#meta tbody tr:first-child td")
			if !strings.HasPrefix(index, "11330206002882367P/") {
				t.Fatalf("索引号 %q", index)
			}
			signOut(ctx, t)

			// In its column, the feed and the API.
			zl := base + "/catalog/agencies/" + strconv.FormatInt(ag.ID, 10)
			for what, body := range map[string]string{
				"column": get(t, zl+"/items?column=other"),
				"feed":   get(t, zl+"/feed.atom"),
				"api":    get(t, base+"/api/v1/items?agency="+strconv.FormatInt(ag.ID, 10)),
			} {
				if !strings.Contains(body, title) || !strings.Contains(body, index) {
					t.Errorf("%s lacks the item %s %s", what, index, title)
				}
			}

			// A citizen reads it on a phone (390×844 CSS pixels, mobile:
			// headless Chromium's window is never narrower than 500).
			do(ctx, t, "citizen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)),
				chromedp.Navigate(zl+"/items?column=other"), chromedp.WaitVisible(chromedp.CSS("main table")),
				chromedp.Click(chromedp.CSS(`main table a[lang="zh-CN"]`)), chromedp.WaitVisible(chromedp.ID("item-title")))
			if got := text(ctx, t, "#item-title"); got != title {
				t.Errorf("item page title %q", got)
			}
			body := text(ctx, t, "main")
			for _, want := range []string{"决定聘任下列同志", index, "调解员名单.txt"} {
				if !strings.Contains(body, want) {
					t.Errorf("item page lacks %q", want)
				}
			}
			phone, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[window.innerWidth, document.documentElement.scrollWidth]`))
			if err != nil || phone[0] > 420 || phone[1] > phone[0] {
				t.Errorf("phone layout: width %v (%v); want a phone window and no sideways scroll", phone, err)
			}
		})
	}
}

// writeDOCX writes a Word file with one paragraph per text.
func writeDOCX(t *testing.T, path string, paras ...string) {
	t.Helper()
	d := ooxml.NewDocument()
	for _, p := range paras {
		d.Para(ooxml.Para{Text: p})
	}
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}
