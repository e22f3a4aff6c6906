package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gongkai/gongkai/internal/apperr"
)

// This file holds everything that differs between SQLite and PostgreSQL.

// A dialect is one database's way of doing the few things that differ.
type dialect struct {
	name  string
	goose goose.Dialect
	// dollar placeholders ($1, $2) instead of "?".
	dollar bool
	// timeText stores times as fixed-width UTC text instead of TIMESTAMPTZ.
	timeText bool
	// lockAudit serialises writers of the audit chain inside a transaction.
	lockAudit string
	// tableExists is a query with one parameter, the table name.
	tableExists string
}

var sqliteDialect = &dialect{
	name:        "sqlite",
	goose:       goose.DialectSQLite3,
	timeText:    true,
	lockAudit:   "", // transactions are BEGIN IMMEDIATE: one writer at a time
	tableExists: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
}

var postgresDialect = &dialect{
	name:        "postgres",
	goose:       goose.DialectPostgres,
	dollar:      true,
	lockAudit:   "SELECT pg_advisory_xact_lock(7477001)", // held until commit
	tableExists: "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
}

// sqliteDSN is the connection string for the file at path: WAL, a 5 s
// busy timeout, foreign keys, synchronous FULL, secure_delete (deleted
// personal data is overwritten, E-RI-02), a page cache of 64 MiB a
// connection (SQLite's default is 2 MiB; the search postings of 100,000
// items are about 1 GB) and temporary files in memory (the statement
// journal of a multi-row INSERT of postings cost a quarter of a reindex
// in write system calls, issue #12), and BEGIN IMMEDIATE transactions.
func sqliteDSN(path string) string {
	return sqliteURI(path) + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)&_pragma=secure_delete(ON)&_pragma=cache_size(-65536)&_pragma=temp_store(2)&_txlock=immediate"
}

// sqliteURI is the file: URI of the file at path, with the characters
// that a URI gives a meaning escaped: a "#" or "?" in a directory's name
// would else cut the path there and open another file.
func sqliteURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
}

// minSQLite is the oldest SQLite accepted: 3.51.3 fixes the WAL-reset
// corruption bug (SECURITY.md R-SQL-02).
var minSQLite = [3]int{3, 51, 3}

func checkSQLiteVersion(ctx context.Context, db *sql.DB) error {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v); err != nil {
		return fmt.Errorf("sqlstore: sqlite version: %w", err)
	}
	var got [3]int
	for i, p := range strings.SplitN(v, ".", 3) {
		got[i], _ = strconv.Atoi(p)
	}
	for i := range got {
		if got[i] != minSQLite[i] {
			if got[i] < minSQLite[i] {
				return apperr.New(apperr.Internal, "store.sqlite_old", v)
			}
			break
		}
	}
	return nil
}

// rebind turns "?" placeholders into "$1", "$2", … for PostgreSQL. The
// queries in this package never contain a literal "?".
func (d *dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// timeFormat is how SQLite stores times: UTC, microseconds, fixed width so
// that text order is time order. audit_events.ts holds the same text on
// both databases (audit.TimeFormat), because its hash covers it.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// t converts a time to a query argument; the zero time becomes NULL.
func (d *dialect) t(v time.Time) any {
	if v.IsZero() {
		return nil
	}
	v = v.UTC().Truncate(time.Microsecond)
	if d.timeText {
		return v.Format(timeFormat)
	}
	return v
}

// needTime returns an error when t, for the NOT NULL time column named by
// field, is zero: the store reads no clock, the caller passes its own.
func needTime(op, field string, t time.Time) error {
	if t.IsZero() {
		return apperr.Wrap(apperr.Internal, "", fmt.Errorf("sqlstore: %s: %s not set: the caller passes its clock's time", op, field))
	}
	return nil
}

// dbTime scans a time stored by either dialect; NULL gives the zero time.
type dbTime struct{ T *time.Time }

// Scan implements sql.Scanner.
func (x dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*x.T = time.Time{}
	case time.Time:
		*x.T = v.UTC()
	case string:
		return x.parse(v)
	case []byte:
		return x.parse(string(v))
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a time", src)
	}
	return nil
}

func (x dbTime) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("sqlstore: bad stored time %q: %w", s, err)
	}
	*x.T = t.UTC()
	return nil
}

var _ sql.Scanner = dbTime{}

// mapErr wraps a driver error with the operation and an apperr kind:
// unique and exclusion violations become Conflict, foreign-key and check
// violations Invalid, everything else Internal.
func (s *Store) mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if apperr.KindOf(err) != apperr.Internal {
		return fmt.Errorf("sqlstore: %s: %w", op, err)
	}
	wrapped := fmt.Errorf("sqlstore: %s: %w", op, err)
	switch classify(err) {
	case classUnique:
		return apperr.Wrap(apperr.Conflict, "", wrapped)
	case classForeignKey:
		return apperr.Wrap(apperr.Invalid, "store.reference_missing", wrapped)
	case classCheck:
		return apperr.Wrap(apperr.Invalid, "", wrapped)
	case classBadText:
		return apperr.Wrap(apperr.Invalid, "store.bad_text", wrapped)
	}
	return apperr.Wrap(apperr.Internal, "", wrapped)
}

// ErrBadText is the error of a statement given text that PostgreSQL
// cannot store (a NUL byte, invalid UTF-8): the same on both dialects, so
// that SQLite does not keep what PostgreSQL would refuse. Every form that
// reaches the store answers 400 with it, never 500 (#10 item 7).
var ErrBadText = apperr.New(apperr.Invalid, "store.bad_text")

// checkText refuses string arguments with a NUL byte or invalid UTF-8.
func checkText(args []any) error {
	for _, a := range args {
		if v, ok := a.(string); ok && (strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v)) {
			return ErrBadText
		}
	}
	return nil
}

type errClass int

const (
	classOther errClass = iota
	classUnique
	classForeignKey
	classCheck
	classBadText
)

// classify reads the driver's error code.
func classify(err error) errClass {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return classUnique
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return classForeignKey
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return classCheck
		}
		return classOther
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505", "23P01": // unique_violation, exclusion_violation
			return classUnique
		case "23503": // foreign_key_violation
			return classForeignKey
		case "23514", "23502": // check_violation, not_null_violation
			return classCheck
		case "22021", "22P05": // character_not_in_repertoire (NUL, bad UTF-8), untranslatable_character
			return classBadText
		}
	}
	return classOther
}

// redact hides the password of a database URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

func itoa(n int) string { return strconv.Itoa(n) }
