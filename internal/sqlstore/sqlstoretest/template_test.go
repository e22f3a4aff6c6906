package sqlstoretest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// schemaOf describes a store's schema and the rows the migrations left,
// one line per column, index and table: what a copy of the template and
// a Migrate of an empty database must both have.
func schemaOf(t *testing.T, s *sqlstore.Store) []string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
		FROM information_schema.columns WHERE table_schema = current_schema()
		UNION ALL SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
			WHERE connamespace = current_schema()::regnamespace`
	if s.Dialect() == SQLite {
		q = `SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_schema`
	}
	lines := strings0(t, s.DB(), q)
	tables := strings0(t, s.DB(), map[string]string{
		SQLite:   "SELECT name FROM sqlite_schema WHERE type = 'table'",
		Postgres: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
	}[s.Dialect()])
	for _, tb := range tables {
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM "`+tb+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("rows %s %d", tb, n))
	}
	slices.Sort(lines)
	return lines
}

// strings0 returns the one text column of q's rows.
func strings0(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOpenEqualsMigrate: on both backends a store that Open copies from
// the template has the schema and rows of an empty database migrated,
// is at the latest version, and is a database of its own (a write to one
// is not in another).
func TestOpenEqualsMigrate(t *testing.T) {
	ctx := context.Background()
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			fresh := OpenEmpty(t, name)
			if _, err := fresh.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			a, b := Open(t, name), Open(t, name)
			want := schemaOf(t, fresh)
			if got := schemaOf(t, a); !slices.Equal(got, want) {
				t.Errorf("copied store differs from a migrated one:\n%s", diff(got, want))
			}
			if cur, latest, err := a.SchemaVersion(ctx); err != nil || cur != latest {
				t.Errorf("copied store at version %d of %d (%v)", cur, latest, err)
			}
			if err := a.CheckSchema(ctx); err != nil {
				t.Errorf("CheckSchema of a copied store: %v", err)
			}
			if _, err := a.CreateAgency(ctx, agency.Agency{Name: "模板测试局", CreatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
			if _, err := b.AgencyByName(ctx, "模板测试局"); err == nil {
				t.Error("a write to one copied store is in another")
			}
		})
	}
}

// diff lists the lines only one side has.
func diff(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	return b.String()
}

// TestTemplateMadeAgain: when the PostgreSQL template is gone (dropped as
// stale by a process with other migrations) Open makes it again; a stale
// template of other migrations made long ago is dropped then, and a
// recent one is kept (another worktree may be using it).
func TestTemplateMadeAgain(t *testing.T) {
	dsn := os.Getenv(EnvPostgres)
	Open(t, Postgres) // skips or fails without the DSN
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	ctx := context.Background()
	tmpl, err := templateName()
	if err != nil {
		t.Fatal(err)
	}
	old, recent := templatePrefix+"0test0old", templatePrefix+"0test0recent"
	for _, db := range []struct{ name, made string }{
		{old, time.Now().Add(-2 * staleTemplate).UTC().Format(time.RFC3339)},
		{recent, time.Now().UTC().Format(time.RFC3339)},
	} {
		for _, q := range []string{"DROP DATABASE IF EXISTS " + db.name, "CREATE DATABASE " + db.name,
			"COMMENT ON DATABASE " + db.name + " IS '" + db.made + "'"} {
			if _, err := admin.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+recent); err != nil {
			t.Error(err)
		}
	})
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tmpl+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	s := Open(t, Postgres)
	if err := s.CheckSchema(ctx); err != nil {
		t.Errorf("CheckSchema after the template was made again: %v", err)
	}
	have := strings0(t, admin, "SELECT datname FROM pg_database WHERE starts_with(datname, '"+templatePrefix+"')")
	for _, c := range []struct {
		name string
		want bool
	}{{tmpl, true}, {old, false}, {recent, true}} {
		if slices.Contains(have, c.name) != c.want {
			t.Errorf("databases %v: %s there is %v; want %v", have, c.name, !c.want, c.want)
		}
	}
}
