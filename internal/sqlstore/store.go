// Package sqlstore implements every domain Store interface on
// database/sql, for SQLite (modernc.org/sqlite, the embedded default) and
// PostgreSQL (pgx). The SQL is hand-written once, with "?" placeholders;
// what differs between the two databases lives in dialect.go. Driver
// errors are mapped to apperr kinds (a unique violation is apperr.Conflict).
//
// Conventions for a new store file:
//
//   - run SQL through s.exec, s.query and s.queryRow: they rebind "?" for
//     PostgreSQL and join the transaction InTx put in the context, so a
//     domain service can make several store calls and its audit event
//     atomic with Store.InTx (the audit.TxRunner interface);
//   - store times by the rule below: pass them through s.d.t(...), check
//     a NOT NULL one with needTime, and scan them with dbTime{&field};
//   - wrap errors with s.mapErr(op, err), or s.notFound for single rows;
//     an UPDATE that must touch a row goes through s.execOne;
//   - add a migration with the same number to migrations/sqlite and
//     migrations/postgres;
//   - test with sqlstoretest.Run, which runs the test on both databases.
//
// Times are stored one way. An instant is TIMESTAMPTZ on PostgreSQL and,
// on SQLite, TEXT in UTC with microseconds at fixed width
// (2006-01-02T15:04:05.000000Z, timeFormat), so that text order is time
// order; both keep microseconds, and NULL is the zero time. Its column is
// named *_at (or *_until, next_attempt). A legal date (a day in Beijing,
// not an instant: received_on, due_on, day) is TEXT YYYY-MM-DD on both
// (reqDate, reqDateScan). Two exceptions: audit_events.ts is the fixed-
// width text on both databases, because the SM3 hash chain covers that
// text byte for byte; and the scs library's sessions table keeps the
// layout scs gives it. The store never reads a clock: every time it
// writes comes from its caller, whose service has an injectable clock
// (Now), and a NOT NULL time left zero is an error. Migration 00070
// brought the older tables to this rule (times as text on PostgreSQL,
// Unix seconds and nanoseconds in staff_sessions); TestSchemaParity
// compares the two dialects' schemas column by column and checks the
// rule.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/config"
)

// A Store is an open database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
	d  *dialect
	// where is the SQLite file or the PostgreSQL URL with the password
	// masked, for messages.
	where string
	// hooks run after each commit (OnCommit).
	hooks *commitHooks
	// mem is the in-memory copy of the search index (search_mem.go).
	mem searchMem
}

// Open opens the database cfg selects: PostgreSQL when cfg.DatabaseURL is
// set, otherwise SQLite at cfg.SQLitePath(), creating cfg.DataDir if
// needed. It does not migrate; call CheckSchema before serving and
// Migrate from `gongkai migrate`.
func Open(ctx context.Context, cfg config.Config) (*Store, error) {
	if cfg.UsesPostgres() {
		return OpenPostgres(ctx, cfg.DatabaseURL)
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, apperr.Wrap(apperr.Invalid, "store.data_dir",
			fmt.Errorf("sqlstore: create data dir: %w", err), cfg.DataDir)
	}
	return OpenSQLite(ctx, cfg.SQLitePath())
}

// OpenSQLite opens (creating if needed) the SQLite database file at path
// in WAL mode with a 5 s busy timeout, foreign keys on, synchronous=FULL
// (every commit is fsynced before it returns, so an acknowledged write
// survives power loss: R-SQL-03, 条例第三十一条 receipts) and IMMEDIATE
// transactions (writers queue instead of failing on lock upgrade).
//
// The file and its -wal and -shm companions are mode 0600 whatever the
// directory's mode and the umask (#10 item 5): they hold password hashes
// and sealed personal data.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	if err := privateFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, d: sqliteDialect, where: path, hooks: &commitHooks{}}
	if err := s.ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := checkSQLiteVersion(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	// SQLite makes -wal and -shm with the database file's mode; files
	// left by an older version are narrowed here.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Chmod(path+suffix, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("sqlstore: chmod %s: %w", path+suffix, err)
		}
	}
	return s, nil
}

