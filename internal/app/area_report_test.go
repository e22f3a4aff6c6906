package app

import (
	"strconv"
	"testing"
	"time"
)

// TestAreaReportScenario: 北仑区人民政府's staff compile the area's draft
// from the report page (#13 whole-area reports): the button is a
// government's only, a department's compile is refused, and the draft
// shows where its numbers come from and which agency has none; the
// compilation is audited.
func TestAreaReportScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		f.names["y"] = strconv.Itoa(y)
		f.names["form"] = reportForm(y)
		f.addUser("govclerk", "clerk", f.agencies["district"].ID)
		gov := "/admin/requests/report?agency={district}&year={y}"
		f.walk(t, []scenario{
			{name: "the 司法局 publishes its report", as: "clerk", method: "POST", url: "/admin/requests/report?agency={justice}&year={y}", body: "{form}", status: 303},
			{name: "", as: "head", method: "POST", url: "/admin/requests/report/publish?agency={justice}&year={y}", status: 303},
			{name: "a government's page offers the area", as: "govclerk", method: "GET", url: gov, status: 200,
				want: []string{`id="area-compile"`, "编制全区域报告草稿", `action="/admin/requests/report/area?agency={district}&amp;year={y}"`}, notWant: []string{`id="area-note"`}},
			{name: "a department's does not", as: "clerk", method: "GET", url: "/admin/requests/report?agency={justice}&year={y}", status: 200,
				notWant: []string{`id="area-compile"`}},
			{name: "a department compiles no area", as: "clerk", method: "POST", url: "/admin/requests/report/area?agency={justice}&year={y}", status: 400,
				want: []string{"只有人民政府编制全区域报告"}},
			{name: "the government compiles its area", as: "govclerk", method: "POST", url: "/admin/requests/report/area?agency={district}&year={y}", status: 303,
				location: "/admin/requests/report?agency={district}&year={y}"},
			{name: "the draft says where its numbers come from", as: "govclerk", method: "GET", url: gov, status: 200,
				want: []string{`id="area-note"`, "依已发布的年度报告：1 个", "依本系统办理记录（未发布报告）：1 个", "无数据（未发布报告，也无办理记录）：1 个", `id="area-missing"`, "北仑区教育局", "重新编制全区域报告草稿", "区域合计", "全区域汇总"}},
			{name: "in English", as: "govclerk", method: "GET", url: gov + "&lang=en", status: 200, want: []string{"from their published reports: 1"}},
			{name: "audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.area", status: 200,
				want: []string{"year={y} agencies=3 published=1 imported=0 area=0 records=1 absent=1", "annual.area_not_government"}},
		})
	})
}
