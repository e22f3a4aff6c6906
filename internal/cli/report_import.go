package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/report/corpus"
	"github.com/gongkai/gongkai/internal/report/parse"
	"github.com/gongkai/gongkai/internal/reportfile"
)

// runReportImport implements `gongkai report import [--year Y] FILE|DIR...`
// (#13, reports from outside): read published reports in any format the
// engine reads (folders walked as by audit), match each to an agency of the
// hierarchy by the name it states (exact, then a unique suffix), and store
// them as published with their source file (blob store) and date, their
// cells and findings counts in the overview's tables. All or nothing:
// when a file cannot be read or matched, every problem is listed and
// nothing is imported. Exit 0 imported, 1 nothing imported because of the
// files' problems, 2 bad usage or unreadable input.
func runReportImport(ctx context.Context, env Env) int {
	const usage = "gongkai report import [--year Y] FILE|DIR..."
	fs := reportFlagSet("import", env, usage)
	var sf storeFlags
	sf.register(fs)
	year := fs.Int("year", 0, "报告年度；未写明年度的报告取此年度，写明其他年度的报告不导入 / the year: reports stating none take it, reports stating another are refused")
	paths, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fs.Usage()
		return ExitUsage
	}
	if *year != 0 && (*year < 2008 || *year > 2200) {
		fmt.Fprintln(env.Stderr, "gongkai report import: --year 应为报告年度，如 2023 (--year must be the year reported on, e.g. 2023)")
		return ExitUsage
	}
	files, err := corpus.Collect(paths, "")
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report import: %v\n", err)
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(env.Stderr, "gongkai report import: 未找到报告文件 (no report files; looked for %s)\n", strings.Join(corpus.Extensions, " "))
		return ExitUsage
	}
	bar := newProgress(env.Stderr, "读取 reading", len(files))
	items, unreadable := readImports(ctx, files, func(done int) { bar.Set(done) })
	bar.Finish()
	if ctx.Err() != nil {
		return ExitFailure
	}
	if len(unreadable) > 0 {
		for _, u := range unreadable {
			fmt.Fprintf(env.Stderr, "gongkai report import: %s\n", u)
		}
		fmt.Fprintf(env.Stderr, "gongkai report import: %d 个文件无法读取，未导入任何报告（导入是全部或全不）(%d files cannot be read; nothing was imported)\n", len(unreadable), len(unreadable))
		return ExitUsage
	}
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "report import", err)
	}
	defer st.Close()
	// The source files go to the server's blob store.
	bs, err := openBlobs(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "report import", err)
	}
	defer bs.Close()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "report import", err)
	}
	svc, err := annual.New(st, annual.NoCompiler{}, st, log)
	if err != nil {
		return fail(env.Stderr, "report import", err)
	}
	done, err := svc.Import(ctx, bs, audit.CLI, items, *year)
	var probs annual.ImportProblems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintf(env.Stderr, "gongkai report import: %s: %s\n", p.File, app.ErrorText(p.Err))
		}
		fmt.Fprintf(env.Stderr, "gongkai report import: %d 个文件不能导入，未导入任何报告（导入是全部或全不）(%d files cannot be imported; nothing was imported)\n", len(probs), len(probs))
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, "report import", err)
	}
	printImported(env.Stdout, done)
	return ExitOK
}

// readImports reads and parses files on one worker per core; unreadable
// lists "file: reason" for those that fail, in path order.
func readImports(ctx context.Context, files []string, progress func(done int)) ([]annual.Import, []string) {
	items := make([]annual.Import, len(files))
	errs := make([]string, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				items[i], errs[i] = readImport(ctx, files[i])
				mu.Lock()
				n++
				progress(n)
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	var bad []string
	for _, e := range errs {
		if e != "" {
			bad = append(bad, e)
		}
	}
	return items, bad
}

// readImport reads one file; the error names the file once.
func readImport(ctx context.Context, path string) (annual.Import, string) {
	it := annual.Import{File: path}
	fh, err := os.Open(path)
	if err != nil {
		return it, fmt.Sprintf("%s: 无法打开文件 (%v)", path, errors.Unwrap(err))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, parse.MaxSize+1))
	if err != nil {
		return it, fmt.Sprintf("%s: 读取失败 (%v)", path, err)
	}
	if it, err = reportfile.Parse(ctx, path, data); err != nil {
		return it, err.Error()
	}
	return it, ""
}

// printImported lists what was imported, then a total.
func printImported(w io.Writer, done []annual.Imported) {
	withErrors := 0
	for _, d := range done {
		fmt.Fprintf(w, "%s → %s · %d 年度 · 错误 %d 项，警告 %d 项\n", d.File, d.Agency.Name, d.Year, d.Errors, d.Warnings)
		if d.Errors > 0 {
			withErrors++
		}
	}
	fmt.Fprintf(w, "已导入 %d 份报告，作为已发布报告保存（原文件存入附件库）；其中 %d 份有错误 (imported %d reports as published, %d with errors)\n",
		len(done), withErrors, len(done), withErrors)
}
