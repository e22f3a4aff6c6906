package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// submitAndWait clicks a form's submit button and waits for the flash
// of the page after the redirect.
func submitAndWait(ctx context.Context, t *testing.T, button string) string {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.stale = "1", true`)); err != nil {
		t.Fatalf("mark page: %v", err)
	}
	do(ctx, t, "submit "+button, chromedp.Click(chromedp.CSS(button)),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) p.flash")))
	return text(ctx, t, "p.flash")
}

// TestBrowserAnnualReport: the 经办人 enters table 二, the text and the
// date of 北仑区司法局's report; the 负责人 sees no errors and publishes
// it; a citizen finds it on the portal's 年度报告 page and reads it.
func TestBrowserAnnualReport(t *testing.T) {
	ctx := browser(t)
	base, ag, _ := requestServer(t)
	y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
	page := base + "/admin/requests/report?agency=" + strconv.FormatInt(ag.ID, 10) + "&year=" + strconv.Itoa(y)

	signIn(ctx, t, base, "clerk", testPassword)
	do(ctx, t, "open the editor", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("report-form")))
	fill := []chromedp.Action[chromedp.Void]{}
	for _, f := range []string{"reg_issued", "reg_repealed", "reg_in_force", "norm_issued", "norm_repealed", "norm_in_force", "licensing", "penalty", "coercion", "fees"} {
		fill = append(fill, chromedp.SetValue(chromedp.ID("f-"+f), "0"))
	}
	fill = append(fill, chromedp.SetValue(chromedp.ID("f-norm_issued"), "1"), chromedp.SetValue(chromedp.ID("f-norm_in_force"), "1"),
		chromedp.SendKeys(chromedp.ID("f-overview"), "本机关认真贯彻落实政府信息公开条例。"),
		chromedp.SendKeys(chromedp.ID("f-problems"), "公开的及时性有待提高。"),
		chromedp.SendKeys(chromedp.ID("f-other"), "无。"),
		chromedp.SetValue(chromedp.ID("f-date"), strconv.Itoa(y+1)+"-01-20"))
	do(ctx, t, "fill the form", fill...)
	if got := submitAndWait(ctx, t, "#save"); !strings.Contains(got, "已保存") {
		t.Fatalf("flash after saving %q", got)
	}
	if got := text(ctx, t, "#findings-count"); !strings.Contains(got, "错误：0") {
		t.Errorf("findings %q; want no errors", got)
	}
	signOut(ctx, t)

	signIn(ctx, t, base, "head", testPassword)
	do(ctx, t, "head opens", chromedp.WaitVisible(chromedp.CSS("ul.cards")), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("publish")))
	if got := submitAndWait(ctx, t, "#publish"); !strings.Contains(got, "已发布") {
		t.Fatalf("flash after publishing %q", got)
	}
	if got := text(ctx, t, "#report-status"); !strings.Contains(got, "已发布") || !strings.Contains(got, "head") {
		t.Errorf("status %q; want published by head", got)
	}
	signOut(ctx, t)

	do(ctx, t, "portal list", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.ID("published")),
		chromedp.Click(chromedp.CSS("#published a")), chromedp.WaitVisible(chromedp.ID("report")))
	body := text(ctx, t, "#report")
	for _, want := range []string{"北仑区司法局" + strconv.Itoa(y) + "年度政府信息公开工作年度报告", "本机关认真贯彻落实政府信息公开条例", "主动公开政府信息情况"} {
		if !strings.Contains(body, want) {
			t.Errorf("published report lacks %q", want)
		}
	}
}
