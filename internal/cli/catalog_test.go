package cli

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
)

// TestCatalogCommands runs the 主动公开 commands end to end on the
// fixtures of testdata/catalog: import (refused whole for a bad file),
// decisions and fees, table 二 in report build, and export.
func TestCatalogCommands(t *testing.T) {
	dir, _, run := newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	fx := filepath.Join("testdata", "catalog")

	_, errs := run(ExitUsage, "catalog", "profile", "--agency", "北仑区司法局", "--credit-code", "11330206002882367X")
	if !strings.Contains(errs, "校验码错误（最后一位应为 P）") {
		t.Errorf("bad credit code: %s", errs)
	}
	out, _ := run(ExitOK, "catalog", "profile", "--agency", "北仑区司法局", "--credit-code", "11330206002882367p")
	for _, want := range []string{"统一社会信用代码 11330206002882367P，层级 county，栏目 26 个", "  rules/normative  行政规范性文件  第二十条第（一）项",
		"  local/assistance  社会救助  第二十一条"} {
		if !strings.Contains(out, want) {
			t.Errorf("profile output lacks %q:\n%s", want, out)
		}
	}
	run(ExitFailure, "catalog", "profile", "--agency", "北仑区司法局", "--credit-code", "91330206MA2AFUXD31") // cannot change

	out, _ = run(ExitFailure, "catalog", "import", "--agency", "北仑区司法局", filepath.Join(fx, "bad.jsonl"))
	for _, want := range []string{"有 2 处错误，未导入任何信息", "第 1 行 published_at：发布时间为必填项", "第 2 行 formed_on：日期“2022-13-01”无效"} {
		if !strings.Contains(out, want) {
			t.Errorf("bad import output lacks %q:\n%s", want, out)
		}
	}
	out, _ = run(ExitOK, "catalog", "import", "--agency", "北仑区司法局", filepath.Join(fx, "items.jsonl"))
	for _, want := range []string{"已导入 北仑区司法局：4 条主动公开信息（其中已撤回 0 条），附件 2 个；1 条晚于",
		"个人信息扫描发现 2 处", "第 4 行 002882367/2022-00031  公证员名单.txt", "id_card 110101**********71", "mobile"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	run(ExitFailure, "catalog", "import", "--agency", "北仑区司法局", filepath.Join(fx, "items.jsonl")) // numbers taken

	out, _ = run(ExitOK, "decisions", "import", "--agency", "北仑区司法局", filepath.Join(fx, "decisions.csv"))
	if !strings.Contains(out, "处理决定 3 件（行政许可 2，行政处罚 1，行政强制 0）") {
		t.Errorf("decisions output:\n%s", out)
	}
	out, _ = run(ExitFailure, "decisions", "import", "--agency", "北仑区司法局", filepath.Join(fx, "decisions.csv"))
	if !strings.Contains(out, "第 2 行 文书号：“仑司罚决〔2022〕1号”已导入过") {
		t.Errorf("duplicate decisions output:\n%s", out)
	}
	out, _ = run(ExitOK, "fees", "import", "--agency", "北仑区司法局", filepath.Join(fx, "fees.csv"))
	if !strings.Contains(out, "收费记录 2 笔，合计 1.3 万元") {
		t.Errorf("fees output:\n%s", out)
	}

	built := filepath.Join(dir, "2022.json")
	_, notes := run(ExitOK, "report", "build", "--agency", "北仑区司法局", "--year", "2022", "-o", built)
	r := decodeReport(t, built)
	p := r.Proactive
	if p.NormativeDocuments != (report.Triple{Issued: report.N(1), Repealed: report.N(1), InForce: report.N(1)}) ||
		p.LicensingDecisions != report.N(2) || p.PenaltyDecisions != report.N(1) || p.CoercionDecisions != report.N(0) ||
		p.FeesWanYuan != report.D("1.3") || p.Regulations.InForce != report.N(0) {
		t.Errorf("table 二 %+v", p)
	}
	if !strings.Contains(notes, "第二部分可引用：2022年共主动公开政府信息3条，其中政府信息公开专栏2条、微信公众号2条；逾期公开1条") {
		t.Errorf("build notes lack the year's facts:\n%s", notes)
	}
	if !strings.Contains(notes, "表二由主动公开记录生成") || strings.Contains(notes, "表二（主动公开政府信息情况）") {
		t.Errorf("build notes:\n%s", notes)
	}

	exp := filepath.Join(dir, "out", "items.jsonl")
	os.MkdirAll(filepath.Dir(exp), 0o755)
	out, _ = run(ExitOK, "catalog", "export", "--agency", "北仑区司法局", "-o", exp)
	if !strings.Contains(out, "4 条主动公开信息，附件 2 个") {
		t.Errorf("export output:\n%s", out)
	}
	b, _ := os.ReadFile(exp)
	if n := strings.Count(string(b), "\n"); n != 4 || !strings.Contains(string(b), `"interpreted_by":["002882367/2022-00016"]`) {
		t.Errorf("export has %d lines:\n%s", n, b)
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "out", "items.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 2 || zr.File[0].Name != "attachments/002882367_2022-00015/管理办法（修订）.txt" {
		t.Errorf("zip holds %v", zr.File)
	}
	// The export imports into a fresh installation from its zip.
	_, _, run = newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	out, _ = run(ExitOK, "catalog", "import", "--agency", "北仑区司法局", exp)
	if !strings.Contains(out, "4 条主动公开信息（其中已撤回 0 条），附件 2 个") {
		t.Errorf("re-import output:\n%s", out)
	}
}

// TestReportBuildTable2From2019Records builds the report on 2020 (the
// 2019 试行 template) of an agency that keeps its records: table 二's
// 规范性文件 and decision cells come from them, with the records behind
// them in --cells, while the cells records cannot give (上一年项目数量,
// 本年增/减, 其他对外管理服务事项, 采购) stay absent — null in the JSON, listed as
// hand-entered — never 0.
func TestReportBuildTable2From2019Records(t *testing.T) {
	dir, _, run := newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	items := filepath.Join(dir, "items.jsonl")
	os.WriteFile(items, []byte(`{"index_no":"A/2019-1","title":"关于印发《人民调解工作规范》的通知","category":"rules/normative","doc_type":"normative","formed_on":"2019-11-20","validity":"in_force","published_at":"2020-01-06T09:00:00+08:00"}
{"index_no":"A/2020-1","title":"关于印发《法律援助案件质量评估办法》的通知","category":"rules/normative","doc_type":"normative","formed_on":"2020-03-02","validity":"in_force","published_at":"2020-03-09T09:00:00+08:00"}
{"index_no":"A/2020-2","title":"2020年普法工作要点","category":"rules/policy","doc_type":"policy","formed_on":"2020-03-02","published_at":"2020-03-09T09:00:00+08:00"}
{"index_no":"A/2018-1","title":"关于印发《社区矫正工作细则》的通知","category":"rules/normative","doc_type":"normative","formed_on":"2018-04-02","validity":"repealed","validity_changed_on":"2020-03-02","replaced_by":"A/2020-1","published_at":"2018-04-09T09:00:00+08:00"}
`), 0o644)
	run(ExitOK, "catalog", "import", "--agency", "北仑区司法局", items)
	decisions := filepath.Join(dir, "decisions.csv")
	os.WriteFile(decisions, []byte("文书号,决定日期,类别\n仑司罚决〔2020〕1号,2020-05-06,行政处罚\n仑司罚决〔2021〕1号,2021-01-06,行政处罚\n"), 0o644)
	run(ExitOK, "decisions", "import", "--agency", "北仑区司法局", decisions)

	built, cells := filepath.Join(dir, "2020.json"), filepath.Join(dir, "cells.json")
	_, notes := run(ExitOK, "report", "build", "--agency", "北仑区司法局", "--year", "2020", "-o", built, "--cells", cells)
	r := decodeReport(t, built)
	p := r.Proactive2019
	if r.Template != report.Template2019 || p == nil {
		t.Fatalf("template %s, table 二 %+v; want the 2019 template with table 二", r.Template, p)
	}
	n := report.N
	if p.NormativeDocuments != (report.Triple2019{Made: n(1), Published: n(2), Total: n(3)}) ||
		p.Regulations != (report.Triple2019{Made: n(0), Published: n(0), Total: n(0)}) ||
		p.Penalty.Decisions != n(1) || p.Licensing.Decisions != n(0) || p.Coercion.Decisions != n(0) {
		t.Errorf("table 二 from records: %+v", *p)
	}
	if p.Licensing.PrevYear.Valid || p.Licensing.Change.Valid || p.OtherServices.Decisions.Valid || p.Fees.PrevYear.Valid || p.ProcurementCount.Valid {
		t.Errorf("cells records cannot give were filled: %+v", *p)
	}
	var bc builtCells
	if b, err := os.ReadFile(cells); err != nil || json.Unmarshal(b, &bc) != nil {
		t.Fatalf("cells.json: %v", err)
	}
	if got := bc.Cells["proactive_2019.penalty.decisions"]; len(got) != 1 || got[0] != "仑司罚决〔2020〕1号" {
		t.Errorf("records behind 行政处罚 处理决定数量: %v", got)
	}
	for _, id := range catalog.Filled2019 {
		if slices.Contains(bc.HandEntered, id) {
			t.Errorf("%s comes from records but is listed as hand-entered", id)
		}
	}
	for _, id := range []report.CellID{"proactive_2019.licensing.prev_year", "proactive_2019.other_services.decisions", "proactive_2019.procurement_count"} {
		if !slices.Contains(bc.HandEntered, id) {
			t.Errorf("%s is not listed as hand-entered: %v", id, bc.HandEntered)
		}
	}
	if !strings.Contains(notes, "表二（2019 年试行格式）由主动公开记录生成：规范性文件本年新制作 1 件、本年新公开 2 件、对外公开总数 3 件") {
		t.Errorf("build notes:\n%s", notes)
	}
}
