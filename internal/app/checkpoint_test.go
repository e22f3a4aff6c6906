package app

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestWarnIfBehind: a server started on an audit log shorter than its
// last checkpoint (rows deleted, an old backup restored) says so in its
// log before writing new checkpoints.
func TestWarnIfBehind(t *testing.T) {
	ctx := context.Background()
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	l := &audit.Log{Store: st, Key: mustAuditKey(t)}
	for range 5 {
		if err := l.Record(ctx, audit.CLI.Event("x.y", "x", 0, audit.ResultOK, "")); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), audit.DefaultCheckpointFile)
	if _, err := (&audit.Checkpointer{Log: l, Path: path}).Write(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	warnIfBehind(ctx, l, path, log)
	if buf.Len() != 0 {
		t.Fatalf("warning on an intact log: %s", buf.String())
	}
	for _, q := range []string{"DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE id > 2"} {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	warnIfBehind(ctx, l, path, log)
	if !strings.Contains(buf.String(), "behind its checkpoint") || !strings.Contains(buf.String(), "checkpoint_rows=5") {
		t.Fatalf("log %q; want the audit log named behind its checkpoint of 5 rows", buf.String())
	}
}

// TestCheckpointsToSyslog: with audit_syslog set, every checkpoint also
// goes to syslog (here a UDP listener on loopback), the copy an attacker
// on the server cannot take back.
func TestCheckpointsToSyslog(t *testing.T) {
	ctx := context.Background()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	l := &audit.Log{Store: st, Key: mustAuditKey(t)}
	if err := l.Record(ctx, audit.CLI.Event("x.y", "x", 0, audit.ResultOK, "")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), audit.DefaultCheckpointFile)
	stop, err := startCheckpoints(ctx, &App{Audit: l}, path, "udp:"+pc.LocalAddr().String(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	_ = pc.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, _, err := pc.ReadFrom(buf)
	stop()
	if err != nil {
		t.Fatalf("no syslog message: %v", err)
	}
	msg := string(buf[:n])
	if !strings.Contains(msg, "gongkai-audit") || !strings.Contains(msg, "gongkai-audit-checkpoint/v1") || !strings.Contains(msg, "rows=1 ") {
		t.Fatalf("syslog message %q; want the checkpoint of 1 row tagged gongkai-audit", msg)
	}
	if _, err := startCheckpoints(ctx, &App{Audit: l}, path, "tcp:127.0.0.1:1", slog.New(slog.DiscardHandler)); err == nil {
		t.Error("an unreachable TCP syslog was accepted")
	}
}
