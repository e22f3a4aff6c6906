package cli

import (
	"context"
)

// runConfig shows the effective configuration with secrets masked:
//
//	gongkai config dump
func runConfig(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("config", env)
	sf.register(fs)
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "config", err)
	}
	if len(pos) != 1 || pos[0] != "dump" {
		return usageError(env.Stderr, "gongkai [--data DIR | --database-url URL] [--config FILE] config dump")
	}
	cfg, err := sf.load()
	if err != nil {
		return fail(env.Stderr, "config dump", err)
	}
	if err := cfg.Dump(env.Stdout); err != nil {
		return fail(env.Stderr, "config dump", err)
	}
	return ExitOK
}
