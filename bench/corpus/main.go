// Command corpus measures `gongkai report audit` throughput per input
// format on a generated corpus: variants of the fixture reports
// (testdata/reports or -fixtures) as plain text, PDF and
// JSON, and renderings of the JSON variants by `gongkai report convert`
// as HTML, DOCX and XLSX. Each format's folder is audited on its own,
// the formats taking turns over several rounds; the report gives files/s
// and MB/s per format and, as the claim, their ratios to plain text
// measured in the same run.
//
//	go run ./bench/corpus -files 60 -rounds 3
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
)

// formats are the audited formats; text first, as the base of the ratios.
var formats = []string{"txt", "pdf", "json", "html", "docx", "xlsx"}

// Config is what the flags set.
type Config struct {
	Root, Bin, Fixtures string
	Files, Variants     int
	Rounds, Workers     int
	Keep                bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := mainErr(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/corpus:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (Config, error) {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	var c Config
	fs.StringVar(&c.Root, "root", "", "module root holding cmd/gongkai (default: found from the working directory)")
	fs.StringVar(&c.Bin, "bin", "", "a gongkai binary to use instead of building one")
	fs.StringVar(&c.Fixtures, "fixtures", "testdata/reports", "folder with the fixture reports (.txt, .pdf, .json)")
	fs.IntVar(&c.Files, "files", 200, "files per format")
	fs.IntVar(&c.Variants, "variants", 3, "distinct variants per fixture report (renamed agencies); the rest are copies")
	fs.IntVar(&c.Rounds, "rounds", 3, "rounds; each audits every format once, the median counts")
	fs.IntVar(&c.Workers, "workers", 0, "report audit --workers (0: its default, one per core)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the generated corpus and audit output")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if c.Files < 1 || c.Files > 10000 || c.Variants < 1 || c.Rounds < 1 || c.Rounds > 20 || c.Workers < 0 {
		return Config{}, errors.New("need 1 ≤ -files ≤ 10000, -variants ≥ 1, 1 ≤ -rounds ≤ 20, -workers ≥ 0")
	}
	if c.Root == "" && c.Bin == "" {
		r, err := moduleRoot()
		if err != nil {
			return Config{}, err
		}
		c.Root = r
	}
	return c, nil
}

func mainErr(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gongkai-corpus-")
	if err != nil {
		return fmt.Errorf("temp dir: %w", err)
	}
	if cfg.Keep {
		fmt.Fprintln(out, "keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	bin := cfg.Bin
	if bin == "" {
		bin = filepath.Join(tmp, "gongkai")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/gongkai")
		cmd.Dir = cfg.Root
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/gongkai: %w\n%s", err, b)
		}
	}
	fmt.Fprintf(out, "gongkai report audit corpus benchmark · %s · %d CPUs · load average before: %s\n",
		time.Now().UTC().Format(time.RFC3339), runtime.NumCPU(), loadavg())
	g := generator{bin: bin, dir: filepath.Join(tmp, "corpus"), cfg: cfg}
	sets, err := g.generate(ctx)
	if err != nil {
		return err
	}
	workers := "one per core"
	if cfg.Workers > 0 {
		workers = fmt.Sprint(cfg.Workers)
	}
	fmt.Fprintf(out, "corpus: %d files per format (%d variants of each fixture report, the rest copies); audit workers: %s; %d rounds, median\n",
		cfg.Files, cfg.Variants, workers, cfg.Rounds)
	times := map[string][]time.Duration{}
	for round := 0; round < cfg.Rounds; round++ {
		for i := range formats {
			f := formats[(i+round)%len(formats)]
			d, err := audit(ctx, bin, sets[f], filepath.Join(tmp, "out-"+f), cfg)
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			times[f] = append(times[f], d)
		}
	}
	one, err := oneFile(ctx, bin, sets["txt"], tmp, cfg)
	if err != nil {
		return err
	}
	printTable(out, sets, times, one)
	fmt.Fprintf(out, "load average after: %s\n", loadavg())
	return nil
}

// A set is one format's folder of the corpus.
type set struct {
	dir   string
	files int
	bytes int64
}

// audit runs `gongkai report audit` on a folder and checks that every
// file was read (exit status 0 or 1, every entry of findings.json
// without a read error); it returns the wall time.
func audit(ctx context.Context, bin string, s set, outDir string, cfg Config) (time.Duration, error) {
	if err := os.RemoveAll(outDir); err != nil {
		return 0, err
	}
	args := []string{"report", "audit", "--out", outDir}
	if cfg.Workers > 0 {
		args = append(args, "--workers", fmt.Sprint(cfg.Workers))
	}
	cmd := exec.CommandContext(ctx, bin, append(args, s.dir)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return 0, fmt.Errorf("report audit: %w\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(outDir, "findings.json"))
	if err != nil {
		return 0, fmt.Errorf("report audit wrote no findings.json: %w", err)
	}
	var entries []struct {
		File  string `json:"file"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(b, &entries); err != nil {
		return 0, fmt.Errorf("read findings.json: %w", err)
	}
	if len(entries) != s.files {
		return 0, fmt.Errorf("findings.json has %d files; the folder has %d", len(entries), s.files)
	}
	for _, e := range entries {
		if e.Error != "" {
			return 0, fmt.Errorf("%s was not read: %s", e.File, e.Error)
		}
	}
	return d, nil
}

// oneFile times the audit of a single text file, the fixed cost of a
// run (process start, output files) to compare with a whole folder.
func oneFile(ctx context.Context, bin string, txt set, tmp string, cfg Config) (time.Duration, error) {
	dir := filepath.Join(tmp, "one")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	ents, err := os.ReadDir(txt.dir)
	if err != nil || len(ents) == 0 {
		return 0, fmt.Errorf("read %s: %v", txt.dir, err)
	}
	if err := copyFile(filepath.Join(txt.dir, ents[0].Name()), filepath.Join(dir, ents[0].Name())); err != nil {
		return 0, err
	}
	var ds []time.Duration
	for i := 0; i < cfg.Rounds; i++ {
		d, err := audit(ctx, bin, set{dir: dir, files: 1}, filepath.Join(tmp, "out-one"), cfg)
		if err != nil {
			return 0, err
		}
		ds = append(ds, d)
	}
	return median(ds), nil
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// printTable writes files/s and MB/s per format with their ratios to
// plain text, all from this run: first over the whole audit run, then
// marginal, without the fixed cost of a run (the time of a one-file
// audit: process start, the output files), which otherwise dominates
// fast formats on small corpora.
func printTable(w io.Writer, sets map[string]set, times map[string][]time.Duration, one time.Duration) {
	fmt.Fprintf(w, "\n%-6s %6s %8s %9s %8s %7s %7s %10s %7s %7s\n", "format", "files", "MB", "median s",
		"files/s", "÷txt", "MB/s", "marg.f/s", "÷txt", "MB/s")
	type rates struct{ files, mb, mfiles, mmb float64 }
	rate := func(f string) rates {
		t := median(times[f]).Seconds()
		m := t - one.Seconds()
		n, mb := float64(sets[f].files), float64(sets[f].bytes)/1e6
		r := rates{files: n / t, mb: mb / t}
		if m > 0 && n > 1 {
			r.mfiles, r.mmb = (n-1)/m, mb*(n-1)/n/m
		}
		return r
	}
	txt := rate("txt")
	for _, f := range formats {
		r := rate(f)
		fmt.Fprintf(w, "%-6s %6d %8.2f %9.3f %8.1f %7s %7.2f %10.1f %7s %7.2f\n", f, sets[f].files, float64(sets[f].bytes)/1e6,
			median(times[f]).Seconds(), r.files, div(r.files, txt.files), r.mb, r.mfiles, div(r.mfiles, txt.mfiles), r.mmb)
	}
	fmt.Fprintf(w, "fixed cost: a one-file text audit takes %.3f of the time of the whole text folder; marg. = (files-1) ÷ (time - one-file time)\n",
		one.Seconds()/median(times["txt"]).Seconds())
}

// div formats a/b, or "n/a" when either is missing.
func div(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", a/b)
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
			return "", errors.New("no go.mod above the working directory; use -root or -bin")
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
