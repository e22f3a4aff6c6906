package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/apperr"
)

// BackupInfo describes a finished backup.
type BackupInfo struct {
	Path  string
	Bytes int64
}

// Backup writes a consistent copy of the SQLite database to out while the
// server keeps running, the way R-SQL-05 asks: VACUUM INTO a temporary
// file beside out, PRAGMA integrity_check on the copy, fsync, rename,
// fsync of the directory; the file is mode 0600. out must not exist. On PostgreSQL it returns an
// apperr.Invalid error: use pg_dump.
func (s *Store) Backup(ctx context.Context, out string) (BackupInfo, error) {
	if s.d.name != "sqlite" {
		return BackupInfo{}, apperr.New(apperr.Invalid, "backup.postgres")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("sqlstore: backup: %w", err)
	}
	if _, err := os.Stat(abs); err == nil {
		return BackupInfo{}, apperr.New(apperr.Conflict, "backup.exists", abs)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	tmp := abs + ".tmp-" + hex.EncodeToString(b[:])
	defer os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return BackupInfo{}, apperr.Wrap(apperr.Internal, "backup.failed", fmt.Errorf("sqlstore: vacuum into %s: %w", tmp, err))
	}
	// The copy holds password hashes, TOTP secrets and sealed personal
	// data: readable by the service's user only, whatever the umask.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return BackupInfo{}, fmt.Errorf("sqlstore: backup: %w", err)
	}
	if err := checkCopy(ctx, tmp); err != nil {
		return BackupInfo{}, err
	}
	f, err := os.Open(tmp)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("sqlstore: backup: %w", err)
	}
	st, err := f.Stat()
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err != nil {
		return BackupInfo{}, fmt.Errorf("sqlstore: backup: sync: %w", err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return BackupInfo{}, fmt.Errorf("sqlstore: backup: %w", err)
	}
	if d, err := os.Open(filepath.Dir(abs)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return BackupInfo{Path: abs, Bytes: st.Size()}, nil
}

// checkCopy runs PRAGMA integrity_check on the SQLite file at path.
func checkCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", sqliteURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("sqlstore: check backup: %w", err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("sqlstore: check backup: %w", err)
	}
	if res != "ok" {
		return apperr.Wrap(apperr.Internal, "backup.integrity", fmt.Errorf("sqlstore: integrity_check: %s", res))
	}
	return nil
}
