package app

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveOnce runs Serve on cfg until it is listening, calls fn with the
// base URL, then stops it and returns Serve's error and its output.
func serveOnce(t *testing.T, cfg config.Config, o ServeOptions, fn func(base string)) (string, error) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	var out syncBuffer
	o.Out = &out
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	o.Listening = func(addr string) { ready <- addr }
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, cfg, o) }()
	select {
	case addr := <-ready:
		if fn != nil {
			fn("http://" + addr)
		}
		cancel()
		return out.String(), <-done
	case err := <-done:
		return out.String(), err
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
		return "", nil
	}
}

func TestServeFreshDataDirMigratesAndPrintsBootstrapToken(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	out, err := serveOnce(t, cfg, ServeOptions{}, func(base string) {
		resp, err := http.Get(base + "/readyz")
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("readyz: %v %v", err, resp)
		}
		if resp != nil {
			resp.Body.Close()
		}
	})
	if err != nil {
		t.Fatalf("Serve: %v", err)
	}
	for _, want := range []string{"已初始化新数据库", "/admin/bootstrap", "一次性初始化令牌", "gongkai 已启动"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Second start: nothing to migrate, no new notice.
	out, err = serveOnce(t, cfg, ServeOptions{}, nil)
	if err != nil || strings.Contains(out, "已初始化新数据库") {
		t.Errorf("second start: err %v, output:\n%s", err, out)
	}
}

func TestServeDemoPrintsPasswordsOnce(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	seed := func(ctx context.Context, a *App) (string, error) {
		res, err := demo.Seed(ctx, a.Agencies, a.Auth)
		return res.Text(), err
	}
	out, err := serveOnce(t, cfg, ServeOptions{Demo: true, Seed: seed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "demo-sysadmin") || strings.Contains(out, "/admin/bootstrap") {
		t.Errorf("first demo start output:\n%s", out)
	}
	out, err = serveOnce(t, cfg, ServeOptions{Demo: true, Seed: seed}, nil)
	if err != nil || strings.Contains(out, "demo-sysadmin") {
		t.Errorf("second demo start: err %v output:\n%s", err, out)
	}
}

func TestServeRefusesOutdatedSchema(t *testing.T) {
	dir := t.TempDir()
	// An SQLite database at schema version 1 of a newer program.
	db, err := sql.Open("sqlite", filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TEXT);
		INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (0, 1, ''), (1, 1, '')`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.DataDir = dir
	_, err = serveOnce(t, cfg, ServeOptions{}, func(string) { t.Error("served an outdated schema") })
	if err == nil || !strings.Contains(ErrorText(err), "gongkai migrate") {
		t.Errorf("Serve error %v; want one naming gongkai migrate", err)
	}
}

func TestServeRefusesEmptyPostgres(t *testing.T) {
	cfg := config.Default()
	cfg.DatabaseURL = sqlstoretest.PostgresDB(t)
	_, err := serveOnce(t, cfg, ServeOptions{}, func(string) { t.Error("served an unmigrated PostgreSQL database") })
	if err == nil || !strings.Contains(ErrorText(err), "gongkai migrate") {
		t.Errorf("Serve error %v; want one naming gongkai migrate", err)
	}
}

func TestAdminAllowList(t *testing.T) {
	cfg := config.Default()
	if err := cfg.Set("admin_allow", "10.0.0.0/8, 192.168.1.1"); err != nil {
		t.Fatal(err)
	}
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	bad := cfg
	bad.AdminAllow = []string{"10.0.0.0/8", "nonsense"}
	if _, err := New(context.Background(), st, bad, Options{}); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("New with admin_allow nonsense: %v; want an error naming it", err)
	}
	a, err := New(context.Background(), st, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, tc := range []struct {
		path   string
		status int
	}{{"/admin/login", 403}, {"/admin/", 403}, {"/admin", 403}, {"/", 200}, {"/api/v1/openapi.json", 200}} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", tc.path, nil) // from 192.0.2.1
		a.Handler.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("%s from outside: %d; want %d", tc.path, rec.Code, tc.status)
		}
	}
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/admin/login", nil)
	r.RemoteAddr = "10.1.2.3:4444"
	a.Handler.ServeHTTP(rec, r)
	if rec.Code != 200 {
		t.Errorf("/admin/login from inside: %d; want 200", rec.Code)
	}
}
