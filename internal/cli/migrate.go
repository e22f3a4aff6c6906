package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
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
	// The facts of published reports that a migration emptied (00290,
	// 00321) are stored again here, not on the first overview; a run cut
	// off is resumed by the next migrate or by the server at start.
	if err := backfillFacts(ctx, st, env); err != nil {
		return fail(env.Stderr, "migrate", err)
	}
	// The search postings 00366 dropped: every document is fresh (cut
	// from its text by each search) until its postings are in blocks.
	if err := mergeSearch(ctx, env, st); err != nil {
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

// backfillFacts stores the facts of every published report without them,
// printing the progress after each batch.
func backfillFacts(ctx context.Context, st *sqlstore.Store, env Env) error {
	last := time.Time{}
	p, err := annual.BackfillFacts(ctx, st, st, 0, func(p annual.BackfillProgress) {
		if p.Done+p.Failed < p.Total && time.Since(last) < 2*time.Second {
			return
		}
		last = time.Now()
		fmt.Fprintf(env.Stdout, "重新计算已发布报告的汇总数据 report facts: %d/%d（%.0f 秒）\n", p.Done+p.Failed, p.Total, p.Elapsed.Seconds())
	})
	if p.Failed > 0 {
		fmt.Fprintf(env.Stderr, "gongkai migrate: %d 份已发布报告无法解析，未计入汇总 (%d published reports could not be decoded)\n", p.Failed, p.Failed)
	}
	return err
}
