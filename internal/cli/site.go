package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/website"
)

// siteCommands are the subcommands of `gongkai site`: the public site's
// identity (the footer every page shows) and the agencies' 公开指南 and
// 公开制度.
var siteCommands = []subcommand{
	{"show", "显示网站标识信息 / show the site identity: show [--agency NAME]", runSiteShow},
	{"set", "设置网站标识信息（页脚）/ set the footer identity: set [--agency NAME] [--name N] [--site-code C] [--icp I] [--police P] [--sponsor S] [--contact C]", runSiteSet},
	{"guide", "发布新版政府信息公开指南 / publish a new version of an agency's guide: guide --agency NAME [--office …] [--address …] [--hours …] [--phone …] [--fax …] [--email …] [--postcode …] [--body-file FILE] [--effective YYYY-MM-DD]", runSiteGuide},
	{"rules", "发布新版政府信息公开制度 / publish a new version of an agency's rules: rules --agency NAME --body-file FILE [--effective YYYY-MM-DD]", runSiteRules},
}

// runSite dispatches `gongkai site <subcommand>`.
func runSite(ctx context.Context, env Env) int {
	return dispatchStore(ctx, env, "site", siteCommands, "0 成功 done · 1 内容有误，未保存 invalid, nothing saved · 2 参数错误 bad usage")
}

// openSite opens the store and the site service, and finds the agency
// named (none: the site itself).
func openSite(ctx context.Context, sf *storeFlags, agencyName string) (*sqlstore.Store, *website.Service, agency.Agency, error) {
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return nil, nil, agency.Agency{}, err
	}
	var ag agency.Agency
	if agencyName != "" {
		if ag, err = st.AgencyByName(ctx, agency.NormalizeName(agencyName)); err != nil {
			st.Close()
			return nil, nil, ag, fmt.Errorf("机关“%s”: %w", agencyName, err)
		}
	}
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		st.Close()
		return nil, nil, ag, err
	}
	svc, err := website.NewService(st, log)
	if err != nil {
		st.Close()
		return nil, nil, ag, err
	}
	return st, svc, ag, nil
}

func runSiteShow(ctx context.Context, env Env) int {
	fs := reportFlagSet("show", env, "gongkai site show [--agency NAME]")
	var sf storeFlags
	sf.register(fs)
	name := fs.String("agency", "", "机关名称；省略则为整个网站 / the agency; none: the whole site")
	pos, c, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return c
	}
	if len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	st, svc, ag, err := openSite(ctx, &sf, *name)
	if err != nil {
		return fail(env.Stderr, "site show", err)
	}
	defer st.Close()
	id, err := svc.Identity(ctx, ag.ID)
	if err != nil {
		return fail(env.Stderr, "site show", err)
	}
	printIdentity(env, id)
	return ExitOK
}

func printIdentity(env Env, id website.Identity) {
	for _, f := range []struct{ label, v string }{{"网站名称 site name", id.SiteName}, {"网站标识码 site code", id.SiteCode},
		{"ICP备案号", id.ICP}, {"公安备案号", id.PoliceRecord}, {"主办单位 sponsor", id.Sponsor}, {"联系方式 contact", id.Contact}} {
		v := f.v
		if v == "" {
			v = "—"
		}
		fmt.Fprintf(env.Stdout, "%-22s %s\n", f.label, v)
	}
}

