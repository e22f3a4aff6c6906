package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestSQLiteFilesPrivate: the database, -wal and -shm are 0600 even in a
// world-readable directory under a permissive umask, and an existing
// 0644 file is narrowed (#10 item 5).
func TestSQLiteFilesPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	for _, preexisting := range []bool{false, true} {
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "gongkai.db")
		if preexisting {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := sqlstore.OpenSQLite(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		mustAgency(t, s, "文件权限测试", 0)
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(f)
			if err != nil {
				t.Fatalf("preexisting=%v: %v", preexisting, err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("preexisting=%v: %s has mode %o; want 600", preexisting, filepath.Base(f), m)
			}
		}
		s.Close()
	}
}
