package app

import (
	"net/url"
	"strconv"
	"testing"
	"time"
)

// reportForm is a complete hand entry for an annual report on year: every
// cell of table 二, the three texts and a date before the 第四十九条
// deadline.
func reportForm(year int) string {
	v := url.Values{"overview": {"本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"}, "problems": {"信息公开的及时性有待提高。"},
		"other": {"本年度未收取信息处理费。"}, "date": {strconv.Itoa(year+1) + "-01-15"}, "fees": {"0"}}
	for _, n := range []string{"reg_issued", "reg_repealed", "reg_in_force", "norm_issued", "norm_repealed", "norm_in_force", "licensing", "penalty", "coercion"} {
		v.Set(n, "0")
	}
	v.Set("norm_issued", "2")
	v.Set("norm_in_force", "2")
	return v.Encode()
}

// TestAnnualReportScenarios takes 北仑区司法局's report from the editor
// through publication to the portal, with the supervisor's overview, and
// checks that drafts stay private and another agency cannot touch it.
func TestAnnualReportScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		f.names["y"] = strconv.Itoa(y)
		f.names["form"] = reportForm(y)
		partial, _ := url.ParseQuery(reportForm(y))
		partial.Del("licensing")
		f.names["partial"] = partial.Encode()
		corrected, _ := url.ParseQuery(reportForm(y))
		corrected.Set("penalty", "3")
		f.names["nonote"] = corrected.Encode()
		corrected.Set("note", "表二行政处罚决定数量漏报 3 件，予以更正。")
		f.names["corrected"] = corrected.Encode()
		same, _ := url.ParseQuery(reportForm(y))
		same.Set("note", "复核")
		f.names["same"] = same.Encode()
		page := "/admin/requests/report?agency={justice}&year={y}"
		scs := []scenario{
			{name: "clerk sees the editor, no publish button", as: "clerk", method: "GET", url: page, status: 200,
				want: []string{`id="report-form"`, "人工填报", "尚未填报", "第二十条第（八）项", `id="report-preview"`}, notWant: []string{`id="publish"`}},
			{name: "bad fees refused", as: "clerk", method: "POST", url: page, body: "fees=3万元", status: 400, want: []string{"行政事业性收费", `value="3万元"`}},
			{name: "partial draft saved", as: "clerk", method: "POST", url: page, body: "{partial}", status: 303},
			{name: "head cannot publish with errors", as: "head", method: "POST", url: "/admin/requests/report/publish?agency={justice}&year={y}", status: 400, want: []string{"处错误"}},
			{name: "findings shown with highlighted cells", as: "head", method: "GET", url: page, status: 200,
				want: []string{"R5-cells", "flag-error", `id="publish" disabled`, "草稿", "本年处理决定数量"}},
			{name: "clerk saves the full entries", as: "clerk", method: "POST", url: page, body: "{form}", status: 303},
			{name: "draft is clean", as: "head", method: "GET", url: page, status: 200,
				want: []string{"错误：0", `id="publish"`, "本机关认真贯彻落实"}, notWant: []string{`id="publish" disabled`}},
			{name: "draft download", as: "clerk", method: "GET", url: "/admin/requests/report/download?agency={justice}&year={y}&format=json", status: 200,
				want: []string{`"normative_documents"`, `"in_force": 2`, "本机关认真贯彻落实"}},
			{name: "draft not on the portal", method: "GET", url: "/reports/{justice}/{y}", status: 404, notWant: []string{"本机关认真贯彻落实"}},
			{name: "draft not in the portal list", method: "GET", url: "/reports", status: 200, notWant: []string{`href="/reports/{justice}/{y}"`}},
			{name: "reviewer cannot publish", as: "reviewer", method: "POST", url: "/admin/requests/report/publish?agency={justice}&year={y}", status: 403},
			{name: "another agency's clerk gets their own report, not this one", as: "clerk2", method: "GET", url: "/admin/requests/report/download?agency={justice}&year={y}&format=json", status: 200,
				notWant: []string{"本机关认真贯彻落实"}},
			{name: "head publishes", as: "head", method: "POST", url: "/admin/requests/report/publish?agency={justice}&year={y}", status: 303},
			{name: "published and frozen", as: "clerk", method: "GET", url: page, status: 200, want: []string{"已发布", "head"}, notWant: []string{`id="report-form"`}},
			{name: "no change after publication", as: "clerk", method: "POST", url: page, body: "{form}", status: 409, want: []string{"已发布"}},
			{name: "head is offered a correction", as: "head", method: "GET", url: page, status: 200,
				want: []string{`id="correct"`, `id="f-note"`, "/admin/requests/report/correct?", `id="report-versions"`, "首次发布"}},
			{name: "clerk may not correct", as: "clerk", method: "POST", url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{corrected}", status: 403},
			{name: "a correction needs its note", as: "head", method: "POST", url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{nonote}", status: 400,
				want: []string{"更正说明", `value="3"`}},
			{name: "an unchanged correction is refused", as: "head", method: "POST", url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{same}", status: 400,
				want: []string{"与现行版本相同"}},
			{name: "head publishes a correction", as: "head", method: "POST", url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{corrected}", status: 303},
			{name: "portal shows the correction", method: "GET", url: "/reports/{justice}/{y}", status: 200,
				want: []string{"本报告发布后已更正", "表二行政处罚决定数量漏报 3 件", `href="/reports/{justice}/{y}?version=1"`}},
			{name: "portal keeps the first version", method: "GET", url: "/reports/{justice}/{y}?version=1", status: 200, want: []string{`id="report-old"`}},
			{name: "correction audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.correct", status: 200, want: []string{"report.correct", "version=2"}},
			{name: "portal list links it", method: "GET", url: "/reports", status: 200, want: []string{`href="/reports/{justice}/{y}"`, "第四十九条"}},
			{name: "portal shows it", method: "GET", url: "/reports/{justice}/{y}", status: 200,
				want: []string{"北仑区司法局{y}年度政府信息公开工作年度报告", "本机关认真贯彻落实", "report-embed", `href="/reports/{justice}/{y}/docx"`}},
			{name: "portal DOCX", method: "GET", url: "/reports/{justice}/{y}/docx", status: 200, want: []string{"PK"}},
			{name: "portal XLSX", method: "GET", url: "/reports/{justice}/{y}/xlsx", status: 200, want: []string{"PK"}},
			{name: "portal JSON", method: "GET", url: "/reports/{justice}/{y}/json", status: 200, want: []string{`"schema": "gongkai.annual-report/v1"`}},
			{name: "staff DOCX", as: "head", method: "GET", url: "/admin/requests/report/download?agency={justice}&year={y}&format=docx", status: 200, want: []string{"PK"}},
			{name: "supervisor overview", as: "supervisor", method: "GET", url: "/admin/reports/overview?year={y}", status: 200,
				want: []string{"北仑区司法局", "已发布", "北仑区教育局", "未填报", `id="count-published">1<`, `id="count-agencies">3<`, `id="absences"`}},
			{name: "clerk has no overview", as: "clerk", method: "GET", url: "/admin/reports/overview?year={y}", status: 403},
			{name: "publication audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.publish", status: 200, want: []string{"report.publish", "year={y}"}},
		}
		f.walk(t, scs)
	})
}