// privateFile creates the file at path with mode 0600 if it does not
// exist, and sets an existing file's mode to 0600.
func privateFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "store.open_file",
			fmt.Errorf("sqlstore: open %s: %w", path, err), path)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("sqlstore: chmod %s: %w", path, err)
	}
	return nil
}

// OpenPostgres opens the PostgreSQL database at url (postgres://…).
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	s := &Store{db: db, d: postgresDialect, where: redact(url), hooks: &commitHooks{}}
	if err := s.ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return apperr.Wrap(apperr.Internal, "store.connect",
			fmt.Errorf("sqlstore: ping %s: %w", s.where, err), s.where)
	}
	return nil
}

// Close closes the database. On SQLite it first checkpoints the WAL into
// the main file so that a stopped server leaves a single file behind.
func (s *Store) Close() error {
	if s.d.name == "sqlite" {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return s.db.Close()
}

// DB returns the underlying pool, for libraries that need a *sql.DB (the
// scs session stores). Domain code never uses it.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Where returns the SQLite file or the PostgreSQL URL without its password.
func (s *Store) Where() string { return s.where }

// txKey carries a running transaction of one Store in a context.
type txKey struct{ s *Store }

// InTx runs fn in one transaction; store calls made with the context fn
// receives join it. If ctx already carries a transaction of s, fn joins
// that one. fn's error (or a panic) rolls everything back.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if _, ok := ctx.Value(txKey{s}).(*sql.Tx); ok {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.mapErr("begin transaction", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(context.WithValue(ctx, txKey{s}, tx)); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return s.mapErr("commit", err)
	}
	s.committed()
	return nil
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// q returns the transaction in ctx, or the pool.
func (s *Store) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{s}).(*sql.Tx); ok {
		return tx
	}
	return s.db
}

func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := checkText(args); err != nil {
		return nil, err
	}
	res, err := s.q(ctx).ExecContext(ctx, s.d.rebind(query), args...)
	if _, inTx := ctx.Value(txKey{s}).(*sql.Tx); !inTx {
		s.committed() // a statement outside InTx commits on its own
	}
	return res, err
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := checkText(args); err != nil {
		return nil, err
	}
	return s.q(ctx).QueryContext(ctx, s.d.rebind(query), args...)
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) row {
	if err := checkText(args); err != nil {
		return row{err: err}
	}
	rw := row{r: s.q(ctx).QueryRowContext(ctx, s.d.rebind(query), args...)}
	if _, inTx := ctx.Value(txKey{s}).(*sql.Tx); !inTx && isWrite(query) {
		rw.after = s.committed // INSERT … RETURNING on its own: committed once read
	}
	return rw
}

// isWrite reports whether a statement writes (its first word is INSERT,
// UPDATE or DELETE), for the commit hooks of statements run outside a
// transaction.
func isWrite(query string) bool {
	q := strings.TrimSpace(query)
	for _, w := range []string{"INSERT", "UPDATE", "DELETE"} {
		if len(q) >= len(w) && strings.EqualFold(q[:len(w)], w) {
			return true
		}
	}
	return false
}

// A row is a *sql.Row, or the error that kept its statement from running.
type row struct {
	r   *sql.Row
	err error
	// after runs once the row is read (the commit hooks of a write).
	after func()
}

// Scan is sql.Row's Scan, or the error.
func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	err := r.r.Scan(dest...)
	if r.after != nil {
		r.after()
	}
	return err
}

// Err is sql.Row's Err, or the error.
func (r row) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.r.Err()
}

// execOne runs a statement that must touch a row: when it touches none
// the error is apperr.NotFound with msg.
func (s *Store) execOne(ctx context.Context, op, msg, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return s.mapErr(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.mapErr(op, err)
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, msg)
	}
	return nil
}

// notFound returns an apperr.NotFound error for op with the message key
// and its arguments when err is sql.ErrNoRows, and the mapped error
// otherwise.
func (s *Store) notFound(op, key string, err error, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(apperr.NotFound, key, fmt.Errorf("sqlstore: %s: %w", op, err), args...)
	}
	return s.mapErr(op, err)
}
