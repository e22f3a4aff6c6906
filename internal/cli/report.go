package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/corpus"
	"github.com/gongkai/gongkai/internal/report/render"
)

// reportCommands are the subcommands of `gongkai report`.
var reportCommands = []subcommand{
	{"check", "解析并校验年度报告 / parse and validate reports: check [--json] [--prev FILE] FILE...", runReportCheck},
	{"convert", "转换格式 / convert a report: convert --to json|html|docx|xlsx|svg [-o OUT] FILE", runReportConvert},
	{"audit", "审查整批报告 / audit a corpus: audit [--out DIR] PATH...", runReportAudit},
	{"build", "由台账数据生成年度报告 / build a report from the records", runReportBuild},
	{"import", "导入在别处发布的年度报告 / import reports published outside gongkai: import [--year Y] FILE|DIR...", runReportImport},
}

// runReport dispatches `gongkai report <subcommand>`.
func runReport(ctx context.Context, env Env) int {
	return dispatch(ctx, env, "report", reportCommands,
		"0 无错误 no error finding · 1 有错误 an error finding · 2 参数错误或无法读取 bad usage or unreadable input")
}

// reportFlagSet returns a FlagSet that reports errors on env.Stderr and does
// not exit the process.
func reportFlagSet(name string, env Env, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "用法 usage: %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// reportIsTerminal reports whether w is a terminal.
func reportIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// reportLoad reads one report for a command; the error names the file once.
func reportLoad(ctx context.Context, path string) (*report.Report, error) {
	r, err := corpus.Load(ctx, path)
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, path) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	return r, nil
}

// reportParseFlags parses a subcommand's flags; ok is false when the command
// should end with the returned code (help asked for, or a bad flag).
func reportParseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	pos, err := parseAll(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, ExitOK, false
	case err != nil:
		return nil, ExitUsage, false
	}
	return pos, 0, true
}

// runReportCheck implements `gongkai report check [--json] [--prev FILE]
// FILE...`: parse and validate each file; exit 0 when no error-severity
// finding, 1 when there is one, 2 when an input cannot be read.
//
// With --json it writes an array with one object per file: {file, agency,
// year, template, date, errors, warnings, rules, findings: [{rule,
// severity, cells, message, where}], error} (error only for an unreadable
// file; see corpus.File).
func runReportCheck(ctx context.Context, env Env) int {
	const usage = "gongkai report check [--json] [--prev FILE] FILE..."
	fs := reportFlagSet("check", env, usage)
	asJSON := fs.Bool("json", false, "以 JSON 输出 / write JSON")
	prevPath := fs.String("prev", "", "同一机关上一年度的报告，用于跨年校验 R6、R7 / the same agency's report for the year before")
	files, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return ExitUsage
	}
	var prev *report.Report
	if *prevPath != "" {
		var err error
		if prev, err = reportLoad(ctx, *prevPath); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai report check: --prev %v\n", err)
			return ExitUsage
		}
	}
	results := make([]corpus.File, 0, len(files))
	code = ExitOK
	unreadable := false
	for _, path := range files {
		if ctx.Err() != nil {
			return ExitFailure
		}
		f := corpus.Check(ctx, path, prev)
		if !f.Readable() {
			unreadable = true
			fmt.Fprintf(env.Stderr, "gongkai report check: %s: %s\n", path, f.Error)
		} else if f.Errors > 0 {
			code = ExitFailure
		}
		results = append(results, f)
	}
	if *asJSON {
		if err := corpus.WriteJSON(env.Stdout, results); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai report check: %v\n", err)
			return ExitFailure
		}
	} else {
		for i := range results {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			corpus.WriteText(env.Stdout, &results[i])
		}
		if len(results) > 1 {
			fmt.Fprintf(env.Stdout, "\n%s\n", corpus.Sum(results))
		}
	}
	if unreadable {
		return ExitUsage
	}
	return code
}

// convertFormats are the output formats of `gongkai report convert`;
// binary ones are not written to a terminal.
var convertFormats = map[string]struct {
	binary bool
	write  func(w io.Writer, r *report.Report) error
}{
	"json": {false, render.JSON},
	"html": {false, func(w io.Writer, r *report.Report) error { return render.HTML(w, r, report.Validate(r, nil)) }},
	"svg":  {false, render.SVG},
	"docx": {true, render.DOCX},
	"xlsx": {true, render.XLSX},
}

