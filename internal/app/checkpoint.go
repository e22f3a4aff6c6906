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
	warnIfBehind(ctx, a.Audit, path, log)
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

// warnIfBehind logs an error when the audit log has fewer rows than its
// latest checkpoint (rows deleted, or an old backup restored) before the
// server writes new checkpoints; `gongkai audit verify` names the rows.
func warnIfBehind(ctx context.Context, l *audit.Log, path string, log *slog.Logger) {
	cps, _, err := audit.ReadCheckpoints(path, l.Key)
	if err != nil || len(cps) == 0 {
		return
	}
	latest := cps[0]
	for _, cp := range cps {
		if cp.Rows > latest.Rows {
			latest = cp
		}
	}
	head, err := l.Store.AuditHead(ctx)
	if err == nil && head.ID < latest.Rows {
		log.Error("audit log behind its checkpoint: run gongkai audit verify",
			slog.Int64("rows", head.ID), slog.Int64("checkpoint_rows", latest.Rows),
			slog.String("checkpoint_time", latest.Time.Format("2006-01-02T15:04:05Z")))
	}
}
