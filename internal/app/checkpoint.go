package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"log/syslog"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// startCheckpoints runs an audit.Checkpointer on a's log writing to path
// and, when syslogAddr is set ("local", "udp:HOST:PORT", "tcp:HOST:PORT"),
// to syslog. The returned stop ends it after its final checkpoint.
func startCheckpoints(ctx context.Context, a *App, path, syslogAddr string, log *slog.Logger) (stop func(), err error) {
	cp := &audit.Checkpointer{Log: a.Audit, Path: path}
	var closer io.Closer
	if syslogAddr != "" {
		network, addr := "", ""
		if syslogAddr != "local" {
			network, addr, _ = strings.Cut(syslogAddr, ":")
		}
		w, err := syslog.Dial(network, addr, syslog.LOG_NOTICE|syslog.LOG_AUTH, "gongkai-audit")
		if err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "keys.syslog",
				fmt.Errorf("app: audit syslog: %w", err), syslogAddr)
		}
		cp.Syslog, closer = w, w
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		cp.Run(cctx, audit.CheckpointEvery, func(err error, atShutdown bool) {
			msg := "audit checkpoint"
			if atShutdown {
				msg += " at shutdown"
			}
			log.Error(msg, slog.String("error", err.Error()))
		})
	}()
	return func() {
		cancel()
		<-done
		if closer != nil {
			closer.Close()
		}
	}, nil
}