// runReportConvert implements `gongkai report convert --to
// json|html|docx|xlsx|svg [-o OUT] FILE`. Without -o the output goes to
// standard output, except DOCX and XLSX, which are refused when standard
// output is a terminal. --to defaults to the extension of OUT. The HTML
// page highlights the cells named in the report's findings.
func runReportConvert(ctx context.Context, env Env) int {
	const usage = "gongkai report convert --to json|html|docx|xlsx|svg [-o OUT] FILE"
	fs := reportFlagSet("convert", env, usage)
	to := fs.String("to", "", "输出格式 / output format: json, html, docx, xlsx, svg")
	out := fs.String("o", "", "输出文件（缺省为标准输出）/ output file (default: standard output)")
	args, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, "gongkai report convert: 需要且只能给出一个输入文件 (exactly one input FILE)")
		fs.Usage()
		return ExitUsage
	}
	format := strings.ToLower(*to)
	if format == "" && *out != "" && *out != "-" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if format == "htm" {
			format = "html"
		}
	}
	conv, known := convertFormats[format]
	if !known {
		fmt.Fprintf(env.Stderr, "gongkai report convert: --to 应为 json、html、docx、xlsx 或 svg (got %q)\n", *to)
		return ExitUsage
	}
	toStdout := *out == "" || *out == "-"
	if toStdout && conv.binary && reportIsTerminal(env.Stdout) {
		fmt.Fprintf(env.Stderr, "gongkai report convert: 不向终端输出 %s 二进制内容，请用 -o 指定输出文件 (refusing to write %s to a terminal; use -o FILE)\n", format, format)
		return ExitUsage
	}
	r, err := reportLoad(ctx, args[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report convert: %v\n", err)
		return ExitUsage
	}
	var buf bytes.Buffer
	if err := conv.write(&buf, r); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report convert: %s: render %s: %v\n", args[0], format, err)
		return ExitFailure
	}
	if toStdout {
		if _, err := env.Stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai report convert: write: %v\n", err)
			return ExitFailure
		}
		return ExitOK
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report convert: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stderr, "已写入 %s（%d 字节）/ wrote %s\n", *out, buf.Len(), *out)
	return ExitOK
}

// runReportAudit implements `gongkai report audit [--out DIR] PATH...`:
// read every report under the paths (folders recursively) on a bounded
// pool of workers, validate each with the previous year's report of the
// same agency, and write DIR/findings.json, DIR/findings.txt and
// DIR/summary.html. Unreadable files are listed, not fatal. Exit 0 when
// every file was read and no error-severity finding was made, 1 otherwise,
// 2 for bad usage, a missing PATH or an output folder that cannot be written.
func runReportAudit(ctx context.Context, env Env) int {
	const usage = "gongkai report audit [--out DIR] [--workers N] PATH..."
	fs := reportFlagSet("audit", env, usage)
	outDir := fs.String("out", "report-audit", "结果目录 / output folder")
	workers := fs.Int("workers", 0, "同时解析的文件数，0 为每核一个 / files parsed at once (0: one per core)")
	paths, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fs.Usage()
		return ExitUsage
	}
	files, err := corpus.Collect(paths, *outDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report audit: %v\n", err)
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(env.Stderr, "gongkai report audit: 未找到报告文件 (no report files; looked for %s)\n", strings.Join(corpus.Extensions, " "))
		return ExitUsage
	}
	opts := corpus.Options{Workers: *workers}
	bar := newProgress(env.Stderr, "审查 auditing", len(files))
	opts.Progress = func(done, total int) {
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
	defer bar.Finish()
	// The results are written as they come (corpus.Audit), so that memory
	// stays flat over ten thousand files; unreadable ones are named here.
	t, err := corpus.Audit(ctx, files, *outDir, opts, func(f *corpus.File) {
		if !f.Readable() {
			fmt.Fprintf(env.Stderr, "gongkai report audit: %s: %s\n", f.File, f.Error)
		}
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report audit: %v\n", err)
		if ctx.Err() != nil {
			return ExitFailure
		}
		return ExitUsage
	}
	fmt.Fprintln(env.Stdout, t)
	fmt.Fprintf(env.Stdout, "结果 results: %s %s %s\n", filepath.Join(*outDir, "summary.html"),
		filepath.Join(*outDir, "findings.json"), filepath.Join(*outDir, "findings.txt"))
	if t.Errors > 0 || t.Unreadable > 0 {
		return ExitFailure
	}
	return ExitOK
}
