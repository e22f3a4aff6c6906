package app

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
)

var reReleasedFile = regexp.MustCompile(`name="file" value="(\d+)"`)

// applyOnline files an application by 网上获取 with content and returns its
// id, tracking number and query code.
func applyOnline(t *testing.T, f *fixture, content string) (string, string, string) {
	t.Helper()
	v := applyForm(f)
	v.Set("delivery", "网上获取")
	v.Set("content", content)
	id, tracking, code := submitForm(t, f, v)
	return strconv.FormatInt(id, 10), tracking, code
}

// TestReleasedFileScenario walks 网上获取 over HTTP (#9): a 部分公开 reply by
// 网上获取 is refused until the clerk uploads the released file; a clerk of
// another agency cannot upload one; after the reply the applicant sees
// the file on the status page and downloads it with the tracking number
// and query code; another applicant's code, or a wrong one, gets 404
// (IDOR); the download is audited.
func TestReleasedFileScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, tracking, code := applyOnline(t, f, "北仑区司法局2025年法律援助案件统计表")
		_, otherTracking, otherCode := applyOnline(t, f, "北仑区司法局2025年法律援助经费")
		today := calendar.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
		f.names["req"], f.names["today"] = id, today.String()
		steps := "/admin/requests/{req}/steps/"
		f.walk(t, []scenario{
			{name: "confirm", as: "clerk", method: "POST", url: steps + "confirm", body: "on={today}", status: 303},
			{name: "start", as: "clerk", method: "POST", url: steps + "start", body: "on={today}", status: 303},
			{name: "page offers the upload", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`id="form-release"`, `action="/admin/requests/{req}/releases"`}},
			{name: "draft 部分公开", as: "clerk", method: "POST", url: steps + "draft", status: 303,
				body: "on={today}&outcome=partially_granted&withheld=" + url.QueryEscape("受援人姓名、住址栏") + "&ground=withheld_third_party&note=" + url.QueryEscape("涉及受援人个人隐私")},
			{name: "submit", as: "clerk", method: "POST", url: steps + "submit", body: "on={today}", status: 303},
			{name: "approve", as: "head", method: "POST", url: steps + "approve", body: "on={today}", status: 303},
			{name: "reply without the released file", as: "clerk", method: "POST", url: steps + "reply", body: "on={today}&confirm=1", status: 400,
				want: []string{"网上获取"}},
		})
		upload := func(as string) response {
			return postMultipart(t, f, f.login(as), "/admin/requests/"+id+"/releases", nil, "file", "统计表（遮盖后）.pdf", "application/pdf", "%PDF-1.4 redacted")
		}
		if r := upload("clerk2"); r.status != http.StatusNotFound {
			t.Errorf("another agency's clerk uploads: %d; want 404", r.status)
		}
		if r := upload("clerk"); r.status != http.StatusSeeOther {
			t.Fatalf("clerk uploads: %d\n%s", r.status, clip(r.body))
		}
		f.walk(t, []scenario{
			{name: "file listed for staff", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`<ul id="released">`, "统计表（遮盖后）.pdf"}},
			{name: "reply", as: "clerk", method: "POST", url: steps + "reply", body: "on={today}&confirm=1", status: 303},
		})
		status := f.do(f.client(), "POST", "/apply/status", url.Values{"tracking": {tracking}, "code": {code}}.Encode(), nil)
		m := reReleasedFile.FindStringSubmatch(status.body)
		if status.status != 200 || m == nil || !strings.Contains(status.body, "统计表（遮盖后）.pdf") {
			t.Fatalf("status page: %d, no released file\n%s", status.status, clip(status.body))
		}
		get := func(tr, c string) response {
			return f.do(f.client(), "POST", "/apply/status/file", url.Values{"tracking": {tr}, "code": {c}, "file": {m[1]}}.Encode(), nil)
		}
		if r := get(tracking, code); r.status != 200 || r.body != "%PDF-1.4 redacted" || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") {
			t.Errorf("applicant's download: %d %q", r.status, r.body)
		}
		for name, r := range map[string]response{"another applicant's code": get(otherTracking, otherCode), "wrong code": get(tracking, "AAAAAAAAAA")} {
			if r.status != http.StatusNotFound || strings.Contains(r.body, "redacted") {
				t.Errorf("%s: %d; want 404", name, r.status)
			}
		}
		evs, err := f.app.Store.SearchAudit(context.Background(), audit.Filter{Action: "request.release_download", Limit: 10})
		if err != nil || len(evs) != 1 || !strings.Contains(evs[0].Detail, tracking) {
			t.Errorf("download audit events %+v (%v); want one", evs, err)
		}
	})
}
