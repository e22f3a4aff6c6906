package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/report/render"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// buildFormats are the outputs of `gongkai report build`; binary ones are
// never written to a terminal.
var buildFormats = map[string]struct {
	binary bool
	write  func(io.Writer, *report.Report) error
}{
	"json": {false, render.JSON},
	"html": {false, func(w io.Writer, r *report.Report) error { return render.HTML(w, r, report.Validate(r, nil)) }},
	"docx": {true, render.DOCX},
	"xlsx": {true, render.XLSX},
}

// runReportBuild implements `gongkai report build`: tables 三 and 四 of
// the report on --year compiled from the records by the counting rules of
// regulation.md §7 (package compile). With --ledger FILE the records come
// from a ledger (no database); with --agency alone they come from the
// requests stored in the database (package casework).
//
// Table 二 and the free text cannot come from records: they are left
// empty and listed on stderr as cells to enter by hand. --cells FILE
// writes the request ids behind every compiled cell as JSON.
func runReportBuild(ctx context.Context, env Env) int {
	const usage = "gongkai report build (--ledger FILE | --agency NAME [--area]) --year Y [--agency NAME] [--to json|html|docx|xlsx] [-o OUT] [--cells FILE]"
	fs := reportFlagSet("build", env, usage)
	var sf storeFlags
	sf.register(fs)
	ledgerPath := fs.String("ledger", "", "从台账（CSV 或 XLSX）生成，无需数据库 / compile from a ledger file, no database")
	agencyName := fs.String("agency", "", "机关名称（报告标题中的名称）/ the agency's name")
	year := fs.Int("year", 0, "报告年度 / the year reported on")
	to := fs.String("to", "", "输出格式 json（默认）、html、docx、xlsx / output format (default: from -o, else json)")
	out := fs.String("o", "", "输出文件（默认标准输出）/ output file (default stdout)")
	area := fs.Bool("area", false, "人民政府的全区域报告（本机关及所辖机关合计，不保存）/ a government's whole-area report (summed over its subtree; nothing stored)")
	cellsPath := fs.String("cells", "", "把每个单元格对应的申请编号写入此 JSON 文件 / write the request ids behind each cell to this JSON file")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "gongkai report build: 多余的参数 %q (unexpected arguments)\n", pos)
		fs.Usage()
		return ExitUsage
	}
	if *ledgerPath == "" && *agencyName == "" {
		fmt.Fprintln(env.Stderr, "gongkai report build: 需要 --ledger FILE 或 --agency NAME (give --ledger FILE or --agency NAME)")
		fs.Usage()
		return ExitUsage
	}
	if *year < 2008 || *year > 2100 {
		fmt.Fprintln(env.Stderr, "gongkai report build: --year 应为报告年度，如 2023 (--year must be the year reported on, e.g. 2023)")
		return ExitUsage
	}
	format := *to
	if format == "" {
		format = "json"
		if ext := strings.TrimPrefix(filepath.Ext(*out), "."); *out != "" && buildFormats[ext].write != nil {
			format = ext
		}
	}
	fm, known := buildFormats[format]
	if !known {
		fmt.Fprintf(env.Stderr, "gongkai report build: --to 应为 json、html、docx 或 xlsx (got %q)\n", format)
		return ExitUsage
	}
	if fm.binary && *out == "" && reportIsTerminal(env.Stdout) {
		fmt.Fprintf(env.Stderr, "gongkai report build: 不向终端输出 %s 二进制内容，请用 -o 指定输出文件 (refusing to write %s to a terminal; use -o FILE)\n", format, format)
		return ExitUsage
	}
	if *area {
		if *ledgerPath != "" || *agencyName == "" || *cellsPath != "" {
			fmt.Fprintln(env.Stderr, "gongkai report build: --area 需要 --agency NAME，不能与 --ledger、--cells 同用 (--area needs --agency NAME, without --ledger or --cells)")
			return ExitUsage
		}
		return reportBuildArea(ctx, env, &sf, *agencyName, *year, *out, fm.write)
	}
	if *ledgerPath == "" {
		return reportBuildFromStore(ctx, env, &sf, *agencyName, *year, *out, *cellsPath, fm.write)
	}

	led, err := ledger.ReadFile(*ledgerPath)
	var probs ledger.Problems
	switch {
	case errors.As(err, &probs):
		fmt.Fprintf(env.Stderr, "gongkai report build: %s: %v\n", *ledgerPath, err)
		return ExitFailure
	case err != nil:
		fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
		return ExitUsage
	}
	res, err := compile.Compile(*agencyName, *year, led.Cases())
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
		return ExitFailure
	}
	if err := writeBuilt(env, *out, fm.write, res.Report); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
		return ExitFailure
	}
	if *cellsPath != "" {
		if err := writeCells(*cellsPath, res); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
			return ExitFailure
		}
	}
	buildNotes(env.Stderr, led, res, *year)
	return ExitOK
}

