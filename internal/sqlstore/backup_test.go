package sqlstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	mustAgency(t, s, "宁波市", 0)
	record(t, &audit.Log{Store: s}, 3)
	out := filepath.Join(t.TempDir(), "backup.db")
	info, err := s.Backup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Path != out || info.Bytes == 0 {
		t.Errorf("Backup = %+v; want %s with some bytes", info, out)
	}
	// The copy holds password hashes, TOTP secrets and sealed personal
	// data: only the service's user may read it (SECURITY.md O-FU-06 spirit).
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("backup file mode: %v, %v; want no group or other access", fi.Mode().Perm(), err)
	}
	if _, err := s.Backup(ctx, out); !errors.Is(err, apperr.Conflict) {
		t.Errorf("backup over an existing file: err = %v; want Conflict", err)
	}
	r, err := sqlstore.OpenSQLite(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.CheckSchema(ctx); err != nil {
		t.Fatalf("restored schema: %v", err)
	}
	if _, err := r.AgencyByName(ctx, "宁波市"); err != nil {
		t.Errorf("restored copy lacks the agency: %v", err)
	}
	v, err := (&audit.Log{Store: r}).Verify(ctx)
	if err != nil || v.Break != nil || v.Rows != 3 {
		t.Errorf("restored audit log: %+v, %v; want 3 intact rows", v, err)
	}
}

func TestBackupPostgresRefused(t *testing.T) {
	s := sqlstoretest.Open(t, sqlstoretest.Postgres)
	if _, err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db")); !errors.Is(err, apperr.Invalid) {
		t.Fatalf("Backup on PostgreSQL: err = %v; want Invalid (use pg_dump)", err)
	}
}
