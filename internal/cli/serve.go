package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/apperr"
)

// runServe runs the web server: `gongkai serve [--addr 127.0.0.1:8080]
// [--data DIR | --database-url URL] [--demo] [--https] [--admin-allow
// CIDR,…]`. --addr, --https and --admin-allow are settings (addr, https,
// admin_allow: also in the config file and GONGKAI_* variables); given
// here they win.
func runServe(ctx context.Context, env Env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var sf storeFlags
	sf.register(fs)
	var (
		demo = fs.Bool("demo", false, "首次启动时创建演示机关和账户并显示一次性口令 / seed demo data on first start")
	)
	fs.String("addr", "", "监听地址 (默认 127.0.0.1:8080; addr, GONGKAI_ADDR) / listen address")
	fs.Bool("https", false, "经 HTTPS 访问(含反向代理): Secure cookie 与 HSTS (https, GONGKAI_HTTPS) / the site is reached over HTTPS")
	fs.String("admin-allow", "", "后台只允许这些网络访问, 如 10.0.0.0/8,192.168.1.5 (admin_allow, GONGKAI_ADMIN_ALLOW) / networks allowed to reach /admin/")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "用法 usage: gongkai serve [--addr 127.0.0.1:8080] [--data DIR | --database-url URL] [--demo] [--https] [--admin-allow CIDR,…]")
		fs.PrintDefaults()
	}
	if pos, err := parseAll(fs, env.Args); err != nil || len(pos) > 0 {
		if err == nil {
			fs.Usage()
		}
		return ExitUsage
	}
	given := map[string]string{}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "addr", "https", "admin-allow":
			if v := f.Value.String(); v != "" || f.Name != "addr" {
				given[f.Name] = v
			}
		}
	})
	cfg, err := sf.loadWith(given)
	if err != nil {
		fmt.Fprintln(env.Stderr, "gongkai serve:", app.ErrorText(err))
		return ExitUsage
	}
	var h slog.Handler = slog.NewJSONHandler(env.Stderr, nil)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(env.Stderr, nil)
	}
	err = app.Serve(ctx, cfg, app.ServeOptions{
		Options: app.Options{Log: slog.New(h)},
		Demo:    *demo,
		Seed:    demoSeed,
		Out:     env.Stdout,
	})
	if err != nil {
		fmt.Fprintln(env.Stderr, "gongkai serve:", app.ErrorText(err))
		if apperr.KindOf(err) == apperr.Internal {
			fmt.Fprintln(env.Stderr, "  ", err)
		}
		return ExitFailure
	}
	return ExitOK
}
