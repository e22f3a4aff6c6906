package cli

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/audit"
)

// runAudit checks the audit log's hash chain:
//
//	gongkai audit verify
//
// It exits 0 when every row verifies and 1, naming the first broken row
// and what is wrong with it, otherwise.
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
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	defer st.Close()
	log := &audit.Log{Store: st}
	v, err := log.Verify(ctx)
	if err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	if v.Break != nil {
		fmt.Fprintf(env.Stdout, "审计日志被破坏 / audit log BROKEN at row %d: %s\n", v.Break.ID, v.Break.Problem)
		fmt.Fprintf(env.Stdout, "此前 %d 行完好 / %d rows before it verify\n", v.Rows, v.Rows)
		return ExitFailure
	}
	// Recording the check is itself audited (E-AUD-01); it is appended
	// after the walk so it does not change what was verified.
	if err := log.Record(ctx, audit.CLI.Event(audit.ActAuditVerify, "audit", 0, audit.ResultOK, fmt.Sprintf("rows=%d head=%s", v.Rows, v.Head))); err != nil {
		return fail(env.Stderr, "audit verify", err)
	}
	fmt.Fprintf(env.Stdout, "审计日志完整 / audit log intact: %d rows, head %s\n", v.Rows, short(v.Head))
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
