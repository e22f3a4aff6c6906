package cli

import (
	"context"
	"fmt"
)

// runLedger is a placeholder until the ledger command is written.
func runLedger(ctx context.Context, env Env) int {
	fmt.Fprintln(env.Stderr, "gongkai ledger: not yet implemented")
	return ExitUsage
}
