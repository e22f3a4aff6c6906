package app

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// applyForm is a valid application of a natural person to 北仑区司法局.
func applyForm(f *fixture) url.Values {
	return url.Values{"agency": {strconv.FormatInt(f.agencies["justice"].ID, 10)}, "type": {"natural_person"},
		"name": {"张三"}, "id_number": {"11010519491231002X"}, "phone": {"13812345678"}, "address": {"浙江省宁波市北仑区明州路1号"},
		"content": {"北仑区司法局2025年法律援助经费使用情况"}, "form": {"电子"}, "delivery": {"电子邮件"}}
}

var (
	reTracking = regexp.MustCompile(`id="tracking">([^<]+)<`)
	reCode     = regexp.MustCompile(`id="query-code">([^<]+)<`)
)

// submitOnPortal files an application anonymously and returns its id,
// tracking number and query code.
func submitOnPortal(t *testing.T, f *fixture) (id int64, tracking, code string) {
	t.Helper()
	return submitForm(t, f, applyForm(f))
}

// submitForm files the application form v anonymously and returns the
// request's id, tracking number and query code.
func submitForm(t *testing.T, f *fixture, v url.Values) (id int64, tracking, code string) {
	t.Helper()
	resp := f.do(f.client(), "POST", "/apply", v.Encode(), nil)
	if resp.status != 200 {
		t.Fatalf("submit: status %d\n%s", resp.status, clip(resp.body))
	}
	if resp.header.Get("Cache-Control") != "no-store" {
		t.Errorf("receipt Cache-Control %q; want no-store", resp.header.Get("Cache-Control"))
	}
	m1, m2 := reTracking.FindStringSubmatch(resp.body), reCode.FindStringSubmatch(resp.body)
	if m1 == nil || m2 == nil {
		t.Fatalf("receipt lacks tracking number or query code\n%s", clip(resp.body))
	}
	recs, err := f.app.Store.RequestsByTracking(context.Background(), m1[1])
	if err != nil {
		t.Fatalf("request %s: %v", m1[1], err)
	}
	for _, r := range recs {
		if r.AgencyID == f.agencies["justice"].ID {
			return r.ID, m1[1], m2[1]
		}
	}
	t.Fatalf("request %s of 北仑区司法局 not found", m1[1])
	return 0, "", ""
}

