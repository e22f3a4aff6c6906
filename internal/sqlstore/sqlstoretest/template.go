package sqlstoretest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/gongkai/gongkai/internal/sqlstore"
)

// Migrating a store takes about 0.1 s on SQLite and 0.7–1.5 s on
// PostgreSQL, and hundreds of tests open one. Open therefore migrates
// once and copies: on SQLite the file of a database migrated once per
// test process, held in memory; on PostgreSQL a template database
// migrated once per set of migrations (its name carries their hash), which
// CREATE DATABASE … TEMPLATE clones. Every test still gets a database of
// its own with every migration applied, as a Migrate of an empty one
// leaves it.

// sqliteTemplate is the file of an SQLite database migrated once.
var sqliteTemplate struct {
	once sync.Once
	data []byte
	err  error
}

// sqliteMigrated returns the bytes of a migrated SQLite database file,
// made on the first call.
func sqliteMigrated() ([]byte, error) {
	t := &sqliteTemplate
	t.once.Do(func() { t.data, t.err = makeSQLiteTemplate() })
	return t.data, t.err
}

// makeSQLiteTemplate migrates a new SQLite database in a directory of its
// own, closes it (which checkpoints the write-ahead log into the file)
// and returns the file.
func makeSQLiteTemplate() ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "gongkai-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "gongkai.db")
	s, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("sqlstoretest: the migrated template kept a write-ahead log of %d bytes", fi.Size())
	}
	return os.ReadFile(path)
}

// openSQLiteMigrated writes the migrated template to path and opens it.
func openSQLiteMigrated(ctx context.Context, path string) (*sqlstore.Store, error) {
	data, err := sqliteMigrated()
	if err != nil {
		return nil, fmt.Errorf("migrate the template: %w", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, err
	}
	return sqlstore.OpenSQLite(ctx, path)
}

// templatePrefix starts the name of every PostgreSQL template database;
// templateLock is the advisory lock (in the DSN's own database) held
// while one is made.
const (
	templatePrefix = "gongkai_tmpl_"
	templateLock   = 0x676f6e676b6169 // "gongkai"
)

// staleTemplate is how long after it was made the template of other
// migrations than this process's is dropped.
const staleTemplate = time.Hour

// templateName names the PostgreSQL template of the embedded migrations:
// the prefix and a hash of their names and contents, so that a changed
// or added migration makes a new template and two worktrees with
// different migrations never share one.
func templateName() (string, error) {
	fsys, err := sqlstore.Migrations(Postgres)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("sqlstoretest: hash the migrations: %w", err)
	}
	return templatePrefix + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// createMigrated creates the database name as a copy of the template of
// the current migrations, making the template first when the server lacks
// it. A template another process is reading or has just dropped is waited
// for or made again.
func createMigrated(ctx context.Context, admin *sql.DB, dsn, name string) error {
	tmpl, err := templateName()
	if err != nil {
		return err
	}
	for try := 0; ; try++ {
		if err := ensureTemplate(ctx, admin, dsn, tmpl); err != nil {
			return fmt.Errorf("make template %s: %w", tmpl, err)
		}
		_, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl)
		var pe *pgconn.PgError
		// 55006: the template is being accessed (made, or dropped as stale
		// by a process with other migrations); 3D000: it is gone.
		if err == nil || !errors.As(err, &pe) || (pe.Code != "55006" && pe.Code != "3D000") || try == 20 {
			return err
		}
		time.Sleep(time.Duration(50*(try+1)) * time.Millisecond)
	}
}

// ensureTemplate makes the template database tmpl when the server lacks
// it, under an advisory lock so that concurrent test processes make it
// once: an empty database is migrated under another name and renamed
// when complete, so a template is never seen half made. It then drops the
// templates of other migrations made more than staleTemplate ago, so that
// they do not pile up on a shared server (a process still using one makes
// it again).
func ensureTemplate(ctx context.Context, admin *sql.DB, dsn, tmpl string) error {
	exists := func(c *sql.Conn) (bool, error) {
		var n int
		err := c.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", tmpl).Scan(&n)
		return n > 0, err
	}
	c, err := admin.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if ok, err := exists(c); ok || err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
		return err
	}
	defer c.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", templateLock)
	if ok, err := exists(c); ok || err != nil {
		return err
	}
	build := tmpl + "_new"
	for _, q := range []string{
		"DROP DATABASE IF EXISTS " + build + " WITH (FORCE)",
		"CREATE DATABASE " + build + " ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0",
	} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := migrateDB(ctx, dsn, build); err != nil {
		return err
	}
	// The closed store's server processes may still be ending.
	if _, err := c.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", build); err != nil {
		return err
	}
	for try := 0; ; try++ {
		_, err = c.ExecContext(ctx, "ALTER DATABASE "+build+" RENAME TO "+tmpl)
		var pe *pgconn.PgError
		if err == nil || !errors.As(err, &pe) || pe.Code != "55006" || try == 20 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "COMMENT ON DATABASE "+tmpl+" IS '"+time.Now().UTC().Format(time.RFC3339)+"'"); err != nil {
		return err
	}
	rows, err := c.QueryContext(ctx, `SELECT datname, COALESCE(shobj_description(oid, 'pg_database'), '') FROM pg_database
		WHERE starts_with(datname, $1) AND datname <> $2`, templatePrefix, tmpl)
	if err != nil {
		return err
	}
	var stale []string
	for rows.Next() {
		var n, made string
		if err := rows.Scan(&n, &made); err != nil {
			rows.Close()
			return err
		}
		if at, err := time.Parse(time.RFC3339, made); err != nil || time.Since(at) > staleTemplate {
			stale = append(stale, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range stale {
		if _, err := c.ExecContext(ctx, "DROP DATABASE IF EXISTS "+n+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop stale template %s: %w", n, err)
		}
	}
	return nil
}

// migrateDB migrates the database name on the server of dsn.
func migrateDB(ctx context.Context, dsn, name string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	s, err := sqlstore.OpenPostgres(ctx, u.String())
	if err != nil {
		return err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}
