package cli

import (
	"context"
	"fmt"
)

// runServe is a placeholder until the serve command is written.
func runServe(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai serve: not yet implemented")
	return ExitUsage
}