// TestRequestScenarios takes a request submitted on the portal through
// confirmation, 补正, an extension approved by the 负责人, draft, review,
// approval and reply, checking on the way who may see and do what —
// a clerk of another agency gets "not found" for the same id — and that
// the applicant sees the outcome and the notices but no personal data.
func TestRequestScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, tracking, code := submitOnPortal(t, f)
		today := calendar.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
		req := strconv.FormatInt(id, 10)
		f.names["req"], f.names["tracking"], f.names["code"] = req, tracking, url.QueryEscape(code)
		f.names["today"], f.names["later"] = today.String(), today.AddDays(20).String()
		steps := "/admin/requests/{req}/steps/"
		scs := []scenario{
			{name: "list shows the new submission masked", as: "clerk", method: "GET", url: "/admin/requests", status: 200,
				want: []string{"{tracking}", "待确认", "张＊"}, notWant: []string{"11010519491231002X", "13812345678"}},
			{name: "other agency's clerk: not found", as: "clerk2", method: "GET", url: "/admin/requests/{req}", status: 404, notWant: []string{"北仑区司法局2025年"}},
			{name: "other agency's clerk cannot confirm", as: "clerk2", method: "POST", url: steps + "confirm", status: 404},
			{name: "other agency's clerk cannot reveal", as: "clerk2", method: "POST", url: "/admin/requests/{req}/reveal", body: "reason=x", status: 404},
			{name: "other agency's list does not show it", as: "clerk2", method: "GET", url: "/admin/requests", status: 200, notWant: []string{`href="/admin/requests/{req}"`}},
			{name: "other agency's clerk cannot pick the agency", as: "clerk2", method: "GET", url: "/admin/requests?agency={justice}", status: 200, notWant: []string{`href="/admin/requests/{req}"`}},
			{name: "supervisor reads without forms", as: "supervisor", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{"{tracking}", "1101"}, notWant: []string{`id="form-confirm"`, "11010519491231002X", `action="/admin/requests/{req}/reveal"`}},
			{name: "supervisor cannot act", as: "supervisor", method: "POST", url: steps + "confirm", status: 403},
			{name: "reviewer cannot confirm", as: "reviewer", method: "POST", url: steps + "confirm", status: 403, want: []string{"承办人"}},
			{name: "clerk confirms", as: "clerk", method: "POST", url: steps + "confirm", body: "on={today}", status: 303, location: "/admin/requests/{req}"},
			{name: "registered with explanation", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{"已登记", `id="explanation"`, `id="form-request_correction"`, `id="due"`}},
			{name: "bad date refused", as: "clerk", method: "POST", url: steps + "request_correction", body: "on=2026-13-40", status: 400, want: []string{"YYYY-MM-DD"}},
			{name: "补正 notice", as: "clerk", method: "POST", url: steps + "request_correction", body: "on={today}&until={later}&note=请写明文件名称", status: 303},
			{name: "clock stopped", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200, want: []string{"待补正", `id="form-receive_correction"`}},
			{name: "correction received", as: "clerk", method: "POST", url: steps + "receive_correction", body: "on={today}", status: 303},
			{name: "start", as: "clerk", method: "POST", url: steps + "start", body: "on={today}", status: 303},
			{name: "consult a third party", as: "clerk", method: "POST", url: steps + "consult", body: "on={today}&kind=third_party&party=宁波某某律师事务所&note=涉及第三方信息", status: 303},
			{name: "third-party letter", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/third_party", status: 200,
				want: []string{"第三方意见征询书", "宁波某某律师事务所", "第三十二条"}, notWant: []string{"张三"}},
			{name: "consultation answered", as: "clerk", method: "POST", url: steps + "consult_answered", body: "on={today}&note=同意公开&opinion=agreed", status: 303},
			{name: "clerk may ask for an extension, not grant it", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`id="form-request_extension"`, "第三十三条第二款"}, notWant: []string{`id="form-extend"`}},
			{name: "clerk cannot extend", as: "clerk", method: "POST", url: steps + "extend", body: "on={today}&days=10&note=x&confirm=1", status: 403},
			{name: "clerk asks for an extension", as: "clerk", method: "POST", url: steps + "request_extension", body: "on={today}&days=10&note=需要调取档案", status: 303},
			{name: "head sees the pending request", as: "head", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`id="extension-asked"`, "需要调取档案", `id="form-extend"`, `id="form-refuse_extension"`}},
			{name: "the extension needs the confirmation", as: "head", method: "POST", url: steps + "extend", body: "on={today}", status: 400, want: []string{"请勾选确认"}},
			{name: "head approves the extension", as: "head", method: "POST", url: steps + "extend", body: "on={today}&confirm=1", status: 303},
			{name: "draft needs an outcome", as: "clerk", method: "POST", url: steps + "draft", body: "on={today}", status: 400, want: []string{"办理结果"}},
			{name: "clerk drafts", as: "clerk", method: "POST", url: steps + "draft", body: "on={today}&outcome=granted&note=经检索，予以公开", status: 303},
			{name: "submit for review", as: "clerk", method: "POST", url: steps + "submit", body: "on={today}", status: 303},
			{name: "head sees approve", as: "head", method: "GET", url: "/admin/requests/{req}", status: 200, want: []string{`id="form-approve"`, "审核中"}},
			{name: "reviewer reviews", as: "reviewer", method: "POST", url: steps + "review", body: "on={today}&result=ok&note=同意", status: 303},
			{name: "review recorded", as: "head", method: "GET", url: "/admin/requests/{req}", status: 200, want: []string{`id="reviewed"`, "reviewer"}},
			{name: "head approves", as: "head", method: "POST", url: steps + "approve", body: "on={today}", status: 303},
			{name: "clerk sends the reply", as: "clerk", method: "POST", url: steps + "reply", body: "on={today}&confirm=1", status: 303},
			{name: "replied", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{"已答复", `id="outcome"`, "予以公开", "承办人申请延期", "负责人批准延期", "审核通过", "延长 10 个工作日", `id="form-close"`}},
			{name: "form tells how personal data is handled (PIPL 第十七条)", method: "GET", url: "/apply", status: 200,
				want: []string{`id="pipl-notice"`, "个人信息保护法"}},
			{name: "applicant sees the reply", method: "POST", url: "/apply/status", body: "tracking={tracking}&code={code}", status: 200,
				want: []string{"已答复", "予以公开", "补正", "延长 10 个工作日"}, notWant: []string{"11010519491231002X", "13812345678", "明州路"}},
			{name: "staff print the reply letter", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/reply", status: 200,
				want: []string{"政府信息公开告知书", "张三", "第三十六条", "行政复议"}, notWant: []string{"11010519491231002X"}},
			{name: "staff print the 补正 notice", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/correction", status: 200,
				want: []string{"补正告知书", "请写明文件名称", "第三十条"}},
			{name: "staff print the extension notice", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/extension", status: 200,
				want: []string{"延期答复告知书", "10个工作日"}},
			{name: "reply letter as Word", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/reply?format=docx", status: 200, want: []string{"PK"}},
			{name: "other agency cannot print it", as: "clerk2", method: "GET", url: "/admin/requests/{req}/letters/reply", status: 404, notWant: []string{"张三"}},
			{name: "applicant reads the reply letter", method: "POST", url: "/apply/status/letter", body: "tracking={tracking}&code={code}&kind=reply", status: 200,
				want: []string{"政府信息公开告知书", "予以公开"}, notWant: []string{"11010519491231002X", "13812345678"}},
			{name: "applicant cannot read the third-party letter", method: "POST", url: "/apply/status/letter", body: "tracking={tracking}&code={code}&kind=third_party", status: 404},
			{name: "letter needs the code", method: "POST", url: "/apply/status/letter", body: "tracking={tracking}&code=AAAAAAAAAA&kind=reply", status: 404},
			{name: "wrong code", method: "POST", url: "/apply/status", body: "tracking={tracking}&code=AAAAAAAAAA", status: 404, notWant: []string{"已答复"}},
			{name: "reveal needs a reason", as: "clerk", method: "POST", url: "/admin/requests/{req}/reveal", body: "reason=", status: 400},
			{name: "reveal", as: "clerk", method: "POST", url: "/admin/requests/{req}/reveal", body: "reason=电话联系申请人", status: 200,
				want: []string{"11010519491231002X", "13812345678", "审计日志"}},
			{name: "reveal is audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=request.reveal", status: 200, want: []string{"request.reveal", "电话联系申请人"}},
			{name: "record a review case", as: "clerk", method: "POST", url: "/admin/requests/{req}/appeals", body: "kind=review&filed={today}&note=申请人申请复议", status: 303},
			{name: "review case shown", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200, want: []string{"行政复议", "尚未审结"}},
			{name: "other agency cannot record a case", as: "clerk2", method: "POST", url: "/admin/requests/{req}/appeals", body: "kind=review&filed={today}", status: 404},
			{name: "compiled report links cells", as: "clerk", method: "GET", url: "/admin/requests/report?year=" + strconv.Itoa(today.Year()), status: 200,
				want: []string{`id="table3"`, `id="table4"`, "/admin/requests/report/cell?", "人工填报"}},
			{name: "cell lists the request", as: "clerk", method: "GET", url: "/admin/requests/report/cell?year=" + strconv.Itoa(today.Year()) + "&cell=requests.granted.total", status: 200,
				want: []string{"{tracking}", "/admin/requests/{req}"}},
			{name: "other agency's report is its own", as: "clerk2", method: "GET", url: "/admin/requests/report/cell?agency={justice}&year=" + strconv.Itoa(today.Year()) + "&cell=requests.granted.total", status: 200,
				want: []string{"北仑区教育局"}, notWant: []string{`href="/admin/requests/{req}"`}},
			{name: "dashboard links the request pages", as: "clerk", method: "GET", url: "/admin/", status: 200, want: []string{`href="/admin/requests"`, `href="/admin/calendar"`, `id="request-summary"`, `id="dash-overdue"`}},
			{name: "sysadmin dashboard has no request panel", as: "sysadmin", method: "GET", url: "/admin/", status: 200, notWant: []string{`id="request-summary"`}},
			{name: "head closes a day", as: "head", method: "POST", url: "/admin/calendar", body: "date={later}&kind=close&reason=台风停止办公", status: 303},
			{name: "calendar lists it", as: "clerk", method: "GET", url: "/admin/calendar", status: 200, want: []string{"台风停止办公", "{later}"}, notWant: []string{`action="/admin/calendar/remove"`}},
			{name: "clerk cannot change the calendar", as: "clerk", method: "POST", url: "/admin/calendar", body: "date={later}&reason=x", status: 403},
			{name: "head removes it", as: "head", method: "POST", url: "/admin/calendar/remove", body: "date={later}", status: 303},
			{name: "english list", as: "clerk", method: "GET", url: "/admin/requests?lang=en", status: 200, want: []string{"Disclosure requests", "{tracking}"}},
		}
		f.walk(t, scs)

		// Letters are standalone pages: their own stylesheet, no script.
		lt := f.do(f.login("clerk"), "GET", "/admin/requests/"+req+"/letters/reply", "", nil)
		if csp := lt.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("letter CSP %q", csp)
		}
		if strings.Contains(lt.body, "<script") {
			t.Error("letter has a script")
		}

		// The review case ends: 维持, and table 四 counts it.
		show := f.do(f.login("clerk"), "GET", "/admin/requests/"+req, "", nil)
		m := regexp.MustCompile(`action="(/admin/requests/\d+/appeals/\d+/conclude)"`).FindStringSubmatch(show.body)
		if m == nil {
			t.Fatalf("no conclude form\n%s", clip(show.body))
		}
		f.run(t, scenario{name: "other agency cannot conclude", as: "clerk2", method: "POST", url: m[1], body: "concluded=" + today.String() + "&result=upheld", status: 404})
		f.run(t, scenario{name: "conclude", as: "head", method: "POST", url: m[1], body: "concluded=" + today.String() + "&result=upheld", status: 303})
		f.run(t, scenario{name: "concluded", as: "clerk", method: "GET", url: "/admin/requests/" + req, status: 200, want: []string{"结果维持"}})
		f.run(t, scenario{name: "table 四 cell", as: "clerk", method: "GET", url: "/admin/requests/report/cell?year=" + strconv.Itoa(today.Year()) + "&cell=review_litigation.review.upheld",
			status: 200, want: []string{tracking, "行政复议"}})

		// The same applicant asks again for the same information: the
		// clerk is pointed to the answered request (never blocked).
		id2, _, _ := submitOnPortal(t, f)
		page2 := "/admin/requests/" + strconv.FormatInt(id2, 10)
		f.run(t, scenario{name: "confirm the repeat", as: "clerk", method: "POST", url: page2 + "/steps/confirm", status: 303})
		f.run(t, scenario{name: "repeat pointed out", as: "clerk", method: "GET", url: page2, status: 200,
			want: []string{`id="hints"`, "可能的重复申请", tracking, `id="form-request_correction"`}})
	})
}

