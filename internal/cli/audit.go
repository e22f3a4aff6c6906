package cli

import (
	"context"
	"fmt"
)

// runAudit is a placeholder until the audit command is written.
func runAudit(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai audit: not yet implemented")
	return ExitUsage
}
