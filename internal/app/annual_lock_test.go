package app

import (
	"net/url"
	"strconv"
	"testing"
	"time"
)

// TestPeriodLockScenario: after 北仑区司法局 publishes its report on the
// last year, registering a letter received in that year (table 三) and
// recording an appeal filed in it (table 四) are refused until the 负责人
// reopens the year; the relock is refused
// while the records differ, and the correction locks the year again (#13
// "After publication").
func TestPeriodLockScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		f.names["y"] = strconv.Itoa(y)
		f.names["form"] = reportForm(y)
		f.names["appeal"] = url.Values{"kind": {"review"}, "subject": {"not_published"}, "matter": {"未主动公开某规范性文件"},
			"filed": {strconv.Itoa(y) + "-12-20"}}.Encode()
		corr, _ := url.ParseQuery(reportForm(y))
		corr.Set("note", "补录 12 月提起的一件行政复议，表四相应更正。")
		f.names["corrected"] = corr.Encode()
		letter := applyForm(f)
		letter.Del("agency")
		letter.Set("channel", "post_signed")
		letter.Set("submitted", strconv.Itoa(y)+"-12-28")
		letter.Set("signed", strconv.Itoa(y)+"-12-29")
		f.names["letter"] = letter.Encode()
		page := "/admin/requests/report?agency={justice}&year={y}"
		q := "?agency={justice}&year={y}"
		f.walk(t, []scenario{
			{name: "clerk saves", as: "clerk", method: "POST", url: page, body: "{form}", status: 303},
			{name: "head publishes", as: "head", method: "POST", url: "/admin/requests/report/publish" + q, status: 303},
			{name: "the page says the records are locked", as: "head", method: "GET", url: page, status: 200,
				want: []string{`id="report-locked"`, `id="reopen-form"`}, notWant: []string{`id="report-reopened"`}},
			{name: "an appeal of the published year is refused", as: "clerk", method: "POST", url: "/admin/appeals", body: "{appeal}", status: 409,
				want: []string{"{y} 年度报告已发布", "表四"}},
			{name: "a letter received in the published year is refused", as: "clerk", method: "POST", url: "/admin/requests", body: "{letter}", status: 400,
				want: []string{"{y} 年度报告已发布", "表三"}},
			{name: "clerk may not reopen", as: "clerk", method: "POST", url: "/admin/requests/report/reopen" + q, body: "reason=x", status: 403},
			{name: "reopening needs a reason", as: "head", method: "POST", url: "/admin/requests/report/reopen" + q, body: "reason=", status: 400},
			{name: "head reopens", as: "head", method: "POST", url: "/admin/requests/report/reopen" + q, body: "reason=" + url.QueryEscape("补录漏登的行政复议"), status: 303},
			{name: "the page shows the reopening", as: "head", method: "GET", url: page, status: 200,
				want: []string{`id="report-reopened"`, "补录漏登的行政复议", `id="relock"`}, notWant: []string{`id="reopen-form"`}},
			{name: "the letter is registered", as: "clerk", method: "POST", url: "/admin/requests", body: "{letter}", status: 200, want: []string{`id="query-code"`}},
			{name: "the appeal is recorded", as: "clerk", method: "POST", url: "/admin/appeals", body: "{appeal}", status: 303},
			{name: "relock refused while the records differ", as: "head", method: "POST", url: "/admin/requests/report/relock" + q, status: 409, want: []string{"发布更正"}},
			{name: "head publishes the correction", as: "head", method: "POST", url: "/admin/requests/report/correct" + q, body: "{corrected}", status: 303},
			{name: "locked again", as: "head", method: "GET", url: page, status: 200, want: []string{`id="report-locked"`}, notWant: []string{`id="report-reopened"`}},
			{name: "the portal shows table 四 corrected", method: "GET", url: "/reports/{justice}/{y}", status: 200, want: []string{"本报告发布后已更正", "补录 12 月提起的一件行政复议"}},
			{name: "reopen audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.reopen", status: 200, want: []string{"year={y}"}},
		})
	})
}
