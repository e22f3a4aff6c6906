package app

import (
	"archive/zip"
	"bytes"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
)

// seasonZip is a zip of two published reports on year: 北仑区司法局's,
// clean and on time, and 北仑区教育局's, late (20 February) and with its
// table 三 total broken; failing is the error rule the second breaks. Their
// fees are 1.25 and 0.3 万元.
func seasonZip(t testing.TB, year int, extra ...[2]string) (data []byte, failing string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(13, uint64(year)))
	good := reportgen.Report(rng, report.Template2021)
	good.Agency, good.Year, good.Date = "北仑区司法局", year, strconv.Itoa(year+1)+"-01-20"
	bad := reportgen.Report(rng, report.Template2021)
	bad.Agency, bad.Year, bad.Date = "宁波市北仑区教育局", year, strconv.Itoa(year+1)+"-02-20"
	bad.Requests[report.New][report.ColTotal] = report.N(bad.Requests[report.New][report.ColTotal].V + 7)
	good.Proactive.FeesWanYuan, bad.Proactive.FeesWanYuan = report.D("1.25"), report.D("0.3")
	for _, f := range report.Validate(bad, nil) {
		if f.Severity == report.Error {
			failing = f.Rule
			break
		}
	}
	if failing == "" {
		t.Fatal("the broken report breaks no rule")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := [][2]string{{"司法局.txt", reportgen.Render(good, reportgen.Pipes)}, {"教育局/报告.txt", reportgen.Render(bad, reportgen.Pipes)}}
	for _, f := range append(files, extra...) {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), failing
}

// multipartZip is the import form's body with zip, and its Content-Type.
func multipartZip(t testing.TB, zipData []byte) (string, http.Header) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("year", ""); err != nil {
		t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("zip", "reports.zip")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(zipData); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return body.String(), http.Header{"Content-Type": {mw.FormDataContentType()}}
}

