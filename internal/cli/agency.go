package cli

import (
	"context"
	"fmt"
)

// runAgency is a placeholder until the agency command is written.
func runAgency(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai agency: not yet implemented")
	return ExitUsage
}
