package app

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
)

// TestReportOverrideScenarios gives 北仑区司法局 主动公开 records (one
// 规范性文件 formed last year) and takes its report editor through an
// override of table 二 (catalog.md §3): the editor shows the cells from the
// records with a reason input beside each; a different value without a
// reason is refused; with one it is saved, shown beside the cell and
// written in the audit log; a correction of the published report follows
// the same rule.
func TestReportOverrideScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		j := f.agencies["justice"]
		_, cols, err := f.app.Catalog.Profile(ctx, j.ID, j.Name)
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf(`{"index_no":"OV/%d-1","title":"关于印发《人民调解员管理办法》的通知","category":"rules/normative","doc_type":"normative","formed_on":"%d-03-01","validity":"in_force","published_at":"%d-03-08T09:00:00+08:00"}`+"\n", y, y, y)
		lines, err := catalog.ReadItems(strings.NewReader(line), j.Name, catalog.NewTree(cols), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Catalog.Import(ctx, audit.CLI, j.ID, j.Name, lines, nil); err != nil {
			t.Fatal(err)
		}
		f.names["y"] = strconv.Itoa(y)
		form, _ := url.ParseQuery(reportForm(y)) // 规范性文件 issued 2 and in force 2; the records say 1 and 1
		f.names["form"] = form.Encode()
		form.Set("reason_norm_issued", "另有1件由区政府办公室代为发布，尚未迁入")
		form.Set("reason_norm_in_force", "同上")
		f.names["explained"] = form.Encode()
		form.Set("penalty", "2")
		form.Set("note", "行政处罚决定数量漏报，予以更正。")
		f.names["correction"] = form.Encode()
		form.Set("reason_penalty", "处罚决定尚未迁入，数据取自执法办案系统")
		f.names["explainedCorrection"] = form.Encode()
		page := "/admin/requests/report?agency={justice}&year={y}"
		f.walk(t, []scenario{
			{name: "editor shows table 二 from the records", as: "clerk", method: "GET", url: page, status: 200,
				want: []string{"由主动公开记录生成", `id="records-hint"`, `name="reason_norm_issued"`, `id="c-norm_issued"`}},
			{name: "override without a reason refused", as: "clerk", method: "POST", url: page, body: "{form}", status: 400,
				want: []string{"覆盖记录须说明理由", "本年制发件数"}},
			{name: "override with reasons saved", as: "clerk", method: "POST", url: page, body: "{explained}", status: 303},
			{name: "reason shown beside the cell", as: "clerk", method: "GET", url: page, status: 200,
				want: []string{"人工覆盖", `value="另有1件由区政府办公室代为发布，尚未迁入"`}},
			{name: "draft has the override", as: "clerk", method: "GET", url: "/admin/requests/report/download?agency={justice}&year={y}&format=json", status: 200,
				want: []string{`"issued": 2`}},
			{name: "override audited with its reason", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.save", status: 200,
				want: []string{"另有1件由区政府办公室代为发布，尚未迁入"}},
			{name: "head publishes", as: "head", method: "POST", url: "/admin/requests/report/publish?agency={justice}&year={y}", status: 303},
			{name: "published page shows the reason", as: "clerk", method: "GET", url: page, status: 200,
				want: []string{"人工覆盖", "另有1件由区政府办公室代为发布，尚未迁入"}, notWant: []string{`id="report-form"`}},
			{name: "the correction form has the reasons", as: "head", method: "GET", url: page, status: 200,
				want: []string{`id="f-note"`, `name="reason_penalty"`, `value="另有1件由区政府办公室代为发布，尚未迁入"`}},
			{name: "a correction overriding without a reason is refused", as: "head", method: "POST",
				url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{correction}", status: 400, want: []string{"覆盖记录须说明理由"}},
			{name: "a correction with its reasons is published", as: "head", method: "POST",
				url: "/admin/requests/report/correct?agency={justice}&year={y}", body: "{explainedCorrection}", status: 303},
			{name: "the correction's overrides audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=report.correct", status: 200,
				want: []string{"处罚决定尚未迁入，数据取自执法办案系统"}},
		})
	})
}
