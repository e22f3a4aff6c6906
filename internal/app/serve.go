package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/web"
)

// ServeOptions are the switches of `gongkai serve`.
type ServeOptions struct {
	Options
	// Demo seeds the demo agencies and accounts on first start and prints
	// their one-time passwords.
	Demo bool
	// Seed creates the demo data; it returns what to print. Nil disables
	// --demo (the demo package is wired in by the command).
	Seed func(ctx context.Context, a *App) (string, error)
	// Out receives what the operator must read: the bootstrap token, the
	// demo passwords, the address.
	Out io.Writer
	// Listening, when set, is called with the bound address (tests use
	// port 0).
	Listening func(addr string)
}

// Serve opens the database, checks its schema, builds the App and serves
// until ctx ends, then shuts down gracefully and closes the database.
//
// Schema policy: the server refuses a database whose schema is not
// current and names `gongkai migrate`, except for an empty embedded
// SQLite database (a fresh data directory), which it migrates itself so
// that `gongkai serve --demo` works on a new machine in one command. A
// PostgreSQL database is never migrated implicitly: its operator runs
// `gongkai migrate` (with backups and change control).
func Serve(ctx context.Context, cfg config.Config, o ServeOptions) error {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	unclean := !cfg.UsesPostgres() && walLeftOver(cfg.SQLitePath())
	st, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepareSchema(ctx, st, o.Out); err != nil {
		return err
	}
	if err := checkStore(ctx, st, unclean, o); err != nil {
		return err
	}
	a, err := New(ctx, st, cfg, o.Options)
	if err != nil {
		return err
	}
	defer a.Close()

	if o.Demo {
		if o.Seed == nil {
			return apperr.New(apperr.Invalid, "serve.no_demo")
		}
		msg, err := o.Seed(ctx, a)
		if err != nil {
			return fmt.Errorf("app: demo: %w", err)
		}
		fmt.Fprint(o.Out, msg)
	}
	token, err := a.Auth.IssueBootstrapToken(ctx)
	if err != nil {
		return fmt.Errorf("app: bootstrap token: %w", err)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "serve.listen", err, cfg.Addr)
	}
	base := "http://" + ln.Addr().String()
	if token != "" {
		fmt.Fprintf(o.Out, "\n尚无系统管理员。请在 24 小时内打开 %s/admin/bootstrap 并输入一次性初始化令牌：\n"+
			"No administrator exists yet. Within 24 hours open %s/admin/bootstrap and enter this one-time token:\n\n    %s\n\n",
			base, base, token)
	}
	fmt.Fprintf(o.Out, "gongkai 已启动 / serving: 公开网站 portal %s/  后台 back office %s/admin/  (%s)\n",
		base, base, st.Where())
	// Where the keys and checkpoints are, so a server started from another
	// directory shows it at once (#10 item 2).
	fmt.Fprintf(o.Out, "密钥与审计检查点目录 / keys and audit checkpoints: %s\n", abs(KeyDir(st, cfg)))
	o.Log.Info("serving", slog.String("addr", ln.Addr().String()), slog.String("database", st.Dialect()))
	if _, err := startMail(ctx, st, a, cfg, ln.Addr().String(), o.Log); err != nil {
		ln.Close()
		return err
	}
	if o.Listening != nil {
		o.Listening(ln.Addr().String())
	}
	go runFactsBackfill(ctx, a, o.Log)
	go runSearchUpkeep(ctx, st, o.Log, searchUpkeepInterval, searchChangesKept)
	go runReminders(ctx, a, o.Log)
	go runScheduledPublication(ctx, a, o.Log)
	go runAttachmentText(ctx, a, o.Log)
	// The audit chain's head goes to a file outside the database (and to
	// syslog when configured) every minute and at shutdown (#10 item 4).
	stopCheckpoints, err := startCheckpoints(ctx, a, CheckpointPath(st, cfg), cfg.AuditSyslog, o.Log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopCheckpoints()
	srv := web.NewHTTPServer(a.Handler, o.Log)
	err = web.Serve(ctx, ln, srv, o.Log)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	o.Log.Info("stopped")
	return err
}

