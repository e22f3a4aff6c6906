package cli

import (
	"context"
	"fmt"
)

// runUser is a placeholder until the user command is written.
func runUser(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai user: not yet implemented")
	return ExitUsage
}