// TestLetterSettingsScenarios sets 北仑区司法局's letterhead and numbers,
// and checks that its letters carry them, with one number per letter.
func TestLetterSettingsScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, tracking, code := submitOnPortal(t, f)
		f.names["req"] = strconv.FormatInt(id, 10)
		f.names["tracking"], f.names["code"] = tracking, url.QueryEscape(code)
		year := time.Now().In(time.FixedZone("CST", 8*3600)).Year()
		f.names["today"] = time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
		f.names["no5"] = "北司公开〔" + strconv.Itoa(year) + "〕5号"
		scs := []scenario{
			{name: "head sees the settings", as: "head", method: "GET", url: "/admin/letter-settings", status: 200, want: []string{"北仑区司法局", `id="prefix"`}},
			{name: "clerk may not", as: "clerk", method: "POST", url: "/admin/letter-settings", body: "prefix=X", status: 403},
			{name: "prefix with a year refused", as: "head", method: "POST", url: "/admin/letter-settings", body: "prefix=北司公开〔2026〕", status: 400, want: []string{"机关代字"}},
			{name: "head saves", as: "head", method: "POST", url: "/admin/letter-settings", body: "prefix=北司公开&office=办公室（政府信息公开工作机构）&phone=0574-86780000&next=5", status: 303},
			{name: "next number shown", as: "head", method: "GET", url: "/admin/letter-settings", status: 200, want: []string{"{no5}", "0574-86780000"}},
			{name: "sysadmin edits another agency", as: "sysadmin", method: "POST", url: "/admin/letter-settings?agency={education}", body: "prefix=北教公开", status: 303},
			{name: "head cannot pick another agency", as: "head", method: "GET", url: "/admin/letter-settings?agency={education}", status: 200, notWant: []string{"北教公开"}},
			{name: "clerk confirms the submission", as: "clerk", method: "POST", url: "/admin/requests/{req}/steps/confirm", body: "on={today}", status: 303},
			{name: "receipt carries the number and letterhead", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/receipt", status: 200,
				want: []string{"{no5}", "0574-86780000"}},
			{name: "same number the second time", as: "head", method: "GET", url: "/admin/requests/{req}/letters/receipt", status: 200, want: []string{"{no5}"}},
			{name: "applicant's copy has the same number", method: "POST", url: "/apply/status/letter", body: "tracking={tracking}&code={code}&kind=receipt", status: 200,
				want: []string{"{no5}"}},
			// The remedies (regulation.md §8): the form's save above left
			// them blank, so no reply letter can be issued until they are set.
			{name: "clerk starts", as: "clerk", method: "POST", url: "/admin/requests/{req}/steps/start", body: "on={today}", status: 303},
			{name: "clerk drafts", as: "clerk", method: "POST", url: "/admin/requests/{req}/steps/draft", body: "on={today}&outcome=unavailable_not_held&note=经检索不存在", status: 303},
			{name: "no reply letter without the 复议机关", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/reply", status: 400,
				want: []string{"行政复议机关", "文书设置"}},
			{name: "head sets the remedies", as: "head", method: "POST", url: "/admin/letter-settings",
				body: "prefix=北司公开&review_body=宁波市北仑区人民政府&court=宁波市北仑区人民法院&review_first_shown=1&review_first=partially_granted&review_first=unavailable_not_held", status: 303},
			{name: "remedies shown", as: "head", method: "GET", url: "/admin/letter-settings", status: 200,
				want:    []string{`value="宁波市北仑区人民法院"`, `id="rf-unavailable_not_held" name="review_first" value="unavailable_not_held" checked`},
				notWant: []string{`value="withheld_state_secret" checked`}},
			{name: "reply letter states 复议 first, to the body", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/reply", status: 200,
				want: []string{"应当先申请行政复议", "六十日内向宁波市北仑区人民政府申请行政复议"}},
			{name: "settings change audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=letter.settings", status: 200, want: []string{"letter.settings", "prefix=北司公开"}},
		}
		f.walk(t, scs)
		if n, err := f.app.Store.NextLetterNumber(t.Context(), f.agencies["justice"].ID, year); err != nil || n != 6 {
			t.Errorf("next number after one letter = %d, %v; want 6", n, err)
		}
	})
}
