package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/audit"
)

// runMigrate brings the database schema up to date:
//
//	gongkai [--data DIR | --database-url URL] migrate
func runMigrate(ctx context.Context, env Env) int {
	fs := flagSet("migrate", env)
	var sf storeFlags
	sf.register(fs)
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	if len(pos) > 0 {
		return usageError(env.Stderr, "gongkai [--data DIR | --database-url URL] migrate")
	}
	st, cfg, err := sf.open(ctx, false)
	if err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	for _, m := range applied {
		fmt.Fprintf(env.Stdout, "已应用 applied %s\n", m.Name)
	}
	if err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	cur, _, err := st.SchemaVersion(ctx)
	if err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "数据库结构已是最新 / schema up to date: version %d (%s)\n", cur, st.Where())
		return ExitOK
	}
	names := make([]string, len(applied))
	for i, m := range applied {
		names[i] = m.Name
	}
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	if err := log.Record(ctx, audit.CLI.Event(audit.ActMigrate, "schema", cur, audit.ResultOK, strings.Join(names, " "))); err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	fmt.Fprintf(env.Stdout, "数据库结构已升级 / schema migrated: version %d (%s)\n", cur, st.Where())
	return ExitOK
}
