// Package cli implements the gongkai command line: one file per
// subcommand, each on the standard library's flag package.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Env is what a subcommand gets from the process: its arguments after the
// subcommand name and the three standard streams.
type Env struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// A command is one top-level subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env Env) int
}

// commands lists every top-level subcommand. Each lives in its own file.
var commands = map[string]command{
	"serve":     {"运行服务器 / run the web server", runServe},
	"migrate":   {"升级数据库结构 / bring the database schema up to date", runMigrate},
	"agency":    {"管理机关 / manage agencies (add, list)", runAgency},
	"user":      {"管理账户 / manage accounts (add, disable, reset)", runUser},
	"backup":    {"备份数据库 / back up the database", runBackup},
	"config":    {"查看配置 / show the configuration (dump)", runConfig},
	"audit":     {"审计日志 / audit log (verify)", runAudit},
	"keys":      {"密钥 / keys (rotate the personal-data key)", runKeys},
	"report":    {"年度报告 / annual reports (check, convert, audit, build)", runReport},
	"deadline":  {"计算答复期限 / compute a request's due date", runDeadline},
	"ledger":    {"依申请公开台账 / request ledger (import, export)", runLedger},
	"catalog":   {"主动公开目录 / the 主动公开 catalogue (import, export)", runCatalog},
	"decisions": {"行政许可、处罚、强制决定（表二）/ decisions counted in table 二 (import)", runDecisions},
	"fees":      {"行政事业性收费（表二）/ fees counted in table 二 (import)", runFees},
	"token":     {"集成接口令牌 / API tokens for integrations (add, list, revoke)", runToken},
	"scan":      {"个人信息与密级扫描 / scan files for personal data, 密级 markings and hidden content", runScan},
	"search":    {"检索主动公开信息（条例第二十四条）/ search published items; reindex rebuilds the index", runSearch},
	"site":      {"门户网站标识、公开指南与制度 / the portal's footer identity, agencies' guides and rules (show, set, guide, rules)", runSite},
	"export":    {"导出公开数据（JSON Lines 与 CSV）/ export the public data in bulk (JSON Lines and CSV)", runExport},
}

// A subcommand is one subcommand of a command that has several
// (gongkai report check, gongkai ledger import).
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, env Env) int
}

// dispatch runs the subcommand of `gongkai cmd` that env.Args starts
// with. Without one, or with help, it lists subs and the exit codes.
func dispatch(ctx context.Context, env Env, cmd string, subs []subcommand, exitCodes string) int {
	if len(env.Args) == 0 || env.Args[0] == "-h" || env.Args[0] == "--help" || env.Args[0] == "help" {
		width := 0
		for _, c := range subs {
			width = max(width, len(c.name))
		}
		fmt.Fprintf(env.Stdout, "用法 usage: gongkai %s <subcommand> [flags]\n", cmd)
		fmt.Fprintln(env.Stdout, "\n子命令 subcommands:")
		for _, c := range subs {
			fmt.Fprintf(env.Stdout, "  %-*s %s\n", width+1, c.name, c.summary)
		}
		fmt.Fprintln(env.Stdout, "\n退出码 exit codes: "+exitCodes)
		if len(env.Args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range subs {
		if c.name == env.Args[0] {
			sub := env
			sub.Args = env.Args[1:]
			return c.run(ctx, sub)
		}
	}
	fmt.Fprintf(env.Stderr, "gongkai %s: 未知子命令 %q (unknown subcommand); 运行 gongkai %s help 查看全部子命令\n", cmd, env.Args[0], cmd)
	return ExitUsage
}

// dispatchStore is dispatch for commands whose subcommands open the store:
// global flags given first (gongkai --data DIR ledger check …) are moved
// after the subcommand's name, which registers them too.
func dispatchStore(ctx context.Context, env Env, cmd string, subs []subcommand, exitCodes string) int {
	pre := flag.NewFlagSet(cmd, flag.ContinueOnError)
	pre.SetOutput(io.Discard)
	var sf storeFlags
	sf.register(pre)
	if err := pre.Parse(env.Args); err == nil && pre.NArg() > 0 {
		env.Args = placeGlobal(env.Args[:len(env.Args)-pre.NArg()], pre.Args())
	}
	return dispatch(ctx, env, cmd, subs, exitCodes)
}

// An agencyFile is what `--agency NAME FILE` commands parse.
type agencyFile struct {
	sf     storeFlags
	agency string
	path   string
}

// parseAgencyFile parses `[store flags] --agency NAME FILE` for the
// import commands; ok is false when the command should end with code.
func parseAgencyFile(env Env, usage, agencyHelp string) (a agencyFile, code int, ok bool) {
	fs := reportFlagSet("import", env, usage)
	a.sf.register(fs)
	name := fs.String("agency", "", agencyHelp)
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return a, code, false
	}
	if *name == "" || len(pos) != 1 {
		fs.Usage()
		return a, ExitUsage, false
	}
	a.agency, a.path = *name, pos[0]
	return a, 0, true
}

// Exit codes shared by the subcommands.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and found a problem (e.g. an error-severity finding)
	ExitUsage   = 2 // bad arguments or unreadable input
)

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	name, rest, global := splitGlobal(args)
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "gongkai: 未知命令 %q (unknown command); 运行 gongkai help 查看全部命令\n", name)
		return ExitUsage
	}
	// Global flags given before the command name are passed on after it (and
	// after a nested subcommand's name: gongkai --data D report build ...),
	// so the FlagSet that finally parses the arguments sees them.
	return cmd.run(ctx, Env{Args: placeGlobal(global, rest), Stdin: stdin, Stdout: stdout, Stderr: stderr})
}

// splitGlobal separates flags written before the subcommand name
// (gongkai --data DIR agency add ...) from the subcommand and its arguments.
func splitGlobal(args []string) (name string, rest, global []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			return a, args[i+1:], global
		}
		global = append(global, a)
		if !strings.Contains(a, "=") && i+1 < len(args) {
			i++
			global = append(global, args[i])
		}
	}
	return "", nil, global
}

// placeGlobal inserts the global flags into a command's arguments: after
// the nested subcommand name when the arguments start with one, else first.
func placeGlobal(global, rest []string) []string {
	if len(global) == 0 {
		return rest
	}
	out := make([]string, 0, len(global)+len(rest))
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		out = append(out, rest[0])
		rest = rest[1:]
	}
	out = append(out, global...)
	return append(out, rest...)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gongkai — 政府信息公开工作平台 / government information disclosure platform")
	fmt.Fprintln(w, "\n用法 usage: gongkai [--data DIR | --database-url URL] <command> [flags]")
	fmt.Fprintln(w, "\n命令 commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
}