// TestRegisterScenario: a clerk registers a letter signed for on a given
// day; the receipt date is the signing day (条例第三十一条第（二）项), and
// the query code is shown once.
func TestRegisterScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		form := applyForm(f)
		form.Del("agency")
		form.Set("channel", "post_signed")
		form.Set("submitted", "2026-03-02")
		form.Set("signed", "2026-03-04")
		scs := []scenario{
			{name: "form", as: "clerk", method: "GET", url: "/admin/requests/new", status: 200, want: []string{"邮寄（签收）", "第三十一条"}},
			{name: "signed post without signing date", as: "clerk", method: "POST", url: "/admin/requests",
				body: strings.Replace(form.Encode(), "signed=2026-03-04", "signed=", 1), status: 400, want: []string{"签收日期"}},
			{name: "registered", as: "clerk", method: "POST", url: "/admin/requests", body: form.Encode(), status: 200,
				want: []string{`id="query-code"`, "2026-03-04", "2026-0001"}},
			{name: "reviewer cannot register", as: "reviewer", method: "POST", url: "/admin/requests", body: form.Encode(), status: 403},
		}
		f.walk(t, scs)
	})
}

// TestFeeScenario: a 按量 fee of 150 pages (1,700 元, regulation.md §7)
// pauses the clock until payment; 按件 for an applicant's first request of
// the month costs nothing and is refused with the reason.
func TestFeeScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, _, _ := submitOnPortal(t, f)
		steps := "/admin/requests/" + strconv.FormatInt(id, 10) + "/steps/"
		page := "/admin/requests/" + strconv.FormatInt(id, 10)
		f.walk(t, []scenario{
			{name: "confirm", as: "clerk", method: "POST", url: steps + "confirm", status: 303},
			{name: "start", as: "clerk", method: "POST", url: steps + "start", status: 303},
			{name: "first request of the month is free", as: "clerk", method: "POST", url: steps + "fee_notice", body: "method=per_request", status: 400, want: []string{"不收费"}},
			{name: "per page", as: "clerk", method: "POST", url: steps + "fee_notice", body: "method=per_page&pages=150", status: 303},
			{name: "awaiting payment", as: "clerk", method: "GET", url: page, status: 200, want: []string{"待缴费", "1700", `id="form-fee_paid"`}},
			{name: "fee letter", as: "clerk", method: "GET", url: page + "/letters/fee", status: 200, want: []string{"收费通知书", "1700"}},
			{name: "paid", as: "clerk", method: "POST", url: steps + "fee_paid", status: 303},
			{name: "running again", as: "clerk", method: "GET", url: page, status: 200, want: []string{"办理中", "已缴费"}},
		})
	})
}

