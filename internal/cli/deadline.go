package cli

import (
	"context"
	"fmt"
)

// runDeadline is a placeholder until the deadline command is written.
func runDeadline(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai deadline: not yet implemented")
	return ExitUsage
}
