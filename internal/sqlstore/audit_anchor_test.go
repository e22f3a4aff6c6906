package sqlstore_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// dropAuditTriggers removes the append-only guard, as someone with the
// database's owner rights could (#10 item 4 starts there).
func dropAuditTriggers(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	drop := []string{"DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"}
	if s.Dialect() == "postgres" {
		drop = []string{"ALTER TABLE audit_events DISABLE TRIGGER USER"}
	}
	for _, q := range drop {
		if _, err := s.DB().ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// rechain recomputes every hash from row `from` on with bare SM3, the
// only chain an attacker without the audit key can compute.
func rechain(t *testing.T, s *sqlstore.Store, from int64) {
	t.Helper()
	ctx := context.Background()
	evs, err := s.AuditEvents(ctx, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, e := range evs {
		if e.ID >= from {
			e.PrevHash = prev
			e.Hash = audit.HashEvent(e)
			if _, err := s.DB().ExecContext(ctx, rebind(s, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?"), e.PrevHash, e.Hash, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		prev = e.Hash
	}
}

func rebind(s *sqlstore.Store, q string) string {
	if s.Dialect() != "postgres" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestAuditAnchoredChain: with the triggers dropped, deleting the last 50
// rows, rewriting a row and recomputing the chain, and putting back an
// old copy of the log (a restored backup) each leave a chain that holds
// by itself; the keyed hashes and the checkpoint file outside the
// database catch all three and name what is missing (#10 item 4). Before
// the fix, the first two verified as intact.
func TestAuditAnchoredChain(t *testing.T) {
	key, _, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *sqlstore.Store)
		wantID int64
		want   string
	}{
		{"intact", func(*testing.T, *sqlstore.Store) {}, 0, ""},
		{"last 50 rows deleted", func(t *testing.T, s *sqlstore.Store) {
			if _, err := s.DB().ExecContext(context.Background(), "DELETE FROM audit_events WHERE id > 70"); err != nil {
				t.Fatal(err)
			}
		}, 71, "rows 71 to 120 are missing"},
		{"row rewritten and chain recomputed", func(t *testing.T, s *sqlstore.Store) {
			if _, err := s.DB().ExecContext(context.Background(), "UPDATE audit_events SET detail = '伪造' WHERE id = 90"); err != nil {
				t.Fatal(err)
			}
			rechain(t, s, 90)
		}, 90, "recomputed"},
		{"whole chain rewritten unkeyed", func(t *testing.T, s *sqlstore.Store) {
			if _, err := s.DB().ExecContext(context.Background(), "UPDATE audit_events SET detail = '伪造' WHERE id = 3"); err != nil {
				t.Fatal(err)
			}
			rechain(t, s, 1)
		}, 20, "rewritten"},
	}
	for _, backend := range sqlstoretest.Names {
		for _, tt := range tests {
			t.Run(backend+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				s := sqlstoretest.Open(t, backend)
				log := &audit.Log{Store: s, Key: key}
				cp := &audit.Checkpointer{Log: log, Path: filepath.Join(t.TempDir(), audit.DefaultCheckpointFile)}
				for i := 0; i < 6; i++ {
					record(t, log, 20)
					if _, err := cp.Write(ctx); err != nil {
						t.Fatal(err)
					}
				}
				dropAuditTriggers(t, s)
				tt.tamper(t, s)
				cps, bad, err := audit.ReadCheckpoints(cp.Path, key)
				if err != nil || len(bad) > 0 || len(cps) != 6 {
					t.Fatalf("checkpoints %d, bad %q, err %v; want 6 good ones", len(cps), bad, err)
				}
				v, err := log.VerifyWith(ctx, cps)
				if err != nil {
					t.Fatal(err)
				}
				if tt.want == "" {
					if v.Break != nil || v.Rows != 120 || v.Keyed != 120 {
						t.Fatalf("intact log: %+v, break %+v", v, v.Break)
					}
					return
				}
				if v.Break == nil || v.Break.ID != tt.wantID || !strings.Contains(v.Break.Problem, tt.want) {
					t.Fatalf("Verify = %+v (break %+v); want row %d %q", v, v.Break, tt.wantID, tt.want)
				}
				// Without the checkpoints, deleting the tail is invisible:
				// the file is what catches it.
				if tt.wantID == 71 {
					if v, _ := log.Verify(ctx); v.Break != nil {
						t.Fatalf("chain alone broke on truncation: %+v", v.Break)
					}
				}
			})
		}
	}
}

// TestAuditOldBackupRestored: a copy of the database taken earlier (on
// SQLite, gongkai backup) put back in place verifies by itself, but the
// checkpoints written since name the rows it lacks.
func TestAuditOldBackupRestored(t *testing.T) {
	ctx := context.Background()
	key, _, _ := audit.GenerateKey()
	dir := t.TempDir()
	s, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	log := &audit.Log{Store: s, Key: key, Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }}
	cp := &audit.Checkpointer{Log: log, Path: filepath.Join(dir, audit.DefaultCheckpointFile)}
	record(t, log, 30)
	if _, err := cp.Write(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(ctx, filepath.Join(dir, "old.db")); err != nil {
		t.Fatal(err)
	}
	record(t, log, 25)
	if _, err := cp.Write(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	old, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	cps, _, err := audit.ReadCheckpoints(cp.Path, key)
	if err != nil {
		t.Fatal(err)
	}
	v, err := (&audit.Log{Store: old, Key: key}).VerifyWith(ctx, cps)
	if err != nil {
		t.Fatal(err)
	}
	if v.Break == nil || v.Break.ID != 31 || !strings.Contains(v.Break.Problem, "rows 31 to 55 are missing") ||
		!strings.Contains(v.Break.Problem, "old backup") {
		t.Fatalf("restored backup: %+v (break %+v); want rows 31 to 55 named missing", v, v.Break)
	}
}

// TestUnkeyedWriterRefused: once the log is keyed, a writer without the
// audit key fails closed instead of appending a row that breaks the
// chain (a command wired without the key).
func TestUnkeyedWriterRefused(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		key, _, _ := audit.GenerateKey()
		record(t, &audit.Log{Store: s}, 2) // legacy rows, then keyed ones
		record(t, &audit.Log{Store: s, Key: key}, 2)
		err := (&audit.Log{Store: s}).Record(context.Background(), audit.CLI.Event("x.y", "x", 0, audit.ResultOK, ""))
		if err == nil || !strings.Contains(err.Error(), "no audit key") {
			t.Fatalf("unkeyed Record after keyed rows: %v; want a refusal", err)
		}
		v, err := (&audit.Log{Store: s, Key: key}).Verify(context.Background())
		if err != nil || v.Break != nil || v.Rows != 4 || v.Keyed != 2 {
			t.Fatalf("Verify = %+v (break %+v), %v; want 4 rows, 2 keyed, intact", v, v.Break, err)
		}
	})
}
