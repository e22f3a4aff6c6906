package sqlstore_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// envChild makes the test binary act as the writer child of
// TestKill9LosesNoAcknowledgedWrite; it holds the database path.
const envChild = "GONGKAI_DURABILITY_CHILD_DB"

// TestKill9LosesNoAcknowledgedWrite runs a child process (this test binary
// again) that creates agencies as fast as it can, each with its audit
// event in one transaction, and prints "ack <id>" after every commit. The
// parent kills it with SIGKILL mid-burst, reopens the database and checks
// that every acknowledged agency is there with its audit event, that
// integrity_check passes and that the audit chain verifies. (Power loss is
// a stronger test, R-CR-02; it needs LazyFS and runs outside go test.)
func TestKill9LosesNoAcknowledgedWrite(t *testing.T) {
	if os.Getenv(envChild) != "" {
		t.Skip("running as the child")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gongkai.db")
	s, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), envChild+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const killAfter = 200 // acknowledgements before the kill
	acked := map[int64]bool{}
	sc := bufio.NewScanner(stdout)
	deadline := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	killed := false
	for sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "ack ")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			t.Fatalf("bad ack line %q", sc.Text())
		}
		acked[n] = true
		if len(acked) == killAfter && !killed {
			_ = cmd.Process.Kill() // SIGKILL: no deferred code, no Close
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("child stopped after %d acknowledgements without being killed", len(acked))
	}

	s, err = sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var check string
	if err := s.DB().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	all, err := s.ListAgencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, a := range all {
		have[a.ID] = true
	}
	lost := 0
	for id := range acked {
		if !have[id] {
			lost++
			t.Errorf("acknowledged agency %d is missing after kill -9", id)
		}
	}
	log := &audit.Log{Store: s}
	v, err := log.Verify(ctx)
	if err != nil || v.Break != nil {
		t.Fatalf("audit chain after kill -9: %+v, %v", v.Break, err)
	}
	// Atomicity: every agency has exactly its audit event, no more, no less.
	evs, err := s.SearchAudit(ctx, audit.Filter{Action: audit.ActAgencyCreate, Limit: audit.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(all) {
		t.Errorf("%d agencies but %d agency.create events; want equal (one transaction each)", len(all), len(evs))
	}
	t.Logf("acknowledged %d, found %d agencies (%d written after the last ack was read), lost %d", len(acked), len(all), len(all)-len(acked), lost)
}

// TestDurabilityChild is the writer; it does nothing unless started by
// TestKill9LosesNoAcknowledgedWrite.
func TestDurabilityChild(t *testing.T) {
	path := os.Getenv(envChild)
	if path == "" {
		t.Skip("only runs as the child of TestKill9LosesNoAcknowledgedWrite")
	}
	ctx := context.Background()
	s, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	svc, err := agency.NewService(s, &audit.Log{Store: s})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for i := 0; i < 100000; i++ {
		a, err := svc.Create(ctx, audit.CLI, agency.Agency{Name: fmt.Sprintf("burst-%d", i)})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		// The commit returned: only now is the write acknowledged.
		fmt.Fprintf(os.Stdout, "ack %d\n", a.ID)
	}
	os.Exit(0)
}

// BenchmarkCommit measures one small INSERT transaction on SQLite in WAL
// mode with synchronous FULL (what gongkai uses) and NORMAL (what it does
// not, because NORMAL can lose the last commits on power loss).
func BenchmarkCommit(b *testing.B) {
	for _, mode := range []string{"FULL", "NORMAL"} {
		b.Run(mode, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench.db")
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous("+mode+")&_txlock=immediate")
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := tx.Exec("INSERT INTO t (v) VALUES ('受理回执')"); err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAgencyCreate measures a domain write with its audit event
// (two inserts and the chain head read, one transaction) on SQLite.
func BenchmarkAgencyCreate(b *testing.B) {
	ctx := context.Background()
	s, err := sqlstore.OpenSQLite(ctx, filepath.Join(b.TempDir(), "gongkai.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	svc, err := agency.NewService(s, &audit.Log{Store: s})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if _, err := svc.Create(ctx, audit.CLI, agency.Agency{Name: "bench-" + strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
	}
}
