package casework_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// envUploadChild makes the test binary the submitting child of
// TestKill9DuringUploads: "dialect|dsn-or-path|blob dir|agency id".
const envUploadChild = "GONGKAI_UPLOAD_CHILD"

func openStore(ctx context.Context, dialect, where string) (*sqlstore.Store, error) {
	if dialect == sqlstoretest.Postgres {
		return sqlstore.OpenPostgres(ctx, where)
	}
	return sqlstore.OpenSQLite(ctx, where)
}

// TestKill9DuringUploads runs a child process (this test binary again)
// that files applications with two 300 KiB attachments each as fast as it
// can and prints "ack <request id> <sha256>,<sha256>" after each Submit
// returns. The parent kills it with SIGKILL mid-burst, then checks that
// every acknowledged attachment is there and opens to its bytes, and that
// after the orphan sweep no blob is left that no row names (#10 item 1).
func TestKill9DuringUploads(t *testing.T) {
	if os.Getenv(envUploadChild) != "" {
		t.Skip("running as the child")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	for _, dialect := range sqlstoretest.Names {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			where := filepath.Join(t.TempDir(), "gongkai.db")
			if dialect == sqlstoretest.Postgres {
				where = sqlstoretest.PostgresDB(t)
			}
			st, err := openStore(ctx, dialect, where)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			ag, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			dir := filepath.Join(t.TempDir(), "blobs")

			cmd := exec.Command(os.Args[0], "-test.run=^TestUploadChild$", "-test.v=false")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s|%s|%d", envUploadChild, dialect, where, dir, ag.ID))
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			const killAfter = 25
			acked := map[int64][]string{}
			sc := bufio.NewScanner(stdout)
			deadline := time.AfterFunc(120*time.Second, func() { _ = cmd.Process.Kill() })
			defer deadline.Stop()
			killed := false
			for sc.Scan() {
				var id int64
				var sums string
				if _, err := fmt.Sscanf(sc.Text(), "ack %d %s", &id, &sums); err != nil {
					continue
				}
				acked[id] = strings.Split(sums, ",")
				if len(acked) == killAfter && !killed {
					_ = cmd.Process.Kill() // SIGKILL: no deferred code, no Close
					killed = true
				}
			}
			_ = cmd.Wait()
			if !killed {
				t.Fatalf("child stopped after %d acknowledgements without being killed", len(acked))
			}

			st, err = openStore(ctx, dialect, where)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			bd, err := blob.NewDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			svc, err := casework.New(st, &audit.Log{Store: st}, testKey)
			if err != nil {
				t.Fatal(err)
			}
			svc.Blobs = blob.Seal(bd, testKey)
			checkAcked := func(when string) {
				for id, sums := range acked {
					as, err := st.Attachments(ctx, id)
					if err != nil || len(as) != len(sums) {
						t.Errorf("%s: request %d has %d attachments, %v; want %d", when, id, len(as), err, len(sums))
						continue
					}
					for i, a := range as {
						rc, err := svc.Blobs.Get(ctx, a.BlobKey)
						if err != nil {
							t.Errorf("%s: request %d attachment %d: %v", when, id, a.ID, err)
							continue
						}
						h := sha256.New()
						_, err = io.Copy(h, rc)
						rc.Close()
						if got := hex.EncodeToString(h.Sum(nil)); err != nil || got != sums[i] || got != a.SHA256 {
							t.Errorf("%s: request %d attachment %d: sha256 %s, %v; want %s", when, id, a.ID, got, err, sums[i])
						}
					}
				}
			}
			checkAcked("after kill -9")

			svc.Now = func() time.Time { return time.Now().Add(time.Hour) }
			swept, err := svc.SweepBlobs(ctx, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := bd.RemoveTemp(-time.Hour); err != nil {
				t.Fatal(err)
			}
			orphans := 0
			err = bd.List(ctx, "", func(key string, _ time.Time) error {
				if ok, err := st.AttachmentBlobExists(ctx, key); err != nil || !ok {
					orphans++
				}
				return nil
			})
			if err != nil || orphans != 0 {
				t.Errorf("%d blobs that no row names after the sweep, %v", orphans, err)
			}
			if es, _ := os.ReadDir(filepath.Join(dir, ".tmp")); len(es) != 0 {
				t.Errorf("%d temporary files left after the sweep", len(es))
			}
			checkAcked("after the sweep")
			t.Logf("acknowledged %d applications, swept %d orphan blobs", len(acked), swept)
		})
	}
}

// TestUploadChild is the submitter; it does nothing unless started by
// TestKill9DuringUploads.
func TestUploadChild(t *testing.T) {
	spec := os.Getenv(envUploadChild)
	if spec == "" {
		t.Skip("only runs as the child of TestKill9DuringUploads")
	}
	parts := strings.Split(spec, "|")
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	ctx := context.Background()
	st, err := openStore(ctx, parts[0], parts[1])
	if err != nil {
		fail(err)
	}
	bd, err := blob.NewDir(parts[2])
	if err != nil {
		fail(err)
	}
	agencyID, _ := strconv.ParseInt(parts[3], 10, 64)
	svc, err := casework.New(st, &audit.Log{Store: st}, testKey)
	if err != nil {
		fail(err)
	}
	svc.Blobs = blob.Seal(bd, testKey)
	for i := 0; i < 100000; i++ {
		app := casework.Application{AgencyID: agencyID, ApplicantType: "natural_person", Name: "张三",
			IDNumber: "11010519491231002X", Phone: "13812345678", Content: fmt.Sprintf("第 %d 件", i), Form: "电子", Delivery: "电子邮件"}
		var sums []string
		for range 2 {
			data := append([]byte("%PDF-1.7\n"), make([]byte, 300<<10)...)
			rand.Read(data[9:])
			f, err := svc.Stage(ctx, "扫描.pdf", "application/pdf", bytes.NewReader(data))
			if err != nil {
				fail(err)
			}
			sum := sha256.Sum256(data)
			sums = append(sums, hex.EncodeToString(sum[:]))
			app.Files = append(app.Files, f)
		}
		rc, err := svc.Submit(ctx, app, "192.0.2.1")
		if err != nil {
			fail(err)
		}
		// Submit returned: only now is the application acknowledged.
		fmt.Fprintf(os.Stdout, "ack %d %s\n", rc.RequestID, strings.Join(sums, ","))
	}
	os.Exit(0)
}
