// Command gongkai runs a government agency's information disclosure work:
// the server, the annual report engine and the operator commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gongkai/gongkai/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
