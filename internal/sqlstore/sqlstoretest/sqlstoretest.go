// Package sqlstoretest opens fresh, migrated stores for tests on every
// backend: SQLite in a temporary directory always, and PostgreSQL when
// GONGKAI_TEST_POSTGRES holds a DSN (each test gets its own database,
// dropped afterwards). Without the DSN the PostgreSQL cases skip, unless
// CI is set, when they fail. A migrated store is a copy of a database
// migrated once (template.go): the file on SQLite, a template database
// on PostgreSQL.
//
// Store tests of every package use it the same way:
//
//	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) { ... })
package sqlstoretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"github.com/gongkai/gongkai/internal/sqlstore"
)

// EnvPostgres names the environment variable with the PostgreSQL DSN.
const EnvPostgres = "GONGKAI_TEST_POSTGRES"

// Backend names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Names lists the backends every store test runs on.
var Names = []string{SQLite, Postgres}

// Run runs fn as one subtest per backend, each with a fresh migrated
// store that is closed (and, on PostgreSQL, dropped) when the subtest ends.
func Run(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Helper()
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			fn(t, Open(t, name))
		})
	}
}

// Open returns a fresh migrated store on the named backend: a copy of a
// database migrated once (template.go), as a Migrate of an empty one
// leaves it. On PostgreSQL without GONGKAI_TEST_POSTGRES it skips the
// test (fails it when CI is set).
func Open(t testing.TB, name string) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	var s *sqlstore.Store
	var err error
	switch name {
	case SQLite:
		s, err = openSQLiteMigrated(ctx, filepath.Join(t.TempDir(), "gongkai.db"))
	case Postgres:
		s, err = sqlstore.OpenPostgres(ctx, postgresDB(t, true))
	default:
		t.Fatalf("sqlstoretest: unknown backend %q", name)
	}
	if err != nil {
		t.Fatalf("open migrated %s: %v", name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// OpenEmpty returns a fresh store on the named backend without migrating
// it.
func OpenEmpty(t testing.TB, name string) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	var s *sqlstore.Store
	var err error
	switch name {
	case SQLite:
		s, err = sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "gongkai.db"))
	case Postgres:
		s, err = sqlstore.OpenPostgres(ctx, PostgresDB(t))
	default:
		t.Fatalf("sqlstoretest: unknown backend %q", name)
	}
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDB creates a uniquely named empty database (UTF-8, C.UTF-8
// locale) on the GONGKAI_TEST_POSTGRES server, drops it when the test
// ends, and returns its DSN. It skips or fails the test as Open does.
func PostgresDB(t testing.TB) string {
	t.Helper()
	return postgresDB(t, false)
}

// postgresDB is PostgresDB, of a migrated database when migrated is set.
func postgresDB(t testing.TB, migrated bool) string {
	t.Helper()
	dsn := os.Getenv(EnvPostgres)
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set; CI must test PostgreSQL", EnvPostgres)
		}
		t.Skipf("%s not set: skipping PostgreSQL", EnvPostgres)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "gongkai_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if migrated {
		err = createMigrated(ctx, admin, dsn, name)
	} else {
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0")
	}
	if err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		admin.Close()
	})
	u.Path = "/" + name
	return u.String()
}
