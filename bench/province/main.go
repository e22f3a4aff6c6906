// Command province measures supervision at the scale of a province (#13,
// "Scale") on PostgreSQL: a four-level hierarchy of 10,000 agencies, each
// with a published report for two years — half imported from text files
// with `gongkai report import`, half compiled from 100–2,000 requests each
// (about 10 M requests) and published through the real annual service —
// then, each in one run, ratios:
//
//   - import: `gongkai report import` of the text reports against `gongkai
//     report check` of the same files (throughput);
//   - compile: compiling every compiled agency's year from its records
//     (casework.Service.Compile) against the bare SQL GROUP BY over the
//     same request rows, with the totals of table 三 checked equal;
//   - overview: GET /api/v1/overview for the province and for one county
//     (about 300 agencies) end to end against a real `gongkai serve` on
//     127.0.0.1, and the back office's HTML page for both.
//
// The phases run one at a time (-phase setup,publish,import,compile,overview,drop)
// on a kept database, so that each can run under the shared bench lock on
// its own. The request rows are bulk-loaded in SQL (see loadSQL): a
// bench-only shortcut; everything measured is the real code.
//
//	go run ./bench/province -agencies 1000 -requests-max 200 -phase all   # a quick run (about a minute)
//	go run ./bench/province -phase setup                                  # 10,000 agencies, ~10 M requests
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// Config is what the flags set.
type Config struct {
	DSN         string // any database of the server, for CREATE/DROP DATABASE
	DB          string // the bench's own database
	Work        string // binary, data directory, report files
	Bin         string // a built gongkai; "" builds one into Work
	Agencies    int
	ReqMin      int
	ReqMax      int
	Years       []int
	Seed        uint64
	Workers     int
	Rounds      int
	Repeat      int
	Phases      []string
	CountyIndex int
	CPUProfile  string // the compile phase's CPU profile, when given
}

