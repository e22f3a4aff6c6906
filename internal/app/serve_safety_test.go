package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

const quickCheckNotice = "上次未正常停止"

// copyFile copies src to dst, failing the test on error.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestServeQuickCheckAfterUncleanShutdown: a data directory copied while
// a process had the database open (the files a crash leaves: the database
// and a non-empty WAL) makes the next start run quick_check; a clean stop
// leaves no WAL, so the start after it does not.
func TestServeQuickCheckAfterUncleanShutdown(t *testing.T) {
	live, crashed := t.TempDir(), t.TempDir()
	st, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(live, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"gongkai.db", "gongkai.db-wal"} {
		copyFile(t, filepath.Join(live, f), filepath.Join(crashed, f))
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		dir   string
		check bool
	}{
		{"closed cleanly", live, false},
		{"crashed", crashed, true},
		{"after the clean stop that followed", crashed, false},
	}
	// The starts follow each other on the same directories (the third
	// needs the second's clean stop), so they are steps of this one test,
	// not subtests that -run could pick alone.
	for _, tt := range tests {
		cfg := config.Default()
		cfg.DataDir = tt.dir
		out, err := serveOnce(t, cfg, ServeOptions{}, nil)
		if err != nil {
			t.Fatalf("%s: Serve: %v\n%s", tt.name, err, out)
		}
		if got := strings.Contains(out, quickCheckNotice); got != tt.check {
			t.Errorf("%s: quick_check ran: %v; want %v. Output:\n%s", tt.name, got, tt.check, out)
		}
	}
}

// TestServeLogsSafetyWarnings: every durability warning of the database
// is printed at start (the test PostgreSQL usually runs without data
// checksums, so there is one to see).
func TestServeLogsSafetyWarnings(t *testing.T) {
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			cfg := config.Default()
			cfg.DataDir = t.TempDir() // the SQLite file, or PostgreSQL's attachments
			if backend == sqlstoretest.Postgres {
				cfg.DatabaseURL = sqlstoretest.PostgresDB(t)
			}
			st, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			warns, err := st.SafetyWarnings(ctx)
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			out, err := serveOnce(t, cfg, ServeOptions{}, nil)
			if err != nil {
				t.Fatalf("Serve: %v", err)
			}
			for _, w := range warns {
				if !strings.Contains(out, "警告 warning: "+w) {
					t.Errorf("output lacks warning %q:\n%s", w, out)
				}
			}
			if backend == sqlstoretest.SQLite && strings.Contains(out, "警告 warning") {
				t.Errorf("a safe SQLite database gave warnings:\n%s", out)
			}
		})
	}
}
