package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// reportsDir is where the text reports to import are written.
func (b *bench) reportsDir() string { return filepath.Join(b.cfg.Work, "reports") }

// setup creates the database and fills it: the agencies through `gongkai
// agency import`, then the request rows in bulk.
func (b *bench) setup(ctx context.Context) error {
	admin, err := sql.Open("pgx", b.cfg.DSN)
	if err != nil {
		return err
	}
	defer admin.Close()
	q := `"` + b.cfg.DB + `"`
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+q+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+q+" ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"); err != nil {
		return err
	}
	if err := os.RemoveAll(b.data); err != nil {
		return err
	}
	if err := os.MkdirAll(b.data, 0o700); err != nil {
		return err
	}
	if _, _, err := b.gongkai(ctx, "migrate"); err != nil {
		return err
	}
	csv := filepath.Join(b.cfg.Work, "agencies.csv")
	if err := WriteAgencyCSV(csv, b.ags); err != nil {
		return err
	}
	_, d, err := b.gongkai(ctx, "agency", "import", csv)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "agency import: %d agencies in %s\n", len(b.ags), d.Round(time.Millisecond))

	db, err := b.open()
	if err != nil {
		return err
	}
	defer db.Close()
	targets, err := b.targets(ctx, db)
	if err != nil {
		return err
	}
	var loads []load
	for _, t := range targets {
		for _, y := range b.cfg.Years {
			loads = append(loads, load{t.id, y, RequestCount(b.cfg.Seed, t.idx, y, b.cfg.ReqMin, b.cfg.ReqMax)})
		}
	}
	start := time.Now()
	rows, err := loadRequests(ctx, db, loads, b.cfg.Years[len(b.cfg.Years)-1], 100, b.progress("requests loaded (agency-years)"))
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "ANALYZE requests"); err != nil {
		return err
	}
	fmt.Fprintf(b.out, "bulk load (bench-only shortcut): %d requests of %d compiled agencies × %d years in %s\n",
		rows, len(targets), len(b.cfg.Years), time.Since(start).Round(time.Second))
	return nil
}

// publish publishes the compiled agencies' reports year by year through
// the annual service and writes the imported agencies' reports as text
// files (the import phase imports them).
func (b *bench) publish(ctx context.Context) error {
	_, targets, svc, closeAll, err := b.withServices(ctx)
	if err != nil {
		return err
	}
	defer closeAll()
	start := time.Now()
	if err := publishAll(ctx, svc, targets, b.cfg.Years, b.cfg.Workers, b.cfg.Seed, b.progress("reports published")); err != nil {
		return err
	}
	fmt.Fprintf(b.out, "published %d compiled reports (Save + Publish, %d workers) in %s\n",
		len(targets)*len(b.cfg.Years), b.cfg.Workers, time.Since(start).Round(time.Second))

	n, bytes, err := writeReports(b.reportsDir(), b.ags, b.cfg.Years, b.cfg.Seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "wrote %d text reports (%.1f MB) to %s for the import phase\n", n, float64(bytes)/1e6, b.reportsDir())
	return nil
}

// withServices opens what the publish and compile phases share: the
// database, its compiled agencies and the services; closeAll closes them.
func (b *bench) withServices(ctx context.Context) (db *sql.DB, targets []target, svc services, closeAll func(), err error) {
	if db, err = b.open(); err != nil {
		return nil, nil, services{}, nil, err
	}
	if targets, err = b.targets(ctx, db); err != nil {
		db.Close()
		return nil, nil, services{}, nil, err
	}
	svc, closeSvc, err := b.services(ctx)
	if err != nil {
		db.Close()
		return nil, nil, services{}, nil, err
	}
	return db, targets, svc, func() { closeSvc(); db.Close() }, nil
}

// progress returns a callback that prints every tenth of the way; it is
// safe for concurrent use.
func (b *bench) progress(what string) func(done, total int) {
	var mu sync.Mutex
	next := 0
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done*10 >= next*total {
			fmt.Fprintf(os.Stderr, "  %s: %d/%d (%s)\n", what, done, total, time.Now().UTC().Format("15:04:05"))
			next = done*10/total + 1
		}
	}
}

// targets returns the compiled agencies as stored.
func (b *bench) targets(ctx context.Context, db *sql.DB) ([]target, error) {
	ids, err := b.ids(ctx, db)
	if err != nil {
		return nil, err
	}
	var out []target
	for i, a := range b.ags {
		if a.Compiled() {
			id, ok := ids[a.Name]
			if !ok {
				return nil, fmt.Errorf("agency %s not stored", a.Name)
			}
			out = append(out, target{id: id, name: a.Name, idx: i})
		}
	}
	return out, nil
}

// ids maps the stored agencies' names to their ids.
func (b *bench) ids(ctx context.Context, db *sql.DB) (map[string]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM agencies")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, rows.Err()
}

