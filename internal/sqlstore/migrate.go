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
	p, err := goose.NewProvider(s.d.goose, s.db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrate: %w", err)
	}
	res, err := p.Up(ctx)
	var out []MigrationResult
	for _, r := range res {
		if r.Error == nil {
			out = append(out, MigrationResult{Version: r.Source.Version, Name: path.Base(r.Source.Path)})
		}
	}
	if err != nil {
		return out, apperr.Wrap(apperr.Internal, "数据库升级失败 / migration failed", fmt.Errorf("sqlstore: migrate: %w", err))
	}
	return out, nil
}

// SchemaVersion returns the version the database is at (0 when it has
// never been migrated) and the latest version this program carries. It
// reads goose's table and creates nothing.
func (s *Store) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	vs, err := MigrationVersions(s.d.name)
	if err != nil {
		return 0, 0, err
	}
	latest = vs[len(vs)-1]
	var n int
	if err := s.queryRow(ctx, s.d.tableExists, "goose_db_version").Scan(&n); err != nil {
		return 0, latest, s.mapErr("schema version", err)
	}
	if n == 0 {
		return 0, latest, nil
	}
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&current); err != nil {
		return 0, latest, s.mapErr("schema version", err)
	}
	return current, latest, nil
}

// CheckSchema returns nil when the database is exactly at this program's
// latest migration, and an apperr.OutdatedSchema error that names the
// command to run otherwise. `gongkai serve` refuses to start on it.
func (s *Store) CheckSchema(ctx context.Context) error {
	cur, latest, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case cur < latest:
		return apperr.Errorf(apperr.OutdatedSchema,
			"数据库结构版本 %d 落后于程序版本 %d, 请先运行 gongkai migrate / the database schema (version %d) is older than this program (version %d): run `gongkai migrate`",
			cur, latest, cur, latest)
	case cur > latest:
		return apperr.Errorf(apperr.OutdatedSchema,
			"数据库结构版本 %d 比程序版本 %d 新, 请升级 gongkai 程序 / the database (version %d) is newer than this program (version %d): install the newer gongkai",
			cur, latest, cur, latest)
	}
	return nil
}
