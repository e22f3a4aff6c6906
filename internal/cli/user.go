package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

var userUsage = []string{
	"gongkai user add --agency 机关名称 --name 登录名 --role 角色[,角色] [--display-name 姓名]",
	"gongkai user disable 登录名",
	"gongkai user reset 登录名",
	"gongkai user list",
	"角色 roles: clerk 经办人, reviewer 审核人, head 负责人, supervisor 监督员, sysadmin 系统管理员, secadmin 安全管理员, auditadmin 审计管理员",
}

// runUser manages staff accounts: add (printing a one-time password),
// disable, reset (a new one-time password) and list.
func runUser(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("user", env)
	sf.register(fs)
	if err := fs.Parse(env.Args); err != nil {
		return fail(env.Stderr, "user", err)
	}
	if fs.NArg() == 0 {
		return usageError(env.Stderr, userUsage...)
	}
	sub, rest := fs.Arg(0), fs.Args()[1:]
	sfs := flagSet("user "+sub, env)
	sf.register(sfs)
	switch sub {
	case "add":
		agencyName := sfs.String("agency", "", "所属机关名称 / agency name (必填)")
		login := sfs.String("name", "", "登录名 / login name (必填)")
		roles := sfs.String("role", "", "角色, 多个用逗号分隔 / role(s), comma-separated (必填)")
		display := sfs.String("display-name", "", "姓名 / display name")
		pos, err := parseAll(sfs, rest)
		if err != nil {
			return fail(env.Stderr, "user add", err)
		}
		if len(pos) > 0 || *agencyName == "" || *login == "" || *roles == "" {
			return usageError(env.Stderr, userUsage[0], userUsage[4])
		}
		return userAdd(ctx, env, &sf, *agencyName, *login, *roles, *display)
	case "disable", "reset":
		pos, err := parseAll(sfs, rest)
		if err != nil {
			return fail(env.Stderr, "user "+sub, err)
		}
		if len(pos) != 1 {
			return usageError(env.Stderr, "gongkai user "+sub+" 登录名")
		}
		return userChange(ctx, env, &sf, sub, pos[0])
	case "list":
		if pos, err := parseAll(sfs, rest); err != nil || len(pos) > 0 {
			return usageError(env.Stderr, userUsage[3])
		}
		return userList(ctx, env, &sf)
	}
	return usageError(env.Stderr, userUsage...)
}

func userAdd(ctx context.Context, env Env, sf *storeFlags, agencyName, login, roleList, display string) int {
	var roles []account.Role
	for _, s := range splitList(roleList) {
		r, err := account.ParseRole(s)
		if err != nil {
			return fail(env.Stderr, "user add", err)
		}
		roles = append(roles, r)
	}
	st, c, err := sf.openCore(ctx)
	if err != nil {
		return fail(env.Stderr, "user add", err)
	}
	defer st.Close()
	a, err := st.AgencyByName(ctx, agency.NormalizeName(agencyName))
	if err != nil {
		return fail(env.Stderr, "user add", err)
	}
	u, pw, err := c.auth.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: a.ID, Login: login, DisplayName: display, Roles: roles})
	if err != nil {
		return fail(env.Stderr, "user add", err)
	}
	fmt.Fprintf(env.Stdout, "已添加账户 added user %s (%s, %s)\n", u.Login, roleLabels(u.Roles), a.Name)
	fmt.Fprintf(env.Stdout, "一次性口令 one-time password: %s\n", pw)
	fmt.Fprintln(env.Stdout, "首次登录须修改口令; 此口令不会再次显示 / must be changed at first login; it is not shown again")
	return ExitOK
}

func userChange(ctx context.Context, env Env, sf *storeFlags, sub, login string) int {
	st, c, err := sf.openCore(ctx)
	if err != nil {
		return fail(env.Stderr, "user "+sub, err)
	}
	defer st.Close()
	if sub == "disable" {
		u, err := c.auth.DisableUser(ctx, audit.CLI, login)
		if err != nil {
			return fail(env.Stderr, "user disable", err)
		}
		fmt.Fprintf(env.Stdout, "已停用账户 disabled user %s\n", u.Login)
		return ExitOK
	}
	pw, err := c.auth.ResetPassword(ctx, audit.CLI, login)
	if err != nil {
		return fail(env.Stderr, "user reset", err)
	}
	fmt.Fprintf(env.Stdout, "已重置口令 password reset for %s\n", account.NormalizeLogin(login))
	fmt.Fprintf(env.Stdout, "一次性口令 one-time password: %s\n", pw)
	fmt.Fprintln(env.Stdout, "下次登录须修改口令; 此口令不会再次显示 / must be changed at next login; it is not shown again")
	return ExitOK
}

func userList(ctx context.Context, env Env, sf *storeFlags) int {
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "user list", err)
	}
	defer st.Close()
	users, err := st.ListUsers(ctx, nil)
	if err != nil {
		return fail(env.Stderr, "user list", err)
	}
	names := map[int64]string{}
	if all, err := st.ListAgencies(ctx); err == nil {
		for _, a := range all {
			names[a.ID] = a.Name
		}
	}
	for _, u := range users {
		state := "启用 enabled"
		if u.Disabled {
			state = "停用 disabled"
		}
		fmt.Fprintf(env.Stdout, "%-16s %-24s %-14s %s\n", u.Login, roleLabels(u.Roles), state, names[u.AgencyID])
	}
	return ExitOK
}

func roleLabels(rs []account.Role) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Label() + " " + string(r)
	}
	return strings.Join(out, ", ")
}
