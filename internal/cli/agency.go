package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/ledger"
)

var agencyUsage = []string{
	"gongkai agency add --name 名称 [--parent 上级机关名称] [--oversees 监督的机关名称] [--kind 人民政府|部门|乡镇/街道|其他] [--no-report]",
	"gongkai agency list",
	"gongkai agency import FILE.csv|FILE.xlsx   (列 名称*、上级、类型*、统一社会信用代码、监督范围、编制年报)",
}

// runAgency manages agencies: add one, or list the hierarchy.
func runAgency(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("agency", env)
	sf.register(fs)
	if err := fs.Parse(env.Args); err != nil {
		return fail(env.Stderr, "agency", err)
	}
	if fs.NArg() == 0 {
		return usageError(env.Stderr, agencyUsage...)
	}
	sub, rest := fs.Arg(0), fs.Args()[1:]
	sfs := flagSet("agency "+sub, env)
	sf.register(sfs)
	switch sub {
	case "add":
		name := sfs.String("name", "", "机关全称 / full name (必填)")
		parent := sfs.String("parent", "", "上级机关名称 / parent agency name")
		oversees := sfs.String("oversees", "", "本机关监督其下级的机关名称 (政务公开办) / agency whose subtree this one supervises")
		kindText := sfs.String("kind", "", "机关类型 / kind: 人民政府, 部门, 乡镇/街道, 其他 (默认按名称推定 / default: guessed from the name)")
		noReport := sfs.Bool("no-report", false, "本机关不单独编制年度报告 / publishes no annual report of its own")
		if pos, err := parseAll(sfs, rest); err != nil || len(pos) > 0 || *name == "" {
			if err != nil {
				return fail(env.Stderr, "agency add", err)
			}
			return usageError(env.Stderr, agencyUsage[0])
		}
		a := agency.Agency{Name: *name, NoReport: *noReport}
		if *kindText != "" {
			k, ok := agency.ParseKind(*kindText)
			if !ok {
				return fail(env.Stderr, "agency add", fmt.Errorf("--kind %q: 应为 人民政府、部门、乡镇/街道 或 其他 / must be 人民政府, 部门, 乡镇/街道 or 其他", *kindText))
			}
			a.Kind = k
		}
		return agencyAdd(ctx, env, &sf, a, *parent, *oversees)
	case "list":
		if pos, err := parseAll(sfs, rest); err != nil || len(pos) > 0 {
			return usageError(env.Stderr, agencyUsage[1])
		}
		return agencyList(ctx, env, &sf)
	case "import":
		pos, err := parseAll(sfs, rest)
		if err != nil || len(pos) != 1 {
			return usageError(env.Stderr, agencyUsage[2])
		}
		return agencyImport(ctx, env, &sf, pos[0])
	}
	return usageError(env.Stderr, agencyUsage...)
}

func agencyAdd(ctx context.Context, env Env, sf *storeFlags, a agency.Agency, parent, oversees string) int {
	st, c, err := sf.openCore(ctx)
	if err != nil {
		return fail(env.Stderr, "agency add", err)
	}
	defer st.Close()
	for _, ref := range []struct {
		name string
		id   *int64
	}{{parent, &a.ParentID}, {oversees, &a.OverseesID}} {
		if ref.name == "" {
			continue
		}
		p, err := st.AgencyByName(ctx, agency.NormalizeName(ref.name))
		if err != nil {
			return fail(env.Stderr, "agency add", err)
		}
		*ref.id = p.ID
	}
	a, err = c.agencies.Create(ctx, audit.CLI, a)
	if err != nil {
		return fail(env.Stderr, "agency add", err)
	}
	fmt.Fprintf(env.Stdout, "已添加机关 added agency %d: %s（%s）\n", a.ID, a.Name, a.Kind.Label())
	return ExitOK
}

func agencyList(ctx context.Context, env Env, sf *storeFlags) int {
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "agency list", err)
	}
	defer st.Close()
	all, err := st.ListAgencies(ctx)
	if err != nil {
		return fail(env.Stderr, "agency list", err)
	}
	if len(all) == 0 {
		fmt.Fprintln(env.Stdout, "尚无机关 / no agencies yet: gongkai agency add --name 名称")
		return ExitOK
	}
	printTree(env.Stdout, all)
	return ExitOK
}

// printTree writes the agencies as an indented tree, children in ID order.
func printTree(w io.Writer, all []agency.Agency) {
	children := map[int64][]agency.Agency{}
	names := map[int64]string{}
	for _, a := range all {
		children[a.ParentID] = append(children[a.ParentID], a)
		names[a.ID] = a.Name
	}
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, a := range children[parent] {
			line := fmt.Sprintf("%*s%d  %s  [%s]", depth*2, "", a.ID, a.Name, a.Kind.Label())
			if a.NoReport {
				line += "  (不编制年报 no report)"
			}
			if a.OverseesID != 0 {
				line += "  (监督 oversees " + names[a.OverseesID] + ")"
			}
			fmt.Fprintln(w, line)
			walk(a.ID, depth+1)
		}
	}
	walk(0, 0)
}

// agencyImport stores every agency of a CSV or XLSX file, or none: each
// problem is listed with its row and column.
func agencyImport(ctx context.Context, env Env, sf *storeFlags, path string) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai agency import: %v\n", err)
		return ExitUsage
	}
	defer f.Close()
	rows, err := agency.ReadImport(f)
	var probs ledger.Problems
	if errors.As(err, &probs) {
		printProblems(env.Stdout, path, probs)
		return ExitFailure
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai agency import: %v\n", err)
		return ExitUsage
	}
	st, c, err := sf.openCore(ctx)
	if err != nil {
		return fail(env.Stderr, "agency import", err)
	}
	defer st.Close()
	n, err := c.agencies.Import(ctx, audit.CLI, rows)
	if errors.As(err, &probs) {
		printProblems(env.Stdout, path, probs)
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, "agency import", err)
	}
	fmt.Fprintf(env.Stdout, "已导入 %d 个机关 imported %d agencies from %s\n", n, n, path)
	return ExitOK
}
