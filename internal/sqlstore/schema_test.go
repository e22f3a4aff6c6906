package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// notOurs are the tables the migrations create for libraries, in the
// layout each library wants per database: goose's version table and the
// scs session store's sessions (expiry is REAL on SQLite, TIMESTAMPTZ on
// PostgreSQL, as scs's sqlite3store and postgresstore read it).
//
// Also not compared: report_sums_pending and report_sums_flush, through
// which PostgreSQL carries a transaction's changes of report_cells to
// report_subtree_sums at commit (migration 00320); SQLite's triggers
// update the sums in place, leaving no row versions behind.
var notOurs = map[string]bool{"goose_db_version": true, "sessions": true,
	"report_sums_pending": true, "report_sums_flush": true}

// A column is what the parity test compares: the type (PostgreSQL's
// data_type, SQLite's declared type) and whether NULL is refused.
type column struct {
	Type    string
	NotNull bool
}

// compatible lists, for each SQLite declared type, the PostgreSQL types
// that hold the same values: whole numbers (and booleans, which SQLite
// keeps as 0 and 1), text (and instants, which SQLite keeps as fixed-width
// UTC text), bytes.
var compatible = map[string][]string{
	"INTEGER": {"bigint", "integer", "smallint", "boolean"},
	"TEXT":    {"text", "timestamp with time zone"},
	"BLOB":    {"bytea"},
}

// instant reports whether a column is named as an instant: *_at, at,
// *_until, next_attempt (see the package doc).
func instant(name string) bool {
	return name == "at" || strings.HasSuffix(name, "_at") || strings.HasSuffix(name, "_until") || name == "next_attempt"
}

// TestSchemaParity compares, column by column, the schemas the two
// dialects' migrations build: the same tables with the same columns,
// types that hold the same values and the same nullability. It also holds
// the rule for times: a column named as an instant is TIMESTAMPTZ on
// PostgreSQL (TEXT on SQLite) and only such a column is, except
// audit_events.ts, which is TEXT on both because its hash covers the text.
func TestSchemaParity(t *testing.T) {
	ctx := context.Background()
	lite := sqliteSchema(ctx, t, sqlstoretest.Open(t, sqlstoretest.SQLite))
	pg := postgresSchema(ctx, t, sqlstoretest.Open(t, sqlstoretest.Postgres))
	if len(lite) < 20 || len(lite["requests"]) < 20 {
		t.Fatalf("%d tables on SQLite, %d columns in requests: the schema query found too few", len(lite), len(lite["requests"]))
	}
	// The readers see what the rule needs: a rowid is NOT NULL, a time is
	// TIMESTAMPTZ on PostgreSQL.
	if c := lite["requests"]["id"]; !c.NotNull {
		t.Errorf("SQLite requests.id = %+v; want NOT NULL (the INTEGER PRIMARY KEY)", c)
	}
	if c := pg["requests"]["created_at"]; c.Type != "timestamp with time zone" || !c.NotNull {
		t.Errorf("PostgreSQL requests.created_at = %+v", c)
	}
	for _, p := range schemaDiff(lite, pg) {
		t.Error(p)
	}
}

