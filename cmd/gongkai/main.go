// Command gongkai runs a government agency's information disclosure work:
// the server, the annual report engine and the operator commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gongkai/gongkai/internal/cli"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go forceOnSecond(sigs, cancel)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	signal.Stop(sigs)
	cancel()
	os.Exit(code)
}

// forceOnSecond cancels the command's context on the first SIGINT or
// SIGTERM (the server then shuts down gracefully, finishing in-flight
// requests) and ends the process at once on the second (SECURITY.md
// R-GS-01), with the shell's code for death by that signal (128 + n).
func forceOnSecond(sigs <-chan os.Signal, cancel context.CancelFunc) {
	<-sigs
	cancel()
	s := <-sigs
	fmt.Fprintf(os.Stderr, "gongkai: 再次收到 %v, 不再等待, 立即退出 / second %v: exiting without waiting\n", s, s)
	code := 1
	if n, ok := s.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}
