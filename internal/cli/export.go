package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/opendata"
)

// runExport implements `gongkai export --out DIR` (条例第二十四条 下载, issue
// #12): the public data in bulk, as a nightly job writes it — the
// published items and annual reports as JSON Lines, tables 二/三/四 as CSV,
// written into a new directory and renamed into place (package opendata).
// It reads only what the portal shows, so it needs no account.
func runExport(ctx context.Context, env Env) int {
	const usage = "gongkai export --out DIR"
	fs := reportFlagSet("export", env, usage)
	var sf storeFlags
	sf.register(fs)
	outDir := fs.String("out", "", "输出目录（不存在、为空，或为此前的导出）/ the directory to write (absent, empty, or an earlier export)")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(pos) != 0 || *outDir == "" {
		fs.Usage()
		return ExitUsage
	}
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "export", err)
	}
	defer st.Close()
	// The export only reads what is published: the services get the audit
	// log they require and a compiler that refuses (nothing is compiled).
	log := &audit.Log{Store: st}
	items, err := catalog.NewService(st, log)
	if err != nil {
		return fail(env.Stderr, "export", err)
	}
	reports, err := annual.New(st, annual.NoCompiler{}, st, log)
	if err != nil {
		return fail(env.Stderr, "export", err)
	}
	src := opendata.Source{Items: items, Reports: reports, Agencies: st}
	start := time.Now()
	m, err := opendata.Export(ctx, src, *outDir, start, func(kind string, n int) {
		fmt.Fprintf(env.Stderr, "\r%s: %d", kind, n)
	})
	fmt.Fprintln(env.Stderr)
	if err != nil {
		return fail(env.Stderr, "export", err)
	}
	fmt.Fprintf(env.Stdout, "已导出到 %s（%.1f 秒）/ exported to %s:\n", *outDir, time.Since(start).Seconds(), *outDir)
	for _, f := range m.Files {
		fmt.Fprintf(env.Stdout, "  %-14s %8d 行 rows  %10d bytes\n", f.Name, f.Rows, f.Bytes)
	}
	return ExitOK
}
