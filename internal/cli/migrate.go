package cli

import (
	"context"
	"fmt"
)

// runMigrate is a placeholder until the migrate command is written.
func runMigrate(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai migrate: not yet implemented")
	return ExitUsage
}
