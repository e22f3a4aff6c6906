// Command reportgen writes a folder of generated annual reports for the
// corpus measurements (`gongkai report audit` memory, `gongkai report
// import` against `report check`): random valid reports rendered by
// internal/report/reportgen in the text families (run-together crawler
// text, one cell per line, pipe rows, pdftotext -layout), now and then as
// gongkai JSON, each for its own agency, and, with -agencies, the CSV of
// those agencies for `gongkai agency import`.
//
//	go run ./bench/reportgen -n 10000 -out /tmp/corpus [-agencies /tmp/agencies.csv] [-json 10]
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
)

// Config is what the flags set.
type Config struct {
	N        int
	Out      string
	Agencies string
	JSONPct  int
	Seed     uint64
}

func main() {
	if err := mainErr(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/reportgen:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (Config, error) {
	fs := flag.NewFlagSet("reportgen", flag.ContinueOnError)
	var c Config
	fs.IntVar(&c.N, "n", 1000, "number of reports")
	fs.StringVar(&c.Out, "out", "", "folder to write (created)")
	fs.StringVar(&c.Agencies, "agencies", "", "also write the agencies as a CSV for `gongkai agency import`")
	fs.IntVar(&c.JSONPct, "json", 0, "percent of the reports written as gongkai JSON instead of text")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if c.N < 1 || c.N > 100000 || c.Out == "" || c.JSONPct < 0 || c.JSONPct > 100 {
		return Config{}, errors.New("need 1 ≤ -n ≤ 100000, -out DIR and 0 ≤ -json ≤ 100")
	}
	return c, nil
}

// County is the county every generated agency belongs to; agency k is
// 某某县第k局 under 某某县人民政府 (the report states the short name 第k局
// for one in three, to exercise suffix matching).
const County = "某某县"

// AgencyName is the full name of agency k.
func AgencyName(k int) string { return fmt.Sprintf("%s第%d局", County, k) }

func mainErr(args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 2))
	var bytes int64
	for k := 0; k < cfg.N; k++ {
		tpl := report.Template2021
		if rng.IntN(5) == 0 {
			tpl = report.Template2019
		}
		r := reportgen.Report(rng, tpl)
		r.Agency = AgencyName(k)
		if k%3 == 2 {
			r.Agency = fmt.Sprintf("第%d局", k)
		}
		var data []byte
		name := fmt.Sprintf("%05d", k)
		if rng.IntN(100) < cfg.JSONPct {
			b, err := r.MarshalJSON()
			if err != nil {
				return err
			}
			data, name = b, name+".json"
		} else {
			f := reportgen.Families[rng.IntN(len(reportgen.Families))]
			data, name = []byte(reportgen.Render(r, f)), name+"-"+string(f)+".txt"
		}
		if err := os.WriteFile(filepath.Join(cfg.Out, name), data, 0o644); err != nil {
			return err
		}
		bytes += int64(len(data))
	}
	fmt.Fprintf(out, "wrote %d reports (%.1f MB) to %s\n", cfg.N, float64(bytes)/1e6, cfg.Out)
	if cfg.Agencies == "" {
		return nil
	}
	return writeAgencies(cfg.Agencies, cfg.N)
}

// writeAgencies writes the county government and its n agencies as an
// agency-import CSV.
func writeAgencies(path string, n int) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(fh)
	fmt.Fprintln(w, "名称,上级,类型")
	fmt.Fprintf(w, "%s人民政府,,人民政府\n", County)
	for k := 0; k < n; k++ {
		fmt.Fprintf(w, "%s,%s人民政府,部门\n", AgencyName(k), County)
	}
	if err := w.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
