package app

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/web/portal"
)

var reStamp = regexp.MustCompile(`name="form_ts" value="([^"]+)"`)

// TestApplyAntiAutomationScenario files applications on the portal as a
// program would (honeypot filled, no timestamp) and as a person would,
// on both backends: every one is recorded and answered with a receipt
// (条例第二十九条; SECURITY.md A-07 never refuses), the clerk sees why a
// submission looks automated next to the 第三十五条 hints, the applicant
// never does, and each record carries the version of the personal-
// information notice shown (SECURITY.md P-01).
func TestApplyAntiAutomationScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		form := f.do(f.client(), "GET", "/apply", "", nil)
		m := reStamp.FindStringSubmatch(form.body)
		if form.status != 200 || m == nil || !strings.Contains(form.body, `name="website"`) {
			t.Fatalf("form: status %d, stamp and honeypot fields expected\n%s", form.status, clip(form.body))
		}
		stamp := m[1]
		submit := func(v url.Values) (int64, string, string) {
			t.Helper()
			resp := f.do(f.client(), "POST", "/apply", v.Encode(), nil)
			m1, m2 := reTracking.FindStringSubmatch(resp.body), reCode.FindStringSubmatch(resp.body)
			if resp.status != 200 || m1 == nil || m2 == nil {
				t.Fatalf("submit: status %d; want the receipt\n%s", resp.status, clip(resp.body))
			}
			recs, err := f.app.Store.RequestsByTracking(context.Background(), m1[1])
			if err != nil || len(recs) == 0 {
				t.Fatalf("request %s not recorded: %v", m1[1], err)
			}
			for _, r := range recs {
				if r.AgencyID == f.agencies["justice"].ID {
					if r.PIPLNotice != portal.PIPLNoticeVersion {
						t.Errorf("stored notice version %q; want %q", r.PIPLNotice, portal.PIPLNoticeVersion)
					}
					return r.ID, m1[1], m2[1]
				}
			}
			t.Fatalf("request %s of 北仑区司法局 not found", m1[1])
			return 0, "", ""
		}
		with := func(kv ...string) url.Values {
			v := applyForm(f)
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
		bot, botTracking, botCode := submit(with("form_ts", stamp, "website", "http://spam.example", "content", "机器人申请一"))
		noStamp, _, _ := submit(with("content", "机器人申请二"))
		// A person takes more than 3 s to fill the form.
		f.clock.Advance(4 * time.Second)
		person, _, _ := submit(with("form_ts", stamp, "content", "北仑区司法局2025年人民调解案件数量"))

		page := func(id int64) string { return "/admin/requests/" + strconv.FormatInt(id, 10) }
		f.walk(t, []scenario{
			{name: "honeypot shown to staff", as: "clerk", method: "GET", url: page(bot), status: 200,
				want: []string{`id="hints"`, "疑似自动提交：填写了对用户隐藏的栏目", `id="pipl-version"`, portal.PIPLNoticeVersion}},
			{name: "missing stamp shown to staff", as: "clerk", method: "GET", url: page(noStamp), status: 200,
				want: []string{"疑似自动提交：缺少表单时间戳"}},
			{name: "a person's application has no such hint", as: "clerk", method: "GET", url: page(person), status: 200,
				want: []string{portal.PIPLNoticeVersion}, notWant: []string{"疑似自动提交"}},
			{name: "the applicant is not told", method: "POST", url: "/apply/status",
				body: url.Values{"tracking": {botTracking}, "code": {botCode}}.Encode(), status: 200,
				want: []string{botTracking}, notWant: []string{"疑似", "隐藏的栏目"}},
		})
	})
}
