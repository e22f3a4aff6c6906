package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/gongkai/gongkai/internal/apperr"
)

// migrationsFS holds the SQL migrations, one folder per dialect with the
// same numbers: NNNNN_name.sql, forward-only, one transaction each.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationsFS embed.FS

// Migrations returns the embedded migrations of a dialect ("sqlite" or
// "postgres") as a file system of NNNNN_name.sql files.
func Migrations(dialect string) (fs.FS, error) {
	sub, err := fs.Sub(migrationsFS, path.Join("migrations", dialect))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrations for %s: %w", dialect, err)
	}
	return sub, nil
}

// MigrationVersions returns the sorted version numbers of a dialect's
// embedded migrations.
func MigrationVersions(dialect string) ([]int64, error) {
	fsys, err := Migrations(dialect)
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list migrations: %w", err)
	}
	var vs []int64
	for _, n := range names {
		num, _, ok := strings.Cut(n, "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlstore: migration %s/%s: name must start with a number and _", dialect, n)
		}
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i] < vs[j] })
	return vs, nil
}

// A MigrationResult is one migration that Migrate applied.
type MigrationResult struct {
	Version int64
	Name    string
}

// Migrate applies every pending migration, each in its own transaction,
// and returns the ones it applied. On PostgreSQL a session advisory lock
// keeps two processes from migrating at once.
func (s *Store) Migrate(ctx context.Context) ([]MigrationResult, error) {
	p, err := s.migrator()
	if err != nil {
		return nil, err
	}
	return migrated(p.Up(ctx))
}

// migrator returns the goose provider of s's embedded migrations.
func (s *Store) migrator() (*goose.Provider, error) {
	fsys, err := Migrations(s.d.name)
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	if s.d.name == "postgres" {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("sqlstore: migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	// Several features add migrations at once; a database that already
	// has a higher number still gets a lower one that arrived later.
	opts = append(opts, goose.WithAllowOutofOrder(true))
	p, err := goose.NewProvider(s.d.goose, s.db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return p, nil
}

// migrated converts goose's results of a run.
func migrated(res []*goose.MigrationResult, err error) ([]MigrationResult, error) {
	var out []MigrationResult
	for _, r := range res {
		if r.Error == nil {
			out = append(out, MigrationResult{Version: r.Source.Version, Name: path.Base(r.Source.Path)})
		}
	}
	if err != nil {
		return out, apperr.Wrap(apperr.Internal, "store.migrate_failed", fmt.Errorf("sqlstore: migrate: %w", err))
	}
	return out, nil
}

// SchemaVersion returns the highest version applied to the database (0
// when it has never been migrated) and the latest version this program
// carries. It reads goose's table and creates nothing.
func (s *Store) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	applied, vs, err := s.versions(ctx)
	if err != nil {
		return 0, 0, err
	}
	latest = vs[len(vs)-1]
	for v := range applied {
		current = max(current, v)
	}
	return current, latest, nil
}

// versions returns the set of applied versions and the embedded ones.
func (s *Store) versions(ctx context.Context) (map[int64]bool, []int64, error) {
	vs, err := MigrationVersions(s.d.name)
	if err != nil {
		return nil, nil, err
	}
	applied := map[int64]bool{}
	var n int
	if err := s.queryRow(ctx, s.d.tableExists, "goose_db_version").Scan(&n); err != nil {
		return nil, vs, s.mapErr("schema version", err)
	}
	if n == 0 {
		return applied, vs, nil
	}
	rows, err := s.query(ctx, "SELECT version_id FROM goose_db_version WHERE is_applied AND version_id > 0")
	if err != nil {
		return nil, vs, s.mapErr("schema version", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, vs, s.mapErr("schema version", err)
		}
		applied[v] = true
	}
	return applied, vs, s.mapErr("schema version", rows.Err())
}

// CheckSchema returns nil when every migration this program carries is
// applied and none unknown to it is, and otherwise an
// apperr.OutdatedSchema error that names what to do: `gongkai migrate`
// for a database that is behind, a newer gongkai for one that is ahead.
// `gongkai serve` refuses to start on it.
func (s *Store) CheckSchema(ctx context.Context) error {
	applied, vs, err := s.versions(ctx)
	if err != nil {
		return err
	}
	var pending []string
	known := map[int64]bool{}
	for _, v := range vs {
		known[v] = true
		if !applied[v] {
			pending = append(pending, strconv.FormatInt(v, 10))
		}
	}
	var unknown []string
	for v := range applied {
		if !known[v] {
			unknown = append(unknown, strconv.FormatInt(v, 10))
		}
	}
	sort.Strings(unknown)
	switch {
	case len(unknown) > 0:
		return apperr.New(apperr.OutdatedSchema, "store.schema_newer", strings.Join(unknown, ", "))
	case len(pending) > 0:
		return apperr.New(apperr.OutdatedSchema, "store.schema_older", strings.Join(pending, ", "))
	}
	return nil
}
