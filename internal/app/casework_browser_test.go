package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// browserCaseTimeout bounds the walks below: several requests through
// every step on a loaded machine.
const browserCaseTimeout = 5 * time.Minute

// caseServer runs the request server with one more account, "office", a
// small office's 经办人, 审核人 and 负责人 in one, and registers an
// application received in person today with content; it returns the
// browser context, the base URL, the app, the agency and the request.
func caseServer(t *testing.T, content string) (context.Context, string, *App, agency.Agency, int64) {
	t.Helper()
	ctx := browserWithin(t, browserCaseTimeout)
	base, ag, app := requestServer(t)
	bg := context.Background()
	nu, otp, err := app.Auth.AddUser(bg, audit.CLI, auth.NewUser{AgencyID: ag.ID, Login: "office",
		Roles: []account.Role{account.Clerk, account.Reviewer, account.Head}})
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Auth.ChangePassword(bg, audit.CLI, nu.ID, otp, testPassword); err != nil {
		t.Fatal(err)
	}
	clerk := casework.Staffer{Subject: auth.NewSubject(nu, nil)}
	rc, _, err := app.Casework.Register(bg, clerk, casework.Registration{
		Application: casework.Application{AgencyID: ag.ID, ApplicantType: "natural_person", Name: "张三", IDNumber: "11010519491231002X",
			Phone: "13812345678", Address: "浙江省宁波市北仑区明州路1号", Content: content, Form: "电子", Delivery: casework.DeliveryPost},
		Submission: request.Submission{Channel: request.InPerson, Submitted: calendar.Of(time.Now().In(time.FixedZone("CST", 8*3600)))}})
	if err != nil {
		t.Fatal(err)
	}
	signIn(ctx, t, base, "office", testPassword)
	do(ctx, t, "signed in", chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	return ctx, base, app, ag, rc.RequestID
}

// answer takes request page from 办理中 to 已答复 with the draft fill: the
// draft, its submission, the review, the approval and the reply.
func answer(ctx context.Context, t *testing.T, page string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	do(ctx, t, "open "+page, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("actions")))
	step(ctx, t, "form-draft", fill...)
	for _, f := range []string{"form-submit", "form-review", "form-approve", "form-reply"} {
		step(ctx, t, f)
	}
	if got := text(ctx, t, "#state"); got != "已答复" {
		t.Fatalf("%s: state %q; want 已答复", page, got)
	}
}

// letterText opens letter kind of request page and returns its text.
func letterText(ctx context.Context, t *testing.T, page, kind string) string {
	t.Helper()
	do(ctx, t, "letter "+kind, chromedp.Navigate(page+"/letters/"+kind), chromedp.WaitVisible(chromedp.CSS(".letter")))
	return text(ctx, t, "body")
}

// TestBrowserSplitAnsweredDifferently: an application of two items is
// split (拆分登记, 一事一申请) on the request page; the item kept is
// disclosed and the new request is answered 本机关不掌握; each has its own
// reply letter naming its own item only.
func TestBrowserSplitAnsweredDifferently(t *testing.T) {
	items := []string{"2025年法律援助案件数量统计", "2025年本局公务用车购置费用"}
	ctx, base, app, ag, id := caseServer(t, "一、"+items[0]+"；二、"+items[1])
	page := base + "/admin/requests/" + strconv.FormatInt(id, 10)
	do(ctx, t, "open", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("form-split")))
	step(ctx, t, "form-split", chromedp.SetValue(chromedp.ID("split-items"), strings.Join(items, "\n")))
	recs, err := app.Store.ListRequests(context.Background(), casework.Filter{AgencyID: ag.ID})
	if err != nil || len(recs) != 2 {
		t.Fatalf("after the split: %d requests, %v; want 2", len(recs), err)
	}
	child := base + "/admin/requests/" + strconv.FormatInt(recs[1].ID, 10)
	if recs[1].Received != recs[0].Received || recs[1].Channel != recs[0].Channel {
		t.Errorf("the child %+v differs from the parent %+v in receipt date or channel", recs[1], recs[0])
	}
	for _, p := range []string{page, child} {
		do(ctx, t, "start "+p, chromedp.Navigate(p), chromedp.WaitVisible(chromedp.ID("form-start")))
		step(ctx, t, "form-start")
	}
	answer(ctx, t, page, chromedp.SetValue(chromedp.ID("draft-outcome"), "granted"),
		chromedp.SendKeys(chromedp.ID("draft-note"), "经检索，所申请信息予以公开。"))
	answer(ctx, t, child, chromedp.SetValue(chromedp.ID("draft-outcome"), "unavailable_not_held"),
		chromedp.SendKeys(chromedp.ID("draft-note"), "经检索本机关档案，未找到相关信息。"))
	for _, c := range []struct {
		page, mine, other string
		want              []string
	}{
		{page, items[0], items[1], []string{"予以公开"}},
		{child, items[1], items[0], []string{"政府信息不存在告知书", recs[1].Tracking}},
	} {
		s := letterText(ctx, t, c.page, "reply")
		if !strings.Contains(s, c.mine) || strings.Contains(s, c.other) {
			t.Errorf("the reply of %s names the wrong item:\n%s", c.page, s)
		}
		for _, w := range c.want {
			if !strings.Contains(s, w) {
				t.Errorf("the reply of %s lacks %q:\n%s", c.page, w, s)
			}
		}
	}
}

// TestBrowserThirdPartyOverruled: a third party consulted under 第三十二条
// objects; the agency discloses over the objection with its public-interest
// reasons; the third party gets a 决定公开告知书 with its remedies.
func TestBrowserThirdPartyOverruled(t *testing.T) {
	ctx, base, _, _, id := caseServer(t, "北仑区某某建设工程项目的中标合同")
	page := base + "/admin/requests/" + strconv.FormatInt(id, 10)
	party := "宁波某某建设有限公司"
	reason := "合同涉及财政资金使用，不公开可能对公共利益造成重大影响。"
	do(ctx, t, "open", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("form-start")))
	step(ctx, t, "form-start")
	step(ctx, t, "form-consult", chromedp.SendKeys(chromedp.ID("consult-party"), party),
		chromedp.SendKeys(chromedp.ID("consult-note"), "拟公开中标合同全文"))
	if got := text(ctx, t, "#state"); got != "征求意见中" {
		t.Errorf("state %q; want 征求意见中", got)
	}
	// The opinion has no default: the clerk must choose it.
	sel, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("consult_answered-opinion").value`))
	if err != nil || sel != "" {
		t.Errorf("the opinion drop-down preselects %q, %v; want no choice", sel, err)
	}
	step(ctx, t, "form-consult_answered", chromedp.SetValue(chromedp.ID("consult_answered-opinion"), "objected"),
		chromedp.SendKeys(chromedp.ID("consult_answered-note"), "涉及商业秘密，不同意公开"))
	answer(ctx, t, page, chromedp.SetValue(chromedp.ID("draft-outcome"), "granted"),
		chromedp.SendKeys(chromedp.ID("draft-note"), "经审查，决定予以公开。"),
		chromedp.SendKeys(chromedp.ID("draft-override"), reason))
	if got := text(ctx, t, "#letters"); !strings.Contains(got, "决定公开告知书") {
		t.Errorf("letters %q lack the 决定公开告知书", got)
	}
	s := letterText(ctx, t, page, "disclosure")
	for _, w := range []string{party, "决定公开", reason, "行政复议", "第三十二条"} {
		if !strings.Contains(s, w) {
			t.Errorf("the 决定公开告知书 lacks %q:\n%s", w, s)
		}
	}
}
