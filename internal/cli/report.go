package cli

import (
	"context"
	"fmt"
)

// runReport is a placeholder until the report command is written.
func runReport(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai report: not yet implemented")
	return ExitUsage
}
