package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// storeFlags are the global flags every database command accepts:
// --data DIR (SQLite at DIR/gongkai.db), --database-url postgres://… and
// --config FILE. Register them on every FlagSet a command parses (the
// top-level one and a sub-command's), then call load: values given in any
// of them count, and they override the file and the environment.
type storeFlags struct {
	data, databaseURL, config optString
}

// optString is a string flag that remembers whether it was given.
type optString struct {
	v   string
	set bool
}

// String returns the value, for the flag package.
func (o *optString) String() string { return o.v }

// Set records the value and that it was given.
func (o *optString) Set(v string) error { o.v, o.set = v, true; return nil }

// register adds --data, --database-url and --config to fs.
func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.data, "data", "数据目录, SQLite 数据库为 DIR/gongkai.db (默认 ./data; GONGKAI_DATA) / data directory")
	fs.Var(&f.databaseURL, "database-url", "PostgreSQL 地址 postgres://… (GONGKAI_DATABASE_URL) / use PostgreSQL")
	fs.Var(&f.config, "config", "JSON 配置文件 (GONGKAI_CONFIG) / configuration file")
}

// load returns the validated configuration: defaults → file → GONGKAI_*
// environment → the flags given.
func (f *storeFlags) load() (config.Config, error) { return f.loadWith(nil) }

// loadWith is load with a command's own flags that are settings too
// (serve --addr, --https, --admin-allow): given maps each flag given to
// its value, applied last by the setting's key before validation.
func (f *storeFlags) loadWith(given map[string]string) (config.Config, error) {
	cfg, err := config.Load(f.config.v, os.LookupEnv)
	if err != nil {
		return cfg, err
	}
	if f.data.set && f.databaseURL.set {
		return cfg, apperr.New(apperr.Invalid, "cli.data_or_url")
	}
	if f.data.set {
		if err := cfg.Set("data", f.data.v); err != nil {
			return cfg, err
		}
	}
	if f.databaseURL.set {
		if err := cfg.Set("database_url", f.databaseURL.v); err != nil {
			return cfg, err
		}
	}
	for key, v := range given {
		if err := cfg.Set(key, v); err != nil {
			return cfg, err
		}
	}
	return cfg, cfg.Validate()
}

// open loads the configuration and opens the store; unless migrating it
// also refuses an outdated schema, naming `gongkai migrate`.
func (f *storeFlags) open(ctx context.Context, checkSchema bool) (*sqlstore.Store, config.Config, error) {
	cfg, err := f.load()
	if err != nil {
		return nil, cfg, err
	}
	st, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		return nil, cfg, err
	}
	if checkSchema {
		if err := st.CheckSchema(ctx); err != nil {
			st.Close()
			return nil, cfg, err
		}
	}
	return st, cfg, nil
}

// core are the domain services the account and agency commands use.
type core struct {
	audit    *audit.Log
	agencies *agency.Service
	auth     *auth.Service
}

// openCore opens the store at the current schema and wires the services
// on it with the security settings of the configuration.
func (f *storeFlags) openCore(ctx context.Context) (*sqlstore.Store, core, error) {
	st, cfg, err := f.open(ctx, true)
	if err != nil {
		return nil, core{}, err
	}
	settings, err := auth.NewSettings(cfg.PasswordProfile, cfg.LockoutThreshold, cfg.LockoutDuration.D(), cfg.RequireTOTP)
	if err != nil {
		st.Close()
		return nil, core{}, err
	}
	settings.InactiveAfter = cfg.AccountInactiveAfter.D()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		st.Close()
		return nil, core{}, err
	}
	c := core{audit: log}
	if c.agencies, err = agency.NewService(st, log); err == nil {
		c.auth, err = auth.NewService(st, log, settings)
	}
	if err != nil {
		st.Close()
		return nil, core{}, err
	}
	return st, c, nil
}

// auditLog returns the audit log of st keyed with the configuration's
// audit key (app.LoadAuditKey): every command that records an event
// extends the keyed chain (#10 item 4).
func auditLog(ctx context.Context, st *sqlstore.Store, cfg config.Config) (*audit.Log, error) {
	k, err := app.LoadAuditKey(ctx, st, cfg, os.LookupEnv, time.Now())
	if err != nil {
		return nil, err
	}
	return &audit.Log{Store: st, Key: k}, nil
}

// parseAll parses flags placed anywhere among the positional arguments
// (gongkai user disable bob --data DIR, gongkai report check FILE --json)
// and returns the positionals. A lone "--" ends flag parsing: everything
// after it is positional.
func parseAll(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagSet returns a FlagSet that reports errors to env.Stderr.
func flagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// fail prints err for the operator and returns the exit code: 2 for
// invalid input, 1 otherwise. The console is the operator's, so internal
// causes are printed too.
func fail(w io.Writer, cmd string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitUsage
	}
	msg := app.ErrorText(err)
	if k := apperr.KindOf(err); k == apperr.Internal {
		msg += " (" + err.Error() + ")"
	}
	fmt.Fprintf(w, "gongkai %s: %s\n", cmd, msg)
	if apperr.KindOf(err) == apperr.Invalid {
		return ExitUsage
	}
	return ExitFailure
}

// usageError prints a usage line and returns ExitUsage.
func usageError(w io.Writer, lines ...string) int {
	fmt.Fprintln(w, "用法 usage:")
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
	return ExitUsage
}

// splitList splits "a,b, c" into its non-empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