// prepareSchema applies the schema policy of Serve.
func prepareSchema(ctx context.Context, st *sqlstore.Store, out io.Writer) error {
	err := st.CheckSchema(ctx)
	if err == nil {
		return nil
	}
	if !errors.Is(err, apperr.OutdatedSchema) {
		return err
	}
	current, _, verr := st.SchemaVersion(ctx)
	if verr != nil || current != 0 || st.Dialect() != "sqlite" {
		return err
	}
	res, err := st.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("app: initialise database: %w", err)
	}
	fmt.Fprintf(out, "已初始化新数据库 %s（%d 个迁移）/ created a new database (%d migrations)\n", st.Where(), len(res), len(res))
	return nil
}

// reminderInterval is how often the server looks for requests due in 5 or
// 1 working days and overdue ones (条例第三十三条) and notifies staff.
// RunReminders adds nothing it already added the same day.
const reminderInterval = time.Hour

// runReminders runs the reminder pass at start and then every
// reminderInterval until ctx ends.
func runReminders(ctx context.Context, a *App, log *slog.Logger) {
	t := time.NewTicker(reminderInterval)
	defer t.Stop()
	for {
		n, err := a.Casework.RunReminders(ctx, time.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("reminders", slog.String("error", err.Error()))
		case n > 0:
			log.Info("reminders", slog.Int("added", n))
		}
		// The report season (条例第四十九条): 15, 5 and 1 working days
		// before each agency's deadline, each sent once (dedupe key).
		if a.Season != nil {
			n, err := a.Season.RunReminders(ctx, time.Now())
			switch {
			case err != nil && ctx.Err() == nil:
				log.Error("season reminders", slog.String("error", err.Error()))
			case n > 0:
				log.Info("season reminders", slog.Int("sent", n))
			}
		}
		sweepBlobs(ctx, a, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// orphanAge is how old an attachment blob no row names must be before the
// sweep deletes it: longer than any upload (web.UploadGuard lets a 41 MiB
// application take about 90 minutes at its slowest steady rate).
const orphanAge = 24 * time.Hour

// sweepBlobs deletes orphan attachment blobs — stored by a request that
// crashed or failed before its row committed — and, in a local
// directory, the temporary files of uploads a crash cut off.
func sweepBlobs(ctx context.Context, a *App, log *slog.Logger) {
	n, err := a.Casework.SweepBlobs(ctx, orphanAge)
	if d, ok := a.Blobs.(*blob.Dir); ok && err == nil {
		var m int
		m, err = d.RemoveTemp(orphanAge)
		n += m
	}
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("attachment sweep", slog.String("error", err.Error()))
	case n > 0:
		log.Info("attachment sweep", slog.Int("removed", n))
	}
}

// walLeftOver reports whether the SQLite file at path has a non-empty
// write-ahead log beside it before it is opened. Store.Close checkpoints
// the log and SQLite removes it when the last connection closes, so one
// left over means the last process did not close the database (a crash,
// kill -9, power loss), or that another process has it open now.
func walLeftOver(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// checkStore logs the database settings that put acknowledged writes at
// risk (SECURITY.md R-PG-01, R-PG-02, R-SQL-03) and, after an unclean
// shutdown of the embedded database, runs PRAGMA quick_check (R-SQL-07):
// a damaged file stops the start, naming the restore from a backup.
func checkStore(ctx context.Context, st *sqlstore.Store, unclean bool, o ServeOptions) error {
	warns, err := st.SafetyWarnings(ctx)
	if err != nil {
		o.Log.Warn("database safety check failed", slog.String("error", err.Error()))
	}
	for _, w := range warns {
		o.Log.Warn("database durability at risk", slog.String("warning", w))
		fmt.Fprintf(o.Out, "警告 warning: %s\n", w)
	}
	if !unclean {
		return nil
	}
	fmt.Fprintf(o.Out, "上次未正常停止, 正在检查数据库文件 (quick_check) / the last run did not stop cleanly: checking the database file\n")
	o.Log.Warn("unclean shutdown: running quick_check", slog.String("database", st.Where()))
	if err := st.QuickCheck(ctx); err != nil {
		o.Log.Error("quick_check failed", slog.String("error", err.Error()))
		return err
	}
	o.Log.Info("quick_check ok")
	return nil
}
