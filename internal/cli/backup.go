package cli

import (
	"context"
	"fmt"
)

// runBackup is a placeholder until the backup command is written.
func runBackup(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai backup: not yet implemented")
	return ExitUsage
}