// services wires the request and annual services on the bench's database
// as `gongkai report build` does, with the data directory's keys: the
// audit key the earlier `gongkai` commands created (audit.key), and the
// personal-data keyring (pii.key, created when missing; compiling and
// publishing seal nothing). internal/app is not imported: only cli and
// cmd may (TestArchitecture).
func (b *bench) services(ctx context.Context) (services, func(), error) {
	st, err := sqlstore.OpenPostgres(ctx, b.url)
	if err != nil {
		return services{}, nil, err
	}
	fail := func(err error) (services, func(), error) { st.Close(); return services{}, nil, err }
	keys, err := pii.Load(os.LookupEnv, b.data, true)
	if err != nil {
		return fail(err)
	}
	key, err := audit.ReadKeyFile(filepath.Join(b.data, "audit.key"))
	if err != nil {
		return fail(err)
	}
	log := &audit.Log{Store: st, Key: key}
	cw, err := casework.New(st, log, keys)
	if err != nil {
		return fail(err)
	}
	if _, err := annual.New(st, cw, st, log); err != nil {
		return fail(err)
	}
	rep := func() *annual.Service {
		s, _ := annual.New(st, cw, st, log)
		return s
	}
	return services{cw: cw, rep: rep}, func() { st.Close() }, nil
}

// importPhase measures `gongkai report import` of the text reports
// against `gongkai report check` of the same files, check before and after
// import (the import can run once: a report is never imported twice).
func (b *bench) importPhase(ctx context.Context) error {
	ents, err := os.ReadDir(b.reportsDir())
	if err != nil {
		return fmt.Errorf("no reports (run setup first): %w", err)
	}
	files := make([]string, 0, len(ents))
	for _, e := range ents {
		files = append(files, filepath.Join(b.reportsDir(), e.Name()))
	}
	check := func() (time.Duration, error) {
		_, d, err := b.run(ctx, append([]string{"report", "check"}, files...)...)
		// check exits 1 when a report has findings (the two years do not chain): only 2 is a failure.
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 1 {
			err = nil
		}
		return d, err
	}
	c1, err := check()
	if err != nil {
		return err
	}
	out, imp, err := b.gongkai(ctx, "report", "import", b.reportsDir())
	if err != nil {
		return err
	}
	c2, err := check()
	if err != nil {
		return err
	}
	checkAvg := (c1 + c2) / 2
	fmt.Fprintf(b.out, "%s", lastLine(out))
	fmt.Fprintf(b.out, "| files | report check (before, after) | report import | import/check time | import throughput vs check |\n|---|---|---|---|---|\n")
	fmt.Fprintf(b.out, "| %d | %s, %s | %s | %s | %s× |\n", len(files), c1.Round(time.Millisecond), c2.Round(time.Millisecond),
		imp.Round(time.Millisecond), ratio(imp, checkAvg), ratio(checkAvg, imp))
	return nil
}

// compilePhase measures compiling every compiled agency's year from its
// records against the bare GROUP BY over the same rows, alternating, and
// checks that both count the same totals.
func (b *bench) compilePhase(ctx context.Context) error {
	db, targets, svc, closeAll, err := b.withServices(ctx)
	if err != nil {
		return err
	}
	defer closeAll()
	var prof *os.File
	var rowsRead int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM requests").Scan(&rowsRead); err != nil {
		return err
	}
	fmt.Fprintf(b.out, "%d compiled agencies, %d request rows; %d workers compile\n\n", len(targets), rowsRead, b.cfg.Workers)
	fmt.Fprintf(b.out, "| round | year | requests read | GROUP BY | compile (casework.CompileEach, every agency) | compile/GROUP BY |\n|---|---|---|---|---|---|\n")
	if b.cfg.CPUProfile != "" {
		f, err := os.Create(b.cfg.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		prof = f
	}
	var sumG, sumC time.Duration
	for r := 1; r <= b.cfg.Rounds; r++ {
		for _, y := range b.cfg.Years {
			g, dg, err := groupBy(ctx, db, y)
			if err != nil {
				return err
			}
			if prof != nil {
				if err := pprof.StartCPUProfile(prof); err != nil {
					return err
				}
			}
			c, n, dc, err := compileAll(ctx, svc.cw, targets, y, b.cfg.Workers, max(32, len(targets)/(8*b.cfg.Workers)))
			if prof != nil {
				pprof.StopCPUProfile()
				prof = nil // one year's compiling is enough to read
			}
			if err != nil {
				return err
			}
			if err := sameTotals(targets, c, g, y); err != nil {
				return fmt.Errorf("compile and GROUP BY disagree: %w", err)
			}
			sumG, sumC = sumG+dg, sumC+dc
			fmt.Fprintf(b.out, "| %d | %d | %d | %s | %s | %s |\n", r, y, n, ms(dg), ms(dc), ratio(dc, dg))
		}
	}
	fmt.Fprintf(b.out, "| all | | | %s | %s | **%s** |\n", ms(sumG), ms(sumC), ratio(sumC, sumG))
	return nil
}

// medianOf returns the median of ds.
func medianOf(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// lastLine returns the last non-empty line of s with its newline.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1] + "\n"
}