// writeBuilt writes the report to path, or to stdout when path is "".
func writeBuilt(env Env, path string, write func(io.Writer, *report.Report) error, r *report.Report) error {
	if path == "" {
		return write(env.Stdout, r)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := write(f, r); err != nil {
		f.Close()
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return f.Close()
}

// builtCells is the JSON --cells writes.
type builtCells struct {
	Agency      string                     `json:"agency"`
	Year        int                        `json:"year"`
	Cells       map[report.CellID][]string `json:"cells"`
	HandEntered []report.CellID            `json:"hand_entered"`
}

// writeCells writes the request ids behind every compiled cell.
func writeCells(path string, res *compile.Result) error {
	b, err := json.MarshalIndent(builtCells{res.Report.Agency, res.Report.Year, res.Cells, res.HandEntered}, "", "  ")
	if err != nil {
		return fmt.Errorf("write cells: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write cells: %w", err)
	}
	return nil
}

// buildNotes tells the operator what the compiled report does not hold.
func buildNotes(w io.Writer, led *ledger.Ledger, res *compile.Result, year int) {
	q := res.Report.Requests
	fmt.Fprintf(w, "已由台账 %d 条记录生成 %d 年度表三、表四：新收 %s 件，上年结转 %s 件，办结 %s 件，结转下年 %s 件。\n",
		len(led.Records), year, q[report.New][report.ColTotal], q[report.CarriedOver][report.ColTotal],
		q[report.RowTotal][report.ColTotal], q[report.CarriedForward][report.ColTotal])
	fmt.Fprintf(w, "表二（主动公开政府信息情况）%d 个单元格及正文无法由台账生成，已留空，须手工填写。\n", len(res.HandEntered))
	earlier := 0
	for i := range led.Records {
		if led.Records[i].Received.Year() < year {
			earlier++
		}
	}
	if earlier == 0 {
		fmt.Fprintf(w, "注意：台账中没有 %d 年以前收到的申请；若上年有结转的申请，请把它们也列入台账，否则“二、上年结转”偏少。\n", year)
	}
}

// reportBuildFromStore compiles the report of the agency named name from
// the requests stored in the database.
func reportBuildFromStore(ctx context.Context, env Env, sf *storeFlags, name string, year int, out, cellsPath string,
	write func(io.Writer, *report.Report) error) int {
	st, svc, ag, err := openCasework(ctx, sf, name)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	defer st.Close()
	res, n, err := svc.Compile(ctx, ag.ID, ag.Name, year)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	t2, facts, fromRecords, err := compileTable2(ctx, st, ag.ID, year, res)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	t19, absent := res.Report.Proactive2019, len(res.HandEntered)
	rec, err := st.ReportRecord(ctx, ag.ID, year)
	switch {
	case err == nil && rec.Status == annual.Published:
		// The published report is frozen (条例第四十九条): print it as published.
		if res.Report, err = rec.Report(); err != nil {
			return fail(env.Stderr, "report build", err)
		}
	case err == nil:
		annual.Assemble(res.Report, rec.Entries)
	case !errors.Is(err, apperr.NotFound):
		return fail(env.Stderr, "report build", err)
	}
	if err := writeBuilt(env, out, write, res.Report); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
		return ExitFailure
	}
	if cellsPath != "" {
		if err := writeCells(cellsPath, res); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
			return ExitFailure
		}
	}
	storeBuildNotes(env.Stderr, n, res, year, rec.Status != "")
	switch {
	case fromRecords && t19 != nil:
		table2019Notes(env.Stderr, *t19, absent)
		fmt.Fprintln(env.Stderr, "第二部分可引用："+facts.Sentence(nil))
	case fromRecords:
		table2Notes(env.Stderr, t2, rec.Entries)
		fmt.Fprintln(env.Stderr, "第二部分可引用："+facts.Sentence(nil))
	}
	switch rec.Status {
	case annual.Published:
		fmt.Fprintf(env.Stderr, "该年度报告已于 %s 由 %s 发布：输出的是发布时定稿的报告。\n", rec.PublishedAt.Format("2006-01-02"), rec.PublishedBy)
	case annual.Draft:
		fmt.Fprintf(env.Stderr, "已填入后台保存的人工填报内容（表二、正文、日期；%s 最后修改）。\n", rec.UpdatedBy)
	}
	return ExitOK
}

