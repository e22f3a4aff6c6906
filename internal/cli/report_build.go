package cli

import (
	"context"
	"fmt"
)

// runReportBuild is a placeholder until `gongkai report build` is written.
func runReportBuild(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai report build: not yet implemented")
	return ExitUsage
}