// TestSupervisionScenarios: the supervisor of 北仑区 uploads a zip of
// reports (refused whole while one names an unknown agency, then
// imported), sees the counts, filters the failing agency, drills from an
// aggregate cell to the agencies behind it and from the rule to the
// agency's report with the finding marked, and sends a 督办 notice that
// the 教育局's staff see on their dashboard until they acknowledge it,
// on both databases.
func TestSupervisionScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		f.names["y"] = strconv.Itoa(y)
		withUnknown, _ := seasonZip(t, y, [2]string{"海曙.txt", ""})
		data, failing := seasonZip(t, y)
		f.names["rule"] = failing
		unknownBody, unknownHeader := multipartZip(t, withUnknown)
		body, header := multipartZip(t, data)
		overview := "/admin/reports/overview?year={y}"
		back := url.QueryEscape("/admin/reports/overview?year=" + strconv.Itoa(y) + "&status=errors")
		f.names["unknown"], _ = f.uploadZip(t, "supervisor", unknownBody, unknownHeader)
		f.walk(t, []scenario{
			{name: "the upload form states its limits", as: "supervisor", method: "GET", url: "/admin/reports/import", status: 200,
				want: []string{`enctype="multipart/form-data"`, "200 MiB", "20000", "upload.js"}},
			{name: "an unreadable file stops the whole zip", as: "supervisor", method: "GET", url: "{unknown}",
				status: 422, want: []string{`id="import-problems"`, "海曙.txt", "未导入任何报告"}},
			{name: "nothing was imported", as: "supervisor", method: "GET", url: overview, status: 200, want: []string{`id="count-published">0<`}},
		})
		f.names["imported"], _ = f.uploadZip(t, "supervisor", body, header)
		f.names["again"], _ = f.uploadZip(t, "supervisor", body, header)
		scs := []scenario{
			{name: "the zip is imported", as: "supervisor", method: "GET", url: "{imported}", status: 200,
				want: []string{`id="import-done"`, "已导入 2 份报告", "北仑区司法局", "北仑区教育局"}},
			{name: "a second upload of the same reports is refused", as: "supervisor", method: "GET", url: "{again}",
				status: 422, want: []string{"已有报告"}},
			{name: "counts", as: "supervisor", method: "GET", url: overview, status: 200,
				want: []string{`id="count-agencies">3<`, `id="count-published">2<`, `id="count-missing">1<`, `id="count-errors">1<`,
					"{rule}（1）", `id="sum2"`, `id="sum3"`, `id="sum4"`, `id="absences"`,
					`cell=proactive.fees_wan_yuan`, ">1.55<", `<option lang="zh-CN" value="{district}"`},
				notWant: []string{`<option lang="zh-CN" value="{justice}"`, `<option lang="zh-CN" value="{city}"`}},
			{name: "drill from the fees, summed in 分", as: "supervisor", method: "GET", url: "/admin/reports/overview/cell?year={y}&cell=proactive.fees_wan_yuan", status: 200,
				want: []string{">1.55<", ">1.25<", ">0.3<", "北仑区人民政府", "未发布报告"}},
			{name: "the failing agency, filtered", as: "supervisor", method: "GET", url: overview + "&status=errors", status: 200,
				want:    []string{"北仑区教育局", `href="/admin/requests/report?agency={education}&amp;finding={rule}&amp;year={y}#flagged"`, "逾期"},
				notWant: []string{`data-agency="{justice}"`}},
			{name: "filtered by rule", as: "supervisor", method: "GET", url: overview + "&rule={rule}", status: 200,
				want: []string{`data-agency="{education}"`}, notWant: []string{`data-agency="{justice}"`, `data-agency="{district}"`}},
			{name: "filtered by kind", as: "supervisor", method: "GET", url: overview + "&kind=government", status: 200,
				want: []string{`data-agency="{district}"`}, notWant: []string{`data-agency="{justice}"`}},
			{name: "drill from an aggregate cell", as: "supervisor", method: "GET", url: "/admin/reports/overview/cell?year={y}&cell=requests.new.total", status: 200,
				want: []string{"北仑区司法局", "北仑区教育局", "北仑区人民政府", "未发布报告", `id="cell-sum"`,
					`href="/admin/requests/report?agency={education}&amp;cell=requests.new.total&amp;year={y}#flagged"`}},
			{name: "the report with the drilled cell marked", as: "supervisor", method: "GET", url: "/admin/requests/report?agency={education}&year={y}&cell=requests.new.total", status: 200,
				want: []string{`class="flagged"`, `id="flagged"`, "highlight"}},
			{name: "an unknown cell", as: "supervisor", method: "GET", url: "/admin/reports/overview/cell?year={y}&cell=nope", status: 404},
			{name: "a subtree outside the scope", as: "supervisor", method: "GET", url: overview + "&agency={city}", status: 404},
			{name: "the report with the finding marked", as: "supervisor", method: "GET", url: "/admin/requests/report?agency={education}&year={y}&finding={rule}", status: 200,
				want: []string{`class="flagged"`, `id="flagged"`, "highlight"}},
			{name: "no one else sends a 督办", as: "head", method: "POST", url: "/admin/reports/urge", body: "target=filtered&body=x&back=" + back, status: 403},
			{name: "the supervisor urges the failing agencies", as: "supervisor", method: "POST", url: "/admin/reports/urge",
				body: "target=filtered&body=" + url.QueryEscape("教育局年度报告表三合计不符，请于五个工作日内更正。") + "&back=" + back, status: 303,
				location: "/admin/reports/overview?year={y}&status=errors"},
			{name: "the notice is recorded on the overview", as: "supervisor", method: "GET", url: overview, status: 200,
				want: []string{`id="sent-notices"`, "教育局年度报告表三合计不符", "supervisor"}},
			{name: "the 教育局's staff see it", as: "clerk2", method: "GET", url: "/admin/", status: 200,
				want: []string{`id="season-panel"`, "教育局年度报告表三合计不符", "北仑区人民政府"}},
			{name: "the 司法局's staff do not", as: "clerk", method: "GET", url: "/admin/", status: 200, notWant: []string{"教育局年度报告表三合计不符"}},
			{name: "the 督办 is audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=season.urge", status: 200, want: []string{"season.urge", "agencies=1"}},
		}
		f.walk(t, scs)
		ns, err := f.app.Season.Open(t.Context(), staffOf(f, "clerk2"), 5)
		if err != nil || len(ns) != 1 {
			t.Fatalf("notices %+v, %v", ns, err)
		}
		f.names["notice"] = strconv.FormatInt(ns[0].ID, 10)
		f.walk(t, []scenario{
			{name: "another agency cannot acknowledge it", as: "clerk", method: "POST", url: "/admin/season/notices/{notice}/ack", status: 404},
			{name: "the 教育局 acknowledges", as: "clerk2", method: "POST", url: "/admin/season/notices/{notice}/ack", status: 303, location: "/admin/"},
			{name: "then it is gone from the dashboard", as: "clerk2", method: "GET", url: "/admin/", status: 200, notWant: []string{"教育局年度报告表三合计不符"}},
		})
	})
}

// staffOf is the casework identity of a fixture user.
func staffOf(f *fixture, login string) casework.Staffer {
	u := f.users[login]
	return casework.Staffer{Subject: auth.Subject{UserID: u.ID, Login: u.Login, AgencyID: u.AgencyID}}
}
