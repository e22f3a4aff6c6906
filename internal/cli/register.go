package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ledger"
)

// runDecisions dispatches `gongkai decisions <subcommand>`.
func runDecisions(ctx context.Context, env Env) int {
	return dispatchRegister(ctx, env, "decisions", []subcommand{
		{"import", "导入处理决定（CSV/XLSX，全部或全不）/ import decisions, all or nothing: import --agency NAME FILE", runDecisionsImport},
	})
}

// runFees dispatches `gongkai fees <subcommand>`.
func runFees(ctx context.Context, env Env) int {
	return dispatchRegister(ctx, env, "fees", []subcommand{
		{"import", "导入收费记录（CSV/XLSX，全部或全不）/ import fee entries, all or nothing: import --agency NAME FILE", runFeesImport},
	})
}

func dispatchRegister(ctx context.Context, env Env, cmd string, subs []subcommand) int {
	return dispatchStore(ctx, env, cmd, subs,
		"0 成功 done · 1 文件有错误，未导入 the file has errors, nothing imported · 2 参数错误或无法读取 bad usage or unreadable input")
}

// registerImport parses `--agency NAME FILE`, reads the file with read
// and stores it with store; problems of the file are listed and nothing
// is imported.
func registerImport[T any](ctx context.Context, env Env, cmd string, read func(io.Reader) ([]T, error),
	store func(ctx context.Context, svc *catalog.Service, agencyID int64, rows []T) (string, error)) int {
	usage := "gongkai " + cmd + " --agency NAME FILE"
	a, code, ok := parseAgencyFile(env, usage, "机关名称 / the agency")
	if !ok {
		return code
	}
	path := a.path
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai %s: %v\n", cmd, err)
		return ExitUsage
	}
	rows, err := read(f)
	f.Close()
	var probs ledger.Problems
	if errors.As(err, &probs) {
		printProblems(env.Stdout, path, probs)
		return ExitFailure
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai %s: %v\n", cmd, err)
		return ExitUsage
	}
	_, svc, ag, closeAll, err := openCatalog(ctx, &a.sf, a.agency)
	if err != nil {
		return fail(env.Stderr, cmd, err)
	}
	defer closeAll()
	msg, err := store(ctx, svc, ag.ID, rows)
	if errors.As(err, &probs) {
		printProblems(env.Stdout, path, probs)
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, cmd, err)
	}
	fmt.Fprintf(env.Stdout, "已导入 %s：%s\n", ag.Name, msg)
	return ExitOK
}

func printProblems(w io.Writer, path string, probs ledger.Problems) {
	fmt.Fprintf(w, "%s：有 %d 处错误，未导入任何记录（导入是全部或全不）：\n", path, len(probs))
	for _, p := range probs {
		fmt.Fprintln(w, p)
	}
}

// runDecisionsImport implements `gongkai decisions import --agency NAME
// FILE` (catalog.md §3).
func runDecisionsImport(ctx context.Context, env Env) int {
	return registerImport(ctx, env, "decisions import", catalog.ReadDecisions,
		func(ctx context.Context, svc *catalog.Service, agencyID int64, ds []catalog.Decision) (string, error) {
			n := map[catalog.DecisionKind]int{}
			for _, d := range ds {
				n[d.Kind]++
			}
			return fmt.Sprintf("处理决定 %d 件（行政许可 %d，行政处罚 %d，行政强制 %d）。\nimported %d decisions.",
				len(ds), n[catalog.Licensing], n[catalog.Penalty], n[catalog.Coercion], len(ds)), svc.ImportDecisions(ctx, audit.CLI, agencyID, ds)
		})
}

// runFeesImport implements `gongkai fees import --agency NAME FILE`
// (catalog.md §3).
func runFeesImport(ctx context.Context, env Env) int {
	return registerImport(ctx, env, "fees import", catalog.ReadFees,
		func(ctx context.Context, svc *catalog.Service, agencyID int64, fs []catalog.Fee) (string, error) {
			var fen int64
			for _, f := range fs {
				fen += f.Fen
			}
			return fmt.Sprintf("收费记录 %d 笔，合计 %s 万元。\nimported %d fee entries.", len(fs), catalog.WanYuan(fen), len(fs)),
				svc.ImportFees(ctx, audit.CLI, agencyID, fs)
		})
}
