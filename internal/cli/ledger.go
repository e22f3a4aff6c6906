package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/ledger"
)

// ledgerCommands are the subcommands of `gongkai ledger`.
var ledgerCommands = []subcommand{
	{"check", "检查台账，列出全部错误 / validate a ledger, listing every error: check [--json] FILE", runLedgerCheck},
	{"import", "导入台账（全部或全不）/ import a ledger, all or nothing: import --agency NAME FILE", runLedgerImport},
	{"export", "导出台账 / export a year's records as a ledger: export --agency NAME --year Y -o FILE", runLedgerExport},
}

// runLedger dispatches `gongkai ledger <subcommand>`.
func runLedger(ctx context.Context, env Env) int {
	return dispatchStore(ctx, env, "ledger", ledgerCommands,
		"0 无错误 no error · 1 台账有错误 the ledger has errors · 2 参数错误或无法读取 bad usage or unreadable input")
}

// ledgerCheckJSON is the --json output of `gongkai ledger check`.
type ledgerCheckJSON struct {
	File     string           `json:"file"`
	Records  int              `json:"records"`
	Open     int              `json:"open"`
	Problems []ledgerProblemJ `json:"problems"`
	Error    string           `json:"error,omitempty"`
}

type ledgerProblemJ struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// runLedgerCheck implements `gongkai ledger check [--json] FILE`: read the
// ledger as an import would and list every problem. Exit 0 when it would
// import, 1 when it has problems, 2 when it cannot be read at all.
func runLedgerCheck(ctx context.Context, env Env) int {
	const usage = "gongkai ledger check [--json] FILE"
	fs := reportFlagSet("check", env, usage)
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "以 JSON 输出 / write JSON")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return ExitUsage
	}
	path := pos[0]
	led, err := ledger.ReadFile(path)
	out := ledgerCheckJSON{File: path, Problems: []ledgerProblemJ{}}
	var probs ledger.Problems
	switch {
	case errors.As(err, &probs):
		code = ExitFailure
		for _, p := range probs {
			out.Problems = append(out.Problems, ledgerProblemJ{p.Row, p.Column, p.Reason})
		}
	case err != nil:
		code = ExitUsage
		out.Error = err.Error()
	default:
		code = ExitOK
		out.Records = len(led.Records)
		for i := range led.Records {
			if !led.Records[i].HasResult {
				out.Open++
			}
		}
	}
	if *asJSON {
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			fmt.Fprintf(env.Stderr, "gongkai ledger check: %v\n", err)
			return ExitFailure
		}
		env.Stdout.Write(append(b, '\n'))
		return code
	}
	switch code {
	case ExitOK:
		fmt.Fprintf(env.Stdout, "%s：%d 条记录，其中 %d 条尚未办结；没有发现错误，可以导入。\n", path, out.Records, out.Open)
		if len(led.NoteHeaders) > 0 {
			fmt.Fprintf(env.Stdout, "以下列不属于台账格式，将作为备注保留：%s\n", strings.Join(led.NoteHeaders, "、"))
		}
	case ExitFailure:
		fmt.Fprintf(env.Stdout, "%s：有 %d 处错误，不能导入（导入是全部或全不）：\n", path, len(probs))
		for _, p := range probs {
			fmt.Fprintln(env.Stdout, p)
		}
	default:
		fmt.Fprintf(env.Stderr, "gongkai ledger check: %s\n", out.Error)
	}
	return code
}

// runLedgerImport implements `gongkai ledger import --agency NAME FILE`:
// every record of the ledger becomes a stored request of the agency, in
// one transaction (all or nothing). Exit 1 lists the problems of the file
// (or the 申请编号 already taken) and imports nothing.
func runLedgerImport(ctx context.Context, env Env) int {
	const usage = "gongkai ledger import --agency NAME FILE"
	a, code, ok := parseAgencyFile(env, usage, "导入到哪个机关 / the agency the requests belong to")
	if !ok {
		return code
	}
	path := a.path
	led, err := ledger.ReadFile(path)
	var probs ledger.Problems
	switch {
	case errors.As(err, &probs):
		fmt.Fprintf(env.Stdout, "%s：有 %d 处错误，未导入任何记录（导入是全部或全不）：\n", path, len(probs))
		for _, p := range probs {
			fmt.Fprintln(env.Stdout, p)
		}
		return ExitFailure
	case err != nil:
		fmt.Fprintf(env.Stderr, "gongkai ledger import: %v\n", err)
		return ExitUsage
	}
	st, svc, ag, err := openCasework(ctx, &a.sf, a.agency)
	if err != nil {
		return fail(env.Stderr, "ledger import", err)
	}
	defer st.Close()
	res, err := svc.ImportLedger(ctx, audit.CLI, ag.ID, led)
	if errors.As(err, &probs) {
		fmt.Fprintf(env.Stdout, "%s：有 %d 处错误，未导入任何记录（导入是全部或全不）：\n", path, len(probs))
		for _, p := range probs {
			fmt.Fprintln(env.Stdout, p)
		}
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, "ledger import", err)
	}
	fmt.Fprintf(env.Stdout, "已导入 %s：%d 件申请（其中 %d 件尚未办结），%d 件行政复议、行政诉讼。\nimported %d requests (%d open) and %d appeals into %s.\n",
		ag.Name, res.Requests, res.Open, res.Appeals, res.Requests, res.Open, res.Appeals, ag.Name)
	return ExitOK
}

// runLedgerExport implements `gongkai ledger export --agency NAME --year Y
// -o FILE`: the requests that count in the report on Y (received in Y,
// still open on 1 January, or with a review or lawsuit counted in table
// 四) as a ledger, CSV or XLSX by the file's extension.
func runLedgerExport(ctx context.Context, env Env) int {
	const usage = "gongkai ledger export --agency NAME --year Y -o FILE"
	fs := reportFlagSet("export", env, usage)
	var sf storeFlags
	sf.register(fs)
	agencyName := fs.String("agency", "", "机关名称 / the agency")
	year := fs.Int("year", 0, "年度 / the year")
	out := fs.String("o", "", "输出文件，.csv 或 .xlsx / output file, .csv or .xlsx")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if *agencyName == "" || *year == 0 || *out == "" || len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	write := map[string]func(io.Writer, *ledger.Ledger) error{".csv": ledger.WriteCSV, ".xlsx": ledger.WriteXLSX}[strings.ToLower(filepath.Ext(*out))]
	if write == nil {
		fmt.Fprintf(env.Stderr, "gongkai ledger export: -o 应为 .csv 或 .xlsx 文件 (the output must end in .csv or .xlsx): %s\n", *out)
		return ExitUsage
	}
	st, svc, ag, err := openCasework(ctx, &sf, *agencyName)
	if err != nil {
		return fail(env.Stderr, "ledger export", err)
	}
	defer st.Close()
	led, err := svc.ExportLedger(ctx, audit.CLI, ag.ID, *year)
	if err != nil {
		return fail(env.Stderr, "ledger export", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai ledger export: %v\n", err)
		return ExitFailure
	}
	if err := write(f, led); err != nil {
		f.Close()
		fmt.Fprintf(env.Stderr, "gongkai ledger export: %v\n", err)
		return ExitFailure
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai ledger export: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "已导出 %s %d 年度台账 %d 条记录到 %s / exported %d records\n", ag.Name, *year, len(led.Records), *out, len(led.Records))
	return ExitOK
}