var allPhases = []string{"setup", "publish", "import", "compile", "overview"}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := mainErr(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/province:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (Config, error) {
	fs := flag.NewFlagSet("province", flag.ContinueOnError)
	c := Config{Years: []int{2022, 2023}}
	dsn := os.Getenv("GONGKAI_BENCH_POSTGRES")
	if dsn == "" {
		dsn = os.Getenv("GONGKAI_TEST_POSTGRES")
	}
	fs.StringVar(&c.DSN, "dsn", dsn, "a PostgreSQL URL of the server (default $GONGKAI_BENCH_POSTGRES, else $GONGKAI_TEST_POSTGRES)")
	fs.StringVar(&c.DB, "db", "gongkai_province", "the bench's database (created by setup, dropped by drop)")
	fs.StringVar(&c.Work, "work", filepath.Join(os.TempDir(), "gongkai-province"), "working directory (binary, data directory, report files)")
	fs.StringVar(&c.Bin, "bin", "", "a built gongkai binary (default: go build into -work)")
	fs.IntVar(&c.Agencies, "agencies", 10000, "agencies in the hierarchy")
	fs.IntVar(&c.ReqMin, "requests-min", 100, "fewest requests of a compiled agency in a year")
	fs.IntVar(&c.ReqMax, "requests-max", 2000, "most requests of a compiled agency in a year")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed")
	fs.IntVar(&c.Workers, "workers", 2, "goroutines publishing and compiling")
	fs.IntVar(&c.Rounds, "rounds", 2, "rounds of the compile measurement (GROUP BY and compile alternate)")
	fs.IntVar(&c.Repeat, "repeat", 7, "requests per overview measurement (the median is reported)")
	fs.IntVar(&c.CountyIndex, "county", 0, "the county measured (its index)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the compile phase's compiling (not its GROUP BY) to this file")
	phases := fs.String("phase", "all", "comma-separated phases: setup, publish, import, compile, overview, drop; all = the five then drop")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if c.DSN == "" {
		return Config{}, errors.New("no PostgreSQL: give -dsn or set GONGKAI_BENCH_POSTGRES")
	}
	if c.Agencies < 20 || c.Agencies > 100000 || c.ReqMin < 1 || c.ReqMax < c.ReqMin || c.Workers < 1 || c.Rounds < 1 || c.Repeat < 1 {
		return Config{}, errors.New("need 20 ≤ -agencies ≤ 100000, 1 ≤ -requests-min ≤ -requests-max, -workers, -rounds, -repeat ≥ 1")
	}
	for _, p := range strings.Split(*phases, ",") {
		switch p = strings.TrimSpace(p); p {
		case "all":
			c.Phases = append(c.Phases, allPhases...)
			c.Phases = append(c.Phases, "drop")
		case "setup", "publish", "import", "compile", "overview", "drop":
			c.Phases = append(c.Phases, p)
		default:
			return Config{}, fmt.Errorf("unknown phase %q", p)
		}
	}
	return c, nil
}

// databaseURL returns the DSN with its database replaced by name.
func databaseURL(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("-dsn: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// A bench is the state the phases share.
type bench struct {
	cfg    Config
	out    io.Writer
	url    string // the bench database
	data   string // the gongkai data directory (keys, blobs)
	config string // the gongkai configuration file
	bin    string
	ags    []Agency
}

func mainErr(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	work, err := filepath.Abs(cfg.Work)
	if err != nil {
		return err
	}
	cfg.Work = work
	b := &bench{cfg: cfg, out: out, data: filepath.Join(work, "data"), ags: Hierarchy(cfg.Agencies)}
	if b.url, err = databaseURL(cfg.DSN, cfg.DB); err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Work, 0o755); err != nil {
		return err
	}
	if err := b.writeConfig(); err != nil {
		return err
	}
	if slices.ContainsFunc(cfg.Phases, func(p string) bool { return p != "drop" }) {
		if b.bin, err = b.binary(ctx); err != nil {
			return err
		}
	}
	for _, p := range cfg.Phases {
		fmt.Fprintf(out, "\n== %s (%s, load average %s)\n", p, time.Now().UTC().Format("15:04:05"), loadavg())
		switch p {
		case "setup":
			err = b.setup(ctx)
		case "publish":
			err = b.publish(ctx)
		case "import":
			err = b.importPhase(ctx)
		case "compile":
			err = b.compilePhase(ctx)
		case "overview":
			err = b.overviewPhase(ctx)
		case "drop":
			err = b.drop(ctx)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		fmt.Fprintf(out, "== %s done (load average %s)\n", p, loadavg())
	}
	return nil
}

// binary returns the gongkai binary to run, building it when -bin is not
// given.
func (b *bench) binary(ctx context.Context) (string, error) {
	if b.cfg.Bin != "" {
		return b.cfg.Bin, nil
	}
	bin := filepath.Join(b.cfg.Work, "gongkai")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/gongkai")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/gongkai (run from the repository root): %w", err)
	}
	return bin, nil
}

// gongkai runs the binary on the bench's database and data directory and
// returns its standard output and how long it took.
func (b *bench) gongkai(ctx context.Context, args ...string) (string, time.Duration, error) {
	return b.run(ctx, append([]string{"--config", b.config}, args...)...)
}

// run runs the binary in the working directory.
func (b *bench) run(ctx context.Context, args ...string) (string, time.Duration, error) {
	cmd := exec.CommandContext(ctx, b.bin, args...)
	cmd.Dir = b.cfg.Work
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		msg := stderr.String()
		if len(msg) > 2000 {
			msg = msg[:2000] + "…"
		}
		return stdout.String(), d, fmt.Errorf("gongkai %s: %w\n%s", strings.Join(args[:min(len(args), 4)], " "), err, msg)
	}
	return stdout.String(), d, nil
}

// writeConfig writes the configuration every gongkai command of the bench
// reads: the bench's database. The commands run in the working directory,
// so that the default data directory (./data: the keys, the audit
// checkpoints, the blob store) is b.data.
func (b *bench) writeConfig() error {
	b.config = filepath.Join(b.cfg.Work, "gongkai.json")
	data := fmt.Sprintf("{\"database_url\": %q}\n", b.url)
	return os.WriteFile(b.config, []byte(data), 0o600)
}

// open opens the bench's database with database/sql.
func (b *bench) open() (*sql.DB, error) { return sql.Open("pgx", b.url) }

// loadavg returns the first three fields of /proc/loadavg.
func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// drop drops the bench's database and removes the working directory.
func (b *bench) drop(ctx context.Context) error {
	db, err := sql.Open("pgx", b.cfg.DSN)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+b.cfg.DB+`" WITH (FORCE)`); err != nil {
		return err
	}
	fmt.Fprintf(b.out, "dropped database %s; removing %s\n", b.cfg.DB, b.cfg.Work)
	return os.RemoveAll(b.cfg.Work)
}

// ratio formats a/b.
func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "∞"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

// ms formats a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