// compileTable2 fills table 二 from the agency's 主动公开 records
// (catalog.md §3) when it keeps them in gongkai; the cells filled stop
// being hand-entered and their records join the drill-down. A report in
// the 2019 template (years 2019 and 2020) gets the cells its records give
// (catalog.CompileTable2019); the others stay absent and hand-entered. It
// also returns the year's facts for section 二's narrative.
func compileTable2(ctx context.Context, st *sqlstore.Store, agencyID int64, year int, res *compile.Result) (report.Proactive, catalog.YearFacts, bool, error) {
	var none catalog.YearFacts
	svc, err := catalog.NewService(st, &audit.Log{Store: st})
	if err != nil {
		return report.Proactive{}, none, false, err
	}
	keeps, err := svc.KeepsRecords(ctx, agencyID)
	if err != nil || !keeps {
		return report.Proactive{}, none, false, err
	}
	facts, err := svc.Facts(ctx, agencyID, year)
	if err != nil {
		return report.Proactive{}, none, false, err
	}
	var cells map[report.CellID][]string
	var t2 report.Proactive
	if compile.TemplateFor(year) == report.Template2019 {
		t, err := svc.Table2019(ctx, agencyID, year)
		if err != nil {
			return report.Proactive{}, none, false, err
		}
		p := t.Proactive
		res.Report.Proactive2019, cells = &p, t.Cells
	} else {
		t, err := svc.Table2(ctx, agencyID, year)
		if err != nil {
			return report.Proactive{}, none, false, err
		}
		res.Report.Proactive, t2, cells = t.Proactive, t.Proactive, t.Cells
	}
	for id, refs := range cells {
		res.Cells[id] = refs
	}
	res.HandEntered = stillAbsent(res.Report.Template)
	return t2, facts, true, nil
}

// stillAbsent lists the table 二 cells that records leave to be entered by
// hand: in the 2019 template those catalog.Filled2019 does not name, in
// the 2021 template none.
func stillAbsent(t report.Template) []report.CellID {
	if t != report.Template2019 {
		return nil
	}
	var out []report.CellID
	for _, id := range compile.HandEntered(t) {
		if !slices.Contains(catalog.Filled2019, id) {
			out = append(out, id)
		}
	}
	return out
}

// table2019Notes tells the operator which cells of a 2019-template table
// 二 came from the records and how many are left to enter by hand.
func table2019Notes(w io.Writer, p report.Proactive2019, absent int) {
	fmt.Fprintf(w, "表二（2019 年试行格式）由主动公开记录生成：规范性文件本年新制作 %s 件、本年新公开 %s 件、对外公开总数 %s 件；规章 %s、%s、%s 件；"+
		"处理决定数量：行政许可 %s、行政处罚 %s、行政强制 %s 件。其余 %d 个单元格（上一年项目数量、本年增/减、其他对外管理服务事项、政府集中采购）记录无法生成，留空待填。\n",
		p.NormativeDocuments.Made, p.NormativeDocuments.Published, p.NormativeDocuments.Total,
		p.Regulations.Made, p.Regulations.Published, p.Regulations.Total,
		p.Licensing.Decisions, p.Penalty.Decisions, p.Coercion.Decisions, absent)
}

// table2Notes tells the operator where table 二 came from and which cells
// the report editor overrode by hand.
func table2Notes(w io.Writer, t2 report.Proactive, e annual.Entries) {
	fmt.Fprintf(w, "表二由主动公开记录生成：规范性文件本年制发 %s 件、废止 %s 件、现行有效 %s 件；行政许可 %s、行政处罚 %s、行政强制 %s 件；收费 %s 万元。\n",
		t2.NormativeDocuments.Issued, t2.NormativeDocuments.Repealed, t2.NormativeDocuments.InForce,
		t2.LicensingDecisions, t2.PenaltyDecisions, t2.CoercionDecisions, t2.FeesWanYuan)
	ov := annual.Overrides(t2, e)
	if len(ov) > 0 {
		fmt.Fprintf(w, "其中 %d 个单元格由报告编辑人工填报覆盖：\n", len(ov))
	}
	for _, o := range ov {
		reason := o.Reason
		if reason == "" {
			reason = "未说明理由"
		}
		fmt.Fprintf(w, "  %s：记录 %s，填报 %s（理由：%s）\n", o.Label, o.Compiled, o.Value, reason)
	}
}