// TestSchemaDiff: each kind of difference is reported.
func TestSchemaDiff(t *testing.T) {
	lite := map[string]map[string]column{
		"a": {"id": {"INTEGER", true}, "name": {"TEXT", true}, "flag": {"INTEGER", false}, "created_at": {"TEXT", true},
			"sent_at": {"TEXT", false}, "seen": {"TEXT", true}, "only_lite": {"TEXT", false}, "blob": {"BLOB", true}},
		"audit_events": {"ts": {"TEXT", true}},
		"lite_only":    {"x": {"TEXT", false}},
		"sessions":     {"expiry": {"REAL", true}},
	}
	pg := map[string]map[string]column{
		"a": {"id": {"bigint", true}, "name": {"text", false}, "flag": {"boolean", false}, "created_at": {"timestamp with time zone", true},
			"sent_at": {"text", false}, "seen": {"timestamp with time zone", true}, "only_pg": {"text", false}, "blob": {"text", true}},
		"audit_events": {"ts": {"timestamp with time zone", true}},
		"pg_only":      {"x": {"text", false}},
		"sessions":     {"expiry": {"timestamp with time zone", true}},
	}
	got := schemaDiff(lite, pg)
	want := []string{
		"a.blob is BLOB on SQLite but text on PostgreSQL",
		"a.name: NOT NULL is true on SQLite but false on PostgreSQL",
		"a.only_lite only on SQLite",
		"a.only_pg only on PostgreSQL",
		"a.seen is TIMESTAMPTZ but not named *_at, *_until or next_attempt",
		"a.sent_at is named as an instant but is text on PostgreSQL; want TIMESTAMPTZ",
		"audit_events.ts is TEXT/timestamp with time zone; want TEXT on both (the hash chain covers its text)",
		"table lite_only only on SQLite",
		"table pg_only only on PostgreSQL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("schemaDiff =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// schemaDiff returns every difference between the SQLite and PostgreSQL
// schemas outside notOurs, and every breach of the rule for times, sorted.
func schemaDiff(lite, pg map[string]map[string]column) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, table := range union(lite, pg) {
		if notOurs[table] {
			continue
		}
		lc, inLite := lite[table]
		pc, inPG := pg[table]
		switch {
		case !inLite:
			add("table %s only on PostgreSQL", table)
			continue
		case !inPG:
			add("table %s only on SQLite", table)
			continue
		}
		for _, name := range union(lc, pc) {
			l, inLite := lc[name]
			p, inPG := pc[name]
			col := table + "." + name
			switch {
			case !inLite:
				add("%s only on PostgreSQL", col)
				continue
			case !inPG:
				add("%s only on SQLite", col)
				continue
			}
			if !slices.Contains(compatible[l.Type], p.Type) {
				add("%s is %s on SQLite but %s on PostgreSQL", col, l.Type, p.Type)
			}
			if l.NotNull != p.NotNull {
				add("%s: NOT NULL is %v on SQLite but %v on PostgreSQL", col, l.NotNull, p.NotNull)
			}
			isTime := p.Type == "timestamp with time zone"
			switch {
			case col == "audit_events.ts":
				if p.Type != "text" || l.Type != "TEXT" {
					add("%s is %s/%s; want TEXT on both (the hash chain covers its text)", col, l.Type, p.Type)
				}
			case instant(name) && !isTime:
				add("%s is named as an instant but is %s on PostgreSQL; want TIMESTAMPTZ", col, p.Type)
			case isTime && !instant(name):
				add("%s is TIMESTAMPTZ but not named *_at, *_until or next_attempt", col)
			}
		}
	}
	slices.Sort(out)
	return out
}

// sqliteSchema returns SQLite's tables and their columns. A column that is
// the table's INTEGER PRIMARY KEY (the rowid) counts as NOT NULL, as it
// is; any other primary key column only when declared so (SQLite lets
// such a column hold NULL).
func sqliteSchema(ctx context.Context, t *testing.T, s *sqlstore.Store) map[string]map[string]column {
	t.Helper()
	rows, err := s.DB().QueryContext(ctx, `SELECT m.name, p.name, upper(p.type), p."notnull", p.pk,
		(SELECT count(*) FROM pragma_table_info(m.name) q WHERE q.pk > 0)
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]column{}
	for rows.Next() {
		var table, name, typ string
		var notNull bool
		var pk, pks int
		if err := rows.Scan(&table, &name, &typ, &notNull, &pk, &pks); err != nil {
			t.Fatal(err)
		}
		if pk > 0 && pks == 1 && typ == "INTEGER" {
			notNull = true
		}
		if out[table] == nil {
			out[table] = map[string]column{}
		}
		out[table][name] = column{Type: typ, NotNull: notNull}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// postgresSchema returns PostgreSQL's tables in the current schema and
// their columns.
func postgresSchema(ctx context.Context, t *testing.T, s *sqlstore.Store) map[string]map[string]column {
	t.Helper()
	rows, err := s.DB().QueryContext(ctx, `SELECT table_name, column_name, data_type, is_nullable = 'NO'
		FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]column{}
	for rows.Next() {
		var table, name string
		var c column
		if err := rows.Scan(&table, &name, &c.Type, &c.NotNull); err != nil {
			t.Fatal(err)
		}
		if out[table] == nil {
			out[table] = map[string]column{}
		}
		out[table][name] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// union returns the keys of a and b, sorted.
func union[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
