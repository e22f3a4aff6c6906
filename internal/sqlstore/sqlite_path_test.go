package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestSQLitePathWithURICharacters: a data directory whose name holds a
// character a file: URI gives a meaning ("#", "?", "%") opens the file
// at that path, not one at a path cut short there, and the backup of it
// checks the copy it made.
func TestSQLitePathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	for _, dir := range []string{"a#1", "a?x=1", "a%231", "a#b?c%d"} {
		t.Run(dir, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, dir, "gongkai.db")
			if err := os.Mkdir(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			s, err := sqlstore.OpenSQLite(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			mustAgency(t, s, "路径测试局", 0)
			if _, err := s.Backup(ctx, filepath.Join(root, dir, "backup.db")); err != nil {
				t.Errorf("backup: %v", err)
			}
			s.Close()
			if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
				t.Fatalf("%s after writing: %v, %v; want the database", path, fi, err)
			}
			entries, err := os.ReadDir(root)
			if err != nil || len(entries) != 1 {
				t.Fatalf("%s holds %v, %v; want only %s", root, entries, err, dir)
			}
			again, err := sqlstore.OpenSQLite(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if _, err := again.AgencyByName(ctx, "路径测试局"); err != nil {
				t.Errorf("reopened %s lacks the agency: %v", path, err)
			}
		})
	}
}
