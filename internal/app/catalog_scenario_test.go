package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
)

// TestCatalogScenarios drafts an item whose body holds an ID number in
// the back office, and takes it through the scan, the 保密审查, the block
// on the finding, the 负责人's override and the signature, checking who
// may see and do what on the way.
func TestCatalogScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		if err := f.app.Catalog.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: justice.ID, CreditCode: "11330206002882367P",
			Level: catalog.LevelCounty}, justice.Name); err != nil {
			t.Fatal(err)
		}
		today := time.Now().In(catalog.CST).Format("2006-01-02")
		form := url.Values{"title": {"北仑区人民调解员名单公示"}, "category": {"rules/normative"}, "doc_type": {"normative"},
			"formed_on": {today}, "validity": {"in_force"}, "summary": {"公示名单"},
			"body": {`<p onclick="x()">联系人身份证号 110101199003077571</p><script>alert(1)</script>`}}
		f.run(t, scenario{name: "the form lists the columns", as: "clerk", method: "GET", url: "/admin/catalog/new", status: 200,
			want: []string{"法规文件（第二十条第（一）项）", "行政规范性文件", "社会救助（第二十一条）"}})
		f.run(t, scenario{name: "reviewer cannot draft", as: "reviewer", method: "POST", url: "/admin/catalog", body: form.Encode(), status: 403})
		resp := f.run(t, scenario{name: "clerk drafts", as: "clerk", method: "POST", url: "/admin/catalog", body: form.Encode(), status: 303})
		id := strings.TrimPrefix(resp.location, "/admin/catalog/")
		f.names["item"] = id
		steps := "/admin/catalog/{item}/steps/"
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "调解员名单.txt")
		fw.Write([]byte("王五 手机 13912345678\n"))
		mw.Close()
		f.run(t, scenario{name: "clerk attaches a file", as: "clerk", method: "POST", url: "/admin/catalog/{item}/attachments", body: body.String(),
			header: http.Header{"Content-Type": {mw.FormDataContentType()}}, status: 303})
		for _, sc := range []scenario{
			{name: "the draft is sanitized", as: "clerk", method: "GET", url: "/admin/catalog/{item}", status: 200,
				want: []string{"北仑区人民调解员名单公示", "联系人身份证号"}, notWant: []string{"alert(1)", "onclick"}},
			{name: "other agency's clerk: not found", as: "clerk2", method: "GET", url: "/admin/catalog/{item}", status: 404, notWant: []string{"调解员"}},
			{name: "other agency's clerk cannot submit", as: "clerk2", method: "POST", url: steps + "submit", status: 404},
			{name: "other agency's list does not show it", as: "clerk2", method: "GET", url: "/admin/catalog", status: 200, notWant: []string{`href="/admin/catalog/{item}"`}},
			{name: "clerk opens the edit form", as: "clerk", method: "GET", url: "/admin/catalog/{item}/edit", status: 200,
				want: []string{`value="北仑区人民调解员名单公示"`, `<option value="rules/normative" selected>`}},
			{name: "a bad date is refused on save", as: "clerk", method: "POST", url: "/admin/catalog/{item}", body: "title=x&formed_on=2022-02-30", status: 400},
			{name: "reviewer cannot submit", as: "reviewer", method: "POST", url: steps + "submit", status: 403},
			{name: "clerk submits: the scan runs", as: "clerk", method: "POST", url: steps + "submit", status: 303, location: "/admin/catalog/{item}"},
			{name: "reviewer sees the finding", as: "reviewer", method: "GET", url: "/admin/catalog/{item}", status: 200,
				want: []string{`id="findings"`, "id_card", "110101******", "调解员名单.txt", "mobile", `id="review"`}},
			{name: "reviewer opens the file", as: "reviewer", method: "GET", url: "/admin/catalog/{item}/attachments/1", status: 200,
				want: []string{"王五 手机"}},
			{name: "other agency's clerk cannot open it", as: "clerk2", method: "GET", url: "/admin/catalog/{item}/attachments/1", status: 404},
			{name: "an incomplete checklist is refused", as: "reviewer", method: "POST", url: steps + "review", body: "check_no_secret=1", status: 400,
				want: []string{"保密审查未完成"}},
			{name: "reviewer passes the checklist", as: "reviewer", method: "POST", url: steps + "review", body: checklistBody(), status: 303},
			{name: "the finding blocks the signature", as: "head", method: "POST", url: steps + "sign", body: "confirm=1", status: 400, want: []string{"扫描发现 2 处"}},
			{name: "an override needs a reason", as: "head", method: "POST", url: steps + "override", status: 400},
			{name: "the head overrides with a reason", as: "head", method: "POST", url: steps + "override", body: "note=" + url.QueryEscape("调解员联系方式依规公示，已征得本人同意"), status: 303},
			{name: "signing needs the confirmation", as: "head", method: "POST", url: steps + "sign", status: 400, want: []string{"请勾选确认"}},
			{name: "the head signs", as: "head", method: "POST", url: steps + "sign", body: "confirm=1", status: 303},
			{name: "the supervisor reads the published item", as: "supervisor", method: "GET", url: "/admin/catalog/{item}", status: 200,
				want: []string{"11330206002882367P/", "已发布", "调解员联系方式依规公示"}, notWant: []string{`action="/admin/catalog/{item}/steps/`}},
			{name: "the list shows it", as: "supervisor", method: "GET", url: "/admin/catalog?agency={justice}", status: 200,
				want: []string{`href="/admin/catalog/{item}"`, "11330206002882367P/", `<strong id="count-late">0</strong>`}},
		} {
			f.run(t, sc)
		}
	})
}

