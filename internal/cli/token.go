package cli

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

var tokenUsage = []string{
	"gongkai token add --agency 机关名称 --name 对接系统名称",
	"gongkai token list",
	"gongkai token revoke 编号",
}

// runToken manages the bearer tokens of integrations that call /api/v1:
// add (printing the secret once), list and revoke. Changes are audited as
// in the back office, with the actor "cli".
func runToken(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("token", env)
	sf.register(fs)
	if err := fs.Parse(env.Args); err != nil {
		return fail(env.Stderr, "token", err)
	}
	if fs.NArg() == 0 {
		return usageError(env.Stderr, tokenUsage...)
	}
	sub, rest := fs.Arg(0), fs.Args()[1:]
	sfs := flagSet("token "+sub, env)
	sf.register(sfs)
	switch sub {
	case "add":
		agencyName := sfs.String("agency", "", "令牌可读取的机关(含下级)名称 / agency whose subtree the token reads (必填)")
		name := sfs.String("name", "", "对接系统名称 / the integration's name (必填)")
		pos, err := parseAll(sfs, rest)
		if err != nil {
			return fail(env.Stderr, "token add", err)
		}
		if len(pos) > 0 || *agencyName == "" || *name == "" {
			return usageError(env.Stderr, tokenUsage[0])
		}
		return tokenRun(ctx, env, &sf, "token add", func(ctx context.Context, st *sqlstore.Store, svc *apitoken.Service) error {
			return tokenAdd(ctx, env, st, svc, *agencyName, *name)
		})
	case "list":
		if pos, err := parseAll(sfs, rest); err != nil || len(pos) > 0 {
			return usageError(env.Stderr, tokenUsage[1])
		}
		return tokenRun(ctx, env, &sf, "token list", func(ctx context.Context, st *sqlstore.Store, svc *apitoken.Service) error {
			return tokenList(ctx, env, st, svc)
		})
	case "revoke":
		pos, err := parseAll(sfs, rest)
		if err != nil {
			return fail(env.Stderr, "token revoke", err)
		}
		var id int64
		if len(pos) == 1 {
			id, err = strconv.ParseInt(pos[0], 10, 64)
		}
		if len(pos) != 1 || err != nil || id <= 0 {
			return usageError(env.Stderr, tokenUsage[2], "编号见 gongkai token list / the number is in the first column of gongkai token list")
		}
		return tokenRun(ctx, env, &sf, "token revoke", func(ctx context.Context, _ *sqlstore.Store, svc *apitoken.Service) error {
			if err := svc.Revoke(ctx, audit.CLI, id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "已吊销令牌 revoked token %d\n", id)
			return nil
		})
	}
	return usageError(env.Stderr, tokenUsage...)
}

// tokenRun opens the store at the current schema, builds the token
// service and runs fn, turning its error into an exit code.
func tokenRun(ctx context.Context, env Env, sf *storeFlags, cmd string, fn func(context.Context, *sqlstore.Store, *apitoken.Service) error) int {
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, cmd, err)
	}
	defer st.Close()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, cmd, err)
	}
	svc, err := apitoken.NewService(st, log)
	if err != nil {
		return fail(env.Stderr, cmd, err)
	}
	if err := fn(ctx, st, svc); err != nil {
		return fail(env.Stderr, cmd, err)
	}
	return ExitOK
}

// tokenAdd issues a token. The secret alone goes to stdout, so that
// TOKEN=$(gongkai token add …) captures it; the explanation goes to stderr.
func tokenAdd(ctx context.Context, env Env, st *sqlstore.Store, svc *apitoken.Service, agencyName, name string) error {
	ag, err := st.AgencyByName(ctx, agency.NormalizeName(agencyName))
	if err != nil {
		return err
	}
	t, secret, err := svc.Issue(ctx, audit.CLI, name, ag.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "已签发令牌 issued token %d「%s」, 可读取 %s 及其下级机关 / reads %s and the agencies below.\n"+
		"令牌只显示这一次, 只保存其哈希; 请立即配置到对方系统 / the secret is shown once; only its hash is kept:\n",
		t.ID, t.Name, ag.Name, ag.Name)
	fmt.Fprintln(env.Stdout, secret)
	return nil
}

func tokenList(ctx context.Context, env Env, st *sqlstore.Store, svc *apitoken.Service) error {
	ts, err := svc.List(ctx)
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		fmt.Fprintln(env.Stdout, "尚无令牌 / no tokens yet: gongkai token add --agency 机关名称 --name 对接系统名称")
		return nil
	}
	names := map[int64]string{}
	all, err := st.ListAgencies(ctx)
	if err != nil {
		return err
	}
	for _, a := range all {
		names[a.ID] = a.Name
	}
	when := func(t time.Time, none string) string {
		if t.IsZero() {
			return none
		}
		return t.Local().Format("2006-01-02 15:04")
	}
	fmt.Fprintf(env.Stdout, "%-5s %-16s %-16s %-16s %-20s %s\n", "编号", "签发 issued", "最近使用 last used", "状态 state", "名称 name", "机关 agency")
	for _, t := range ts {
		state := "有效 active"
		if t.Revoked() {
			state = "已吊销 revoked"
		}
		fmt.Fprintf(env.Stdout, "%-5d %-16s %-16s %-16s %-20s %s\n", t.ID, when(t.CreatedAt, "-"), when(t.LastUsedAt, "从未 never"),
			state, t.Name, names[t.AgencyID])
	}
	return nil
}
