package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// record appends n events by actor "alice" and fails the test on error.
func record(t *testing.T, log *audit.Log, n int) {
	t.Helper()
	by := audit.Actor{UserID: 7, Login: "alice", IP: "192.0.2.1"}
	for i := 0; i < n; i++ {
		if err := log.Record(context.Background(), by.Event(audit.ActUserCreate, "user", int64(i+1), audit.ResultOK, fmt.Sprintf("第%d个", i+1))); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditAppendAndSearch(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		log := &audit.Log{Store: s, Now: func() time.Time { return testNow }}
		record(t, log, 5)
		if err := log.Record(ctx, audit.Actor{Login: "bob"}.Event(audit.ActLoginFail, "user", 3, audit.ResultFail, "wrong password")); err != nil {
			t.Fatal(err)
		}
		v, err := log.Verify(ctx)
		if err != nil || v.Break != nil || v.Rows != 6 {
			t.Fatalf("Verify = %+v, %v; want 6 intact rows", v, err)
		}
		tests := []struct {
			name string
			f    audit.Filter
			want int
		}{
			{"all", audit.Filter{}, 6},
			{"actor", audit.Filter{ActorLogin: "bob"}, 1},
			{"action prefix", audit.Filter{Action: "login."}, 1},
			{"action exact", audit.Filter{Action: audit.ActUserCreate}, 5},
			{"object", audit.Filter{ObjectType: "user", ObjectID: "3"}, 2},
			{"result", audit.Filter{Result: audit.ResultFail}, 1},
			{"ip", audit.Filter{IP: "192.0.2.1"}, 5},
			{"limit", audit.Filter{Limit: 2}, 2},
			{"before id", audit.Filter{BeforeID: 3}, 2},
			{"future", audit.Filter{From: testNow.Add(time.Hour)}, 0},
			{"window", audit.Filter{From: testNow.Add(-time.Hour), To: testNow.Add(time.Hour)}, 6},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.SearchAudit(ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != tt.want {
					t.Errorf("SearchAudit(%+v) = %d events; want %d", tt.f, len(got), tt.want)
				}
				for i := 1; i < len(got); i++ {
					if got[i].ID >= got[i-1].ID {
						t.Errorf("not newest first: %d after %d", got[i].ID, got[i-1].ID)
					}
				}
			})
		}
		evs, _ := s.AuditEvents(ctx, 0, 1)
		if len(evs) != 1 || evs[0].Detail != "第1个" || evs[0].IP != "192.0.2.1" || evs[0].PrevHash != "" || len(evs[0].Hash) != 64 {
			t.Errorf("first event = %+v; want the stored fields and a 64-hex hash", evs)
		}
	})
}

func TestAuditUpdateDeleteRefused(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		record(t, &audit.Log{Store: s}, 3)
		stmts := []string{
			"UPDATE audit_events SET detail = 'changed' WHERE id = 2",
			"DELETE FROM audit_events WHERE id = 3",
			"DELETE FROM audit_events",
		}
		if s.Dialect() == "postgres" {
			stmts = append(stmts, "TRUNCATE audit_events")
		}
		for _, q := range stmts {
			if _, err := s.DB().ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v; want refused by the append-only trigger", q, err)
			}
		}
		v, err := (&audit.Log{Store: s}).Verify(ctx)
		if err != nil || v.Break != nil || v.Rows != 3 {
			t.Fatalf("Verify after refused changes = %+v, %v; want 3 intact rows", v, err)
		}
	})
}

// TestAuditTamperDetected changes rows behind the application's back (the
// trigger dropped first, as someone with the database file could) and
// expects Verify to name the row.
func TestAuditTamperDetected(t *testing.T) {
	tests := []struct {
		name   string
		tamper []string
		wantID int64
		want   string
	}{
		{"edit detail", []string{"UPDATE audit_events SET detail = '伪造' WHERE id = 3"}, 3, "modified"},
		{"edit actor", []string{"UPDATE audit_events SET actor_login = 'mallory' WHERE id = 2"}, 2, "modified"},
		{"delete middle row", []string{"DELETE FROM audit_events WHERE id = 2"}, 3, "missing"},
		{"swap hash", []string{"UPDATE audit_events SET hash = 'ab' WHERE id = 4"}, 4, "modified"},
	}
	for _, backend := range sqlstoretest.Names {
		for _, tt := range tests {
			t.Run(backend+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				s := sqlstoretest.Open(t, backend)
				log := &audit.Log{Store: s}
				record(t, log, 5)
				drop := []string{"DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"}
				if backend == "postgres" {
					drop = []string{"ALTER TABLE audit_events DISABLE TRIGGER USER"}
				}
				for _, q := range append(drop, tt.tamper...) {
					if _, err := s.DB().ExecContext(ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				v, err := log.Verify(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if v.Break == nil || v.Break.ID != tt.wantID || !strings.Contains(v.Break.Problem, tt.want) {
					t.Fatalf("Verify = %+v (break %+v); want row %d %q", v, v.Break, tt.wantID, tt.want)
				}
			})
		}
	}
}

// TestAuditConcurrentAppends writes from several goroutines and expects
// one unbroken chain: the store serialises writers.
func TestAuditConcurrentAppends(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		log := &audit.Log{Store: s}
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					errs <- log.Record(context.Background(), audit.CLI.Event("test.concurrent", "", 0, audit.ResultOK, ""))
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		v, err := log.Verify(context.Background())
		if err != nil || v.Break != nil || v.Rows != 40 {
			t.Fatalf("Verify = %+v, %v; want 40 intact rows", v, err)
		}
	})
}