// TestCatalogScheduledPublication signs an item for a later time and lets
// the server's publication pass publish it once the time has come.
func TestCatalogScheduledPublication(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		if err := f.app.Catalog.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: justice.ID, CreditCode: "11330206002882367P",
			Level: catalog.LevelCounty}, justice.Name); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"title": {"定时发布的通知"}, "category": {"other"}, "doc_type": {"notice"},
			"formed_on": {time.Now().In(catalog.CST).Format("2006-01-02")}, "body": {"<p>通知正文</p>"}}
		resp := f.run(t, scenario{name: "clerk drafts", as: "clerk", method: "POST", url: "/admin/catalog", body: form.Encode(), status: 303})
		f.names["item"] = strings.TrimPrefix(resp.location, "/admin/catalog/")
		at := f.clock.Now().Add(2 * time.Hour).In(catalog.CST).Format("2006-01-02T15:04")
		for _, sc := range []scenario{
			{name: "submit", as: "clerk", method: "POST", url: "/admin/catalog/{item}/steps/submit", status: 303},
			{name: "review", as: "reviewer", method: "POST", url: "/admin/catalog/{item}/steps/review", body: checklistBody(), status: 303},
			{name: "sign for later", as: "head", method: "POST", url: "/admin/catalog/{item}/steps/sign", body: "confirm=1&publish_at=" + url.QueryEscape(at), status: 303},
			{name: "scheduled", as: "head", method: "GET", url: "/admin/catalog/{item}", status: 200, want: []string{"待发布", "定时于"}},
		} {
			f.run(t, sc)
		}
		log := slog.New(slog.DiscardHandler)
		if n := publishDue(ctx, f.app, log); n != 0 {
			t.Fatalf("published %d before the time", n)
		}
		f.clock.Advance(3 * time.Hour)
		if n := publishDue(ctx, f.app, log); n != 1 {
			t.Fatalf("published %d at the time; want 1", n)
		}
		f.run(t, scenario{name: "published", as: "head", method: "GET", url: "/admin/catalog/{item}", status: 200,
			want: []string{"已发布", "11330206002882367P/"}})
	})
}

func checklistBody() string {
	v := url.Values{}
	for _, c := range catalog.Checklist {
		v.Set("check_"+c.ID, "1")
	}
	return v.Encode()
}

// An item of 北仑区教育局 for the IDOR walk (idor_test.go): the clerk of
// 北仑区司法局 must get 403 or 404 on every /admin/catalog/{id} route.
func init() {
	otherAgencyIDs["/admin/catalog/"] = "{item:education}"
	idorSetups = append(idorSetups, func(t *testing.T, f *fixture) {
		edu := f.agencies["education"]
		w := catalog.Staff{Subject: auth.NewSubject(f.users["clerk2"], nil)}
		id, err := f.app.Catalog.Create(context.Background(), w, edu.ID, edu.Name, catalog.Content{Title: "北仑区教育局校舍维修公告"})
		if err != nil {
			t.Fatalf("draft an item of 北仑区教育局: %v", err)
		}
		f.names["item:education"] = strconv.FormatInt(id, 10)
	})
}

// TestCatalogListOverdue shows a draft formed more than 20 working days
// ago as overdue (条例第二十六条).
func TestCatalogListOverdue(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		justice := f.agencies["justice"]
		w := catalog.Staff{Subject: auth.NewSubject(f.users["clerk"], nil)}
		old := time.Now().In(catalog.CST).AddDate(0, -3, 0)
		c := catalog.Content{Title: "积压的通知", FormedOn: calendar.Of(old)}
		if _, err := f.app.Catalog.Create(context.Background(), w, justice.ID, justice.Name, c); err != nil {
			t.Fatal(err)
		}
		// An item went out on WeChat a month ago and nothing since: stale.
		line := fmt.Sprintf(`{"index_no":"W/1","title":"微信推文","category":"other","doc_type":"notice","formed_on":"%s","channels":[{"channel":"wechat","on":"%s"}],"published_at":"%sT09:00:00+08:00"}`,
			calendar.Of(old), calendar.Of(old.AddDate(0, 2, 0)), calendar.Of(old.AddDate(0, 2, 0)))
		lines, err := catalog.ReadItems(strings.NewReader(line), justice.Name, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Catalog.Import(context.Background(), audit.CLI, justice.ID, justice.Name, lines, nil); err != nil {
			t.Fatal(err)
		}
		f.run(t, scenario{name: "overdue", as: "clerk", method: "GET", url: "/admin/catalog", status: 200,
			want:    []string{"积压的通知", `<strong id="count-overdue">1</strong>`, "逾期未公开", "微信公众号", "长期未更新"},
			notWant: []string{`action="/admin/catalog/channels"`}})
		// The 负责人 sets the WeChat account's interval to a year: no longer
		// stale; a bad interval is refused with the reason.
		for _, sc := range []scenario{
			{name: "the head sees the channel forms", as: "head", method: "GET", url: "/admin/catalog", status: 200,
				want: []string{`action="/admin/catalog/channels"`, `id="interval-wechat"`}},
			{name: "the clerk may not set an interval", as: "clerk", method: "POST", url: "/admin/catalog/channels", body: "code=wechat&interval=400", status: 403},
			{name: "a bad interval is refused", as: "head", method: "POST", url: "/admin/catalog/channels", body: "code=wechat&interval=-3", status: 400,
				want: []string{"更新周期应为 0 到 3660 天"}},
			{name: "the head sets a year", as: "head", method: "POST", url: "/admin/catalog/channels", body: "code=wechat&name=" + url.QueryEscape("北仑司法") + "&interval=400", status: 303},
			{name: "no longer stale", as: "clerk", method: "GET", url: "/admin/catalog", status: 200,
				want: []string{"北仑司法", ">400<"}, notWant: []string{"长期未更新"}},
		} {
			f.run(t, sc)
		}
	})
}
