// Command load is gongkai's whole-system load benchmark: it builds the
// gongkai binary, starts `gongkai serve --demo` on 127.0.0.1 with a fresh
// SQLite directory (and, when GONGKAI_BENCH_POSTGRES or
// GONGKAI_TEST_POSTGRES names a PostgreSQL server, again on a fresh
// database there), drives bounded, time-limited load against it, stops
// it with SIGTERM, and checks after a restart that every application the
// server acknowledged can still be looked up.
//
// It reports counts, throughput and latency percentiles per scenario and,
// above all, ratios between numbers measured in the same run; a single
// absolute time from a shared machine is not a claim about gongkai.
//
//	go run ./bench/load -duration 10s -workers 8
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Config is what the flags set.
type Config struct {
	Root      string
	Limits    Limits
	Scenarios map[string]bool
	Backends  map[string]bool
	Postgres  string
	Rounds    int
	Keep      bool
	// Static runs the -static mode instead of the scenarios.
	Static *StaticConfig
}

// allScenarios are the scenarios in the order they run; each later one
// may need what an earlier one left (lookups need submissions).
var allScenarios = []string{"home", "healthz", "submit", "lookup", "api", "uploads", "uploads-docx"}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := mainErr(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/load:", err)
		os.Exit(1)
	}
}

func mainErr(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gongkai-bench-")
	if err != nil {
		return fmt.Errorf("temp dir: %w", err)
	}
	if cfg.Keep {
		fmt.Fprintln(out, "keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	fmt.Fprintf(out, "gongkai load benchmark · %s · %s/%s · %d CPUs · GOMAXPROCS %d\n",
		time.Now().UTC().Format(time.RFC3339), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(out, "load average before: %s\n", loadavg())
	fmt.Fprintf(out, "limits per scenario: %s, %d workers, at most %d requests; %d round(s); server and driver share this machine\n",
		cfg.Limits.Duration, cfg.Limits.Workers, cfg.Limits.MaxRequests, cfg.Rounds)
	bin, err := buildBinary(ctx, cfg.Root, tmp)
	if err != nil {
		return err
	}
	var backends []string
	if cfg.Backends["sqlite"] {
		backends = append(backends, "sqlite")
	}
	if cfg.Backends["postgres"] {
		if cfg.Postgres == "" {
			fmt.Fprintln(out, "postgres: skipped (set GONGKAI_BENCH_POSTGRES or GONGKAI_TEST_POSTGRES to a server DSN)")
		} else {
			backends = append(backends, "postgres")
		}
	}
	if cfg.Static != nil {
		err := runStatic(ctx, cfg, *cfg.Static, bin, tmp, backends, out)
		fmt.Fprintf(out, "\nload average after: %s\n", loadavg())
		return err
	}
	results, failures := runAll(ctx, cfg, bin, tmp, backends, out)
	printResults(out, results)
	fmt.Fprintf(out, "\nload average after: %s\n", loadavg())
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	return nil
}

func parseFlags(args []string) (Config, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	root := fs.String("root", "", "module root holding cmd/gongkai (default: found from the working directory)")
	dur := fs.Duration("duration", 10*time.Second, "how long each scenario runs")
	workers := fs.Int("workers", 8, "concurrent clients per scenario")
	maxReq := fs.Int64("max", 20000, "hard cap on requests per scenario")
	scen := fs.String("scenarios", strings.Join(allScenarios, ","), "scenarios to run, in their fixed order")
	back := fs.String("backends", "sqlite,postgres", "backends to run (postgres needs a DSN in the environment)")
	rounds := fs.Int("rounds", 1, "rounds; each runs every scenario on every backend, alternating which backend goes first")
	keep := fs.Bool("keep", false, "keep the temporary directory (binary, data, server logs)")
	static := fs.Bool("static", false, "instead of the scenarios: every portal page with wrk against nginx serving the same bytes (needs wrk and nginx)")
	conns := fs.Int("connections", 100, "-static: wrk connections")
	threads := fs.Int("threads", 2, "-static: wrk threads")
	items := fs.Int("items", 300, "-static: generated items imported for 北仑区司法局")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if *dur <= 0 || *dur > 10*time.Minute || *workers < 1 || *workers > 256 || *maxReq < 1 || *rounds < 1 || *rounds > 20 {
		return Config{}, errors.New("need 0 < -duration ≤ 10m, 1 ≤ -workers ≤ 256, -max ≥ 1, 1 ≤ -rounds ≤ 20")
	}
	cfg := Config{Root: *root, Rounds: *rounds, Limits: Limits{Workers: *workers, Duration: *dur, MaxRequests: *maxReq},
		Scenarios: set(*scen, allScenarios), Backends: set(*back, []string{"sqlite", "postgres"}), Keep: *keep}
	if *static {
		if *conns < 1 || *conns > 10000 || *threads < 1 || *threads > *conns || *items < 1 || *items > 100000 {
			return Config{}, errors.New("need 1 ≤ -threads ≤ -connections ≤ 10000 and 1 ≤ -items ≤ 100000")
		}
		cfg.Static = &StaticConfig{Connections: *conns, Threads: *threads, Duration: *dur, Items: *items}
	}
	if cfg.Scenarios == nil || cfg.Backends == nil {
		return Config{}, fmt.Errorf("unknown scenario or backend in %q / %q", *scen, *back)
	}
	cfg.Postgres = os.Getenv("GONGKAI_BENCH_POSTGRES")
	if cfg.Postgres == "" {
		cfg.Postgres = os.Getenv("GONGKAI_TEST_POSTGRES")
	}
	if cfg.Root == "" {
		r, err := moduleRoot()
		if err != nil {
			return Config{}, err
		}
		cfg.Root = r
	}
	return cfg, nil
}

// set turns a comma list into a set, nil when a name is not in known.
func set(list string, known []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		found := false
		for _, k := range known {
			found = found || k == s
		}
		if !found {
			return nil
		}
		m[s] = true
	}
	return m
}

// moduleRoot walks up from the working directory to the go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; use -root")
		}
		dir = parent
	}
}

// loadavg returns the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
