package cli

import (
	"context"
	"fmt"
)

// runConfig is a placeholder until the config command is written.
func runConfig(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai config: not yet implemented")
	return ExitUsage
}
