package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/search/searchtest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// logLines decodes the JSON log in buf: one map per record.
func logLines(t *testing.T, buf *syncBuffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// logged returns the first record with message msg, or nil.
func logged(t *testing.T, buf *syncBuffer, msg string) map[string]any {
	t.Helper()
	for _, m := range logLines(t, buf) {
		if m["msg"] == msg {
			return m
		}
	}
	return nil
}

// waitFor polls cond every 20 ms until it holds, failing the test after
// a minute (a guard for a loaded machine, not a timing assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting after a minute for %s", what)
		}
	}
}

// upkeepStore returns a migrated store on the backend with 12 published
// catalogue items and the reports of 20 townships
// published with their facts then removed, as a database migrated by an
// older `gongkai migrate` has them; and the number of those reports.
func upkeepStore(t *testing.T, name string) (*sqlstore.Store, int) {
	t.Helper()
	ctx := context.Background()
	st := sqlstoretest.Open(t, name)
	gov, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", Kind: agency.Government, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	sqlstoretest.LoadCorpus(t, st, []agency.Agency{gov}, searchtest.Corpus(3, 12))
	seedTownships(t, st, gov.ID, 20, time.Now().Year()-1)
	if _, err := st.DB().ExecContext(ctx, "DELETE FROM report_summaries"); err != nil {
		t.Fatal(err)
	}
	pending, err := st.CountPendingFacts(ctx)
	if err != nil || pending != 18 { // every tenth township has no report
		t.Fatalf("pending facts %d, %v; want 18", pending, err)
	}
	return st, pending
}

// TestServeStartsUpkeep: Serve starts, in the background, the facts
// backfill of the published reports that have none (runFactsBackfill)
// and the warm-up of the search copy (runSearchUpkeep), on both
// databases: the facts are there without anything else running, and the
// log names the documents loaded and the reports stored.
func TestServeStartsUpkeep(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st, pending := upkeepStore(t, name)
			cfg := config.Default()
			cfg.DataDir = t.TempDir()
			if name == sqlstoretest.SQLite {
				cfg.DataDir = filepath.Dir(st.Where())
			} else {
				cfg.DatabaseURL = st.Where()
			}
			var buf syncBuffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			_, err := serveOnce(t, cfg, ServeOptions{Options: Options{Log: log}}, func(string) {
				waitFor(t, "the backfill and the warm-up", func() bool {
					n, err := st.CountPendingFacts(ctx)
					if err != nil {
						t.Fatal(err)
					}
					return n == 0 && logged(t, &buf, "report facts backfill done") != nil && logged(t, &buf, "search warm-up") != nil
				})
			})
			if err != nil {
				t.Fatalf("Serve: %v", err)
			}
			var docs int
			if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&docs); err != nil {
				t.Fatal(err)
			}
			if m := logged(t, &buf, "search warm-up"); m["documents"] != float64(docs) || docs != 12+pending {
				t.Errorf("search warm-up logged %v; want the %d documents (12 items and %d reports)", m, docs, pending)
			}
			if m := logged(t, &buf, "report facts backfill done"); m["stored"] != float64(pending) || m["failed"] != float64(0) {
				t.Errorf("backfill logged %v; want %d stored, none failed", m, pending)
			}
		})
	}
}

// TestSearchUpkeepTrims: runSearchUpkeep warms the search copy and then,
// every interval, trims the change log to its newest keep generations,
// raising the floor, on both databases.
func TestSearchUpkeepTrims(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		gov, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", Kind: agency.Government, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		// One publication a transaction: a generation each (PostgreSQL
		// gives a transaction's documents one generation).
		for i, it := range searchtest.Corpus(5, 30) {
			err := st.InTx(ctx, func(ctx context.Context) error {
				_, err := sqlstoretest.Publish(ctx, st, gov, it, i, time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC), catalog.Proactive)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		log := func() (old, kept, gen, floor int64) {
			if err := st.DB().QueryRowContext(ctx, "SELECT gen, floor FROM search_generation WHERE id = 1").Scan(&gen, &floor); err != nil {
				t.Fatal(err)
			}
			q := "SELECT COUNT(CASE WHEN gen <= ? THEN 1 END), COUNT(DISTINCT gen) FROM search_changes"
			if st.Dialect() == sqlstoretest.Postgres {
				q = strings.Replace(q, "?", "$1", 1)
			}
			if err := st.DB().QueryRowContext(ctx, q, gen-5).Scan(&old, &kept); err != nil {
				t.Fatal(err)
			}
			return old, kept, gen, floor
		}
		if old, _, gen, floor := log(); old < 25 || floor != 1 {
			t.Fatalf("%d changes older than the newest 5 generations (%d, floor %d) after 30 publications; want 25 at least, floor 1", old, gen, floor)
		}
		var buf syncBuffer
		run, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			runSearchUpkeep(run, st, slog.New(slog.NewJSONHandler(&buf, nil)), 10*time.Millisecond, 5)
			close(done)
		}()
		waitFor(t, "the trim", func() bool { old, _, _, _ := log(); return old == 0 })
		stop()
		<-done
		if _, kept, gen, floor := log(); kept != 5 || floor != gen-5 {
			t.Errorf("after the trim %d generations kept, floor %d of generation %d; want 5 and %d", kept, floor, gen, gen-5)
		}
		var docs int
		if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&docs); err != nil {
			t.Fatal(err)
		}
		if m := logged(t, &buf, "search warm-up"); m == nil || m["documents"] != float64(docs) || docs < 30 {
			t.Errorf("search warm-up logged %v; want the %d documents", m, docs)
		}
		if m := logged(t, &buf, "search change log trim"); m == nil || m["deleted"].(float64) < 25 {
			t.Errorf("trim logged %v; want 25 deleted at least", m)
		}
	})
}
