package cli

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/audit"
)

// runAudit checks the audit log's hash chain:
//
//	gongkai audit verify
//
// It checks every row's link and keyed hash (HMAC-SM3 under the audit
// key) and compares the chain with the checkpoints of DATA/audit.checkpoints
// (#10 item 4), so rows cut from the end, a chain rewritten and
// recomputed, or an old backup restored are named. It exits 0 when all
// holds and 1, naming the first problem, otherwise; a verified log gets a
// new checkpoint.
func runAudit(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("audit", env)
	sf.register(fs)
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "audit", err)
	}
	if len(pos) != 1 || pos[0] != "verify" {
		return usageError(env.Stderr, "gongkai [--data DIR | --database-url URL] audit verify")
	}
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	defer st.Close()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	path := app.CheckpointPath(st, cfg)
	cps, bad, err := audit.ReadCheckpoints(path, log.Key)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	v, err := log.VerifyWith(ctx, cps)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	broken := false
	for _, b := range bad {
		fmt.Fprintf(env.Stdout, "检查点文件 %s 有无效记录 / the checkpoint file has a bad line: %s\n", path, b)
		broken = true
	}
	if v.Break != nil {
		fmt.Fprintf(env.Stdout, "审计日志被破坏 / audit log BROKEN at row %d: %s\n", v.Break.ID, v.Break.Problem)
		fmt.Fprintf(env.Stdout, "此前 %d 行完好 / %d rows before it verify\n", v.Rows, v.Rows)
		broken = true
	}
	if broken {
		return ExitFailure
	}
	if len(cps) == 0 {
		fmt.Fprintf(env.Stdout, "注意：没有检查点 (%s)，无法发现末尾被删除的记录 / NOTE: no checkpoints in %s: rows cut from the end cannot be detected\n", path, path)
	}
	// Recording the check is itself audited (E-AUD-01); it is appended
	// after the walk so it does not change what was verified.
	if err := log.Record(ctx, audit.CLI.Event(audit.ActAuditVerify, "audit", 0, audit.ResultOK, fmt.Sprintf("rows=%d head=%s", v.Rows, v.Head))); err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	if _, err := (&audit.Checkpointer{Log: log, Path: path}).Write(ctx); err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	fmt.Fprintf(env.Stdout, "审计日志完整 / audit log intact: %d rows (%d keyed), head %s, %d checkpoints match\n", v.Rows, v.Keyed, short(v.Head), len(cps))
	return ExitOK
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	if h == "" {
		return "(empty)"
	}
	return h
}