func runSiteSet(ctx context.Context, env Env) int {
	fs := reportFlagSet("set", env, "gongkai site set [--agency NAME] [--name N] [--site-code C] [--icp I] [--police P] [--sponsor S] [--contact C]")
	var sf storeFlags
	sf.register(fs)
	name := fs.String("agency", "", "机关名称；省略则设置整个网站 / the agency (its fields replace the site's on its 专栏); none: the whole site")
	fields := []struct {
		flag, help string
		v          *string
	}{
		{"name", "网站名称（仅整个网站）/ the site's name (site only)", nil},
		{"site-code", "网站标识码，10 位 / the 10-character website code", nil},
		{"icp", "ICP备案号，如 浙ICP备05001234号", nil},
		{"police", "公安机关备案号，如 浙公网安备 33020602000123号", nil},
		{"sponsor", "主办单位 / the sponsoring body", nil},
		{"contact", "联系方式 / contact", nil},
	}
	for i := range fields {
		fields[i].v = fs.String(fields[i].flag, "", fields[i].help)
	}
	pos, c, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return c
	}
	if len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	st, svc, ag, err := openSite(ctx, &sf, *name)
	if err != nil {
		return fail(env.Stderr, "site set", err)
	}
	defer st.Close()
	id, err := svc.Stored(ctx, ag.ID)
	if err != nil {
		return fail(env.Stderr, "site set", err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	targets := []*string{&id.SiteName, &id.SiteCode, &id.ICP, &id.PoliceRecord, &id.Sponsor, &id.Contact}
	for i, f := range fields {
		if set[f.flag] {
			*targets[i] = *f.v
		}
	}
	if ag.ID != website.SiteID && set["name"] {
		fmt.Fprintln(env.Stderr, "site set: --name 只用于整个网站 / --name is the whole site's; omit --agency")
		return ExitUsage
	}
	if err := svc.SetIdentity(ctx, audit.CLI, id); err != nil {
		return fail(env.Stderr, "site set", err)
	}
	id, err = svc.Identity(ctx, ag.ID)
	if err != nil {
		return fail(env.Stderr, "site set", err)
	}
	printIdentity(env, id)
	return ExitOK
}

func runSiteGuide(ctx context.Context, env Env) int { return runSiteDoc(ctx, env, website.Guide) }
func runSiteRules(ctx context.Context, env Env) int { return runSiteDoc(ctx, env, website.Rules) }

// runSiteDoc publishes the next version of an agency's 指南 or 制度: the
// fields not given are those of the current version.
func runSiteDoc(ctx context.Context, env Env, kind website.Kind) int {
	usage := "gongkai site rules --agency NAME --body-file FILE [--effective YYYY-MM-DD]"
	if kind == website.Guide {
		usage = "gongkai site guide --agency NAME [--office …] [--address …] [--hours …] [--phone …] [--fax …] [--email …] [--postcode …] [--body-file FILE] [--effective YYYY-MM-DD]"
	}
	fs := reportFlagSet(string(kind), env, usage)
	var sf storeFlags
	sf.register(fs)
	name := fs.String("agency", "", "机关名称 / the agency")
	body := fs.String("body-file", "", "正文文件（HTML 或纯文本，UTF-8）/ the text, HTML or plain UTF-8")
	eff := fs.String("effective", "", "施行日期，默认今天 / the date it takes effect (default today)")
	var fields []*string
	var names []string
	if kind == website.Guide {
		for _, f := range [][2]string{{"office", "受理机构"}, {"address", "办公地址"}, {"hours", "办公时间"}, {"phone", "咨询电话"},
			{"fax", "传真"}, {"email", "电子邮箱"}, {"postcode", "邮政编码"}} {
			fields, names = append(fields, fs.String(f[0], "", f[1])), append(names, f[0])
		}
	}
	pos, c, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return c
	}
	if *name == "" || len(pos) != 0 || kind == website.Rules && *body == "" {
		fs.Usage()
		return ExitUsage
	}
	st, svc, ag, err := openSite(ctx, &sf, *name)
	if err != nil {
		return fail(env.Stderr, "site "+string(kind), err)
	}
	defer st.Close()
	docs, err := svc.Docs(ctx, ag.ID, kind)
	if err != nil {
		return fail(env.Stderr, "site "+string(kind), err)
	}
	d := website.Doc{AgencyID: ag.ID, Kind: kind}
	if len(docs) > 0 {
		d = docs[0]
		d.EffectiveOn = calendar.Date{}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	targets := []*string{&d.Office, &d.Address, &d.Hours, &d.Phone, &d.Fax, &d.Email, &d.Postcode}
	for i, n := range names {
		if set[n] {
			*targets[i] = *fields[i]
		}
	}
	if *body != "" {
		b, err := os.ReadFile(*body)
		if err != nil {
			fmt.Fprintf(env.Stderr, "site %s: %v\n", kind, err)
			return ExitUsage
		}
		d.Body = string(b) // SaveDoc sanitizes it; plain text becomes paragraphs
	}
	if *eff != "" {
		if d.EffectiveOn, err = calendar.Parse(*eff); err != nil {
			fmt.Fprintf(env.Stderr, "site %s: --effective %q: 日期格式应为 YYYY-MM-DD / use YYYY-MM-DD\n", kind, *eff)
			return ExitUsage
		}
	}
	d, err = svc.SaveDoc(ctx, audit.CLI, d)
	if err != nil {
		return fail(env.Stderr, "site "+string(kind), err)
	}
	fmt.Fprintf(env.Stdout, "%s：第 %d 版，自 %s 起施行 / version %d, in effect from %s\n", ag.Name, d.N, d.EffectiveOn, d.N, d.EffectiveOn)
	return ExitOK
}