// TestPartialDisclosureScenario: 部分公开 (条例第三十七条) through the back
// office and the portal — the draft form offers the withheld part and its
// ground and refuses a draft without them; the reply is reviewed,
// approved and sent; the applicant downloads the letter, which names the
// part, its ground, the reasons and 复议前置 (regulation.md §8). Then
// 第三十六条第（五）项 is chosen on another request and its letter names the
// responsible agency.
func TestPartialDisclosureScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, tracking, code := submitOnPortal(t, f)
		steps := "/admin/requests/" + strconv.FormatInt(id, 10) + "/steps/"
		page := "/admin/requests/" + strconv.FormatInt(id, 10)
		full := url.Values{"outcome": {"partially_granted"}, "note": {"该部分涉及受援人个人隐私，公开会损害其合法权益"},
			"withheld": {"受援人姓名、住址栏"}, "ground": {"withheld_third_party"}}
		noGround := url.Values{"outcome": {"partially_granted"}, "note": {"x"}, "withheld": {"住址栏"}}
		noPart := url.Values{"outcome": {"partially_granted"}, "note": {"x"}, "ground": {"withheld_third_party"}}
		f.walk(t, []scenario{
			{name: "confirm", as: "clerk", method: "POST", url: steps + "confirm", status: 303},
			{name: "start", as: "clerk", method: "POST", url: steps + "start", status: 303},
			{name: "the form offers the part and its ground", as: "clerk", method: "GET", url: page, status: 200,
				want: []string{`name="withheld"`, `<option value="withheld_third_party">`, `value="not_ours"`, `name="other_agency"`}},
			{name: "no part", as: "clerk", method: "POST", url: steps + "draft", body: noPart.Encode(), status: 400, want: []string{"不予公开的部分"}},
			{name: "no ground", as: "clerk", method: "POST", url: steps + "draft", body: noGround.Encode(), status: 400, want: []string{"依据"}},
			{name: "draft", as: "clerk", method: "POST", url: steps + "draft", body: full.Encode(), status: 303},
			{name: "staff preview", as: "clerk", method: "GET", url: page + "/letters/reply", status: 200, want: []string{"政府信息部分公开告知书", "受援人姓名、住址栏"}},
			{name: "submit", as: "clerk", method: "POST", url: steps + "submit", status: 303},
			{name: "approve", as: "head", method: "POST", url: steps + "approve", status: 303},
			{name: "reply", as: "clerk", method: "POST", url: steps + "reply", body: "confirm=1", status: 303},
			{name: "applicant downloads the letter", method: "POST", url: "/apply/status/letter",
				body: url.Values{"tracking": {tracking}, "code": {code}, "kind": {"reply"}}.Encode(), status: 200,
				want: []string{"政府信息部分公开告知书", "受援人姓名、住址栏", "第十五条", "第三十七条", "涉及受援人个人隐私", "应当先申请行政复议"}},
			{name: "as Word", method: "POST", url: "/apply/status/letter",
				body: url.Values{"tracking": {tracking}, "code": {code}, "kind": {"reply"}, "format": {"docx"}}.Encode(), status: 200, want: []string{"PK"}},
		})

		other, _, _ := submitOnPortal(t, f)
		steps = "/admin/requests/" + strconv.FormatInt(other, 10) + "/steps/"
		notOurs := url.Values{"outcome": {"unavailable_not_held"}, "note": {"全区行政复议统计由区人民政府制作和保存"}, "not_held": {"not_ours"},
			"other_agency": {"宁波市北仑区人民政府办公室"}, "other_contact": {"0574-86780001"}}
		f.walk(t, []scenario{
			{name: "confirm 2", as: "clerk", method: "POST", url: steps + "confirm", status: 303},
			{name: "start 2", as: "clerk", method: "POST", url: steps + "start", status: 303},
			{name: "name without contact", as: "clerk", method: "POST", url: steps + "draft",
				body: strings.Replace(notOurs.Encode(), "other_contact=0574-86780001", "other_contact=", 1), status: 400, want: []string{"联系方式"}},
			{name: "draft (五)", as: "clerk", method: "POST", url: steps + "draft", body: notOurs.Encode(), status: 303},
			{name: "letter (五)", as: "clerk", method: "GET", url: "/admin/requests/" + strconv.FormatInt(other, 10) + "/letters/reply", status: 200,
				want: []string{"第三十六条第（五）项", "宁波市北仑区人民政府办公室", "0574-86780001"}, notWant: []string{"该政府信息不存在"}},
		})
	})
}
