package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/apperr"
)

// runServe runs the web server: `gongkai serve [--addr 127.0.0.1:8080]
// [--data DIR | --database-url URL] [--demo] [--https]`.
func runServe(ctx context.Context, env Env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var sf storeFlags
	sf.register(fs)
	var (
		addr  = fs.String("addr", "", "监听地址 (默认 127.0.0.1:8080; GONGKAI_ADDR) / listen address")
		demo  = fs.Bool("demo", false, "首次启动时创建演示机关和账户并显示一次性口令 / seed demo data on first start")
		https = fs.Bool("https", false, "经 HTTPS 访问(含反向代理): Secure cookie 与 HSTS / the site is reached over HTTPS")
		allow = fs.String("admin-allow", "", "后台只允许这些网络访问, 如 10.0.0.0/8,192.168.1.5 / networks allowed to reach /admin/")
	)
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
	cfg, err := sf.load()
	if err == nil && *addr != "" {
		err = cfg.Set("addr", *addr)
	}
	var nets []netip.Prefix
	if err == nil {
		nets, err = app.ParseNetworks(*allow)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "gongkai serve:", app.ErrorText(err))
		return ExitUsage
	}
	var h slog.Handler = slog.NewJSONHandler(env.Stderr, nil)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(env.Stderr, nil)
	}
	err = app.Serve(ctx, cfg, app.ServeOptions{
		Options: app.Options{HTTPS: *https, Log: slog.New(h), AdminAllow: nets},
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
