// Command badinputs writes the hostile inputs of issue #10 item 8 into a
// directory and, given a gongkai binary, runs each reader on each input
// under /usr/bin/time -v, printing the peak resident set size and the
// wall time. It changes nothing: every command only reads.
//
//	go build -o /tmp/gongkai ./cmd/gongkai
//	go run ./bench/badinputs -dir /tmp/bad -bin /tmp/gongkai
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

func main() {
	dir := flag.String("dir", "", "directory for the inputs (required)")
	bin := flag.String("bin", "", "gongkai binary to measure (optional)")
	rows := flag.Int("rows", 60000, "rows of the big ledger XLSX")
	garbageMB := flag.Int64("garbage-mb", 200, "size of the garbage CSV in MB")
	flag.Parse()
	if *dir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *bin, *rows, *garbageMB<<20); err != nil {
		fmt.Fprintln(os.Stderr, "badinputs:", err)
		os.Exit(1)
	}
}

// An input is one generated file and the commands that read it.
type input struct {
	name  string
	write func(path string) error
	cmds  [][]string // FILE stands for the input's path
}

func run(dir, bin string, rows int, garbage int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	inputs := []input{
		{"nested-sdt.docx", bytesTo(ooxmltest.NestedDOCX("sdt", 1_000_000)),
			[][]string{{"report", "convert", "--to", "json", "-o", os.DevNull, "FILE"}, {"scan", "FILE"}}},
		{"nested-p.docx", bytesTo(ooxmltest.NestedDOCX("p", 1_400_000)),
			[][]string{{"report", "convert", "--to", "json", "-o", os.DevNull, "FILE"}, {"scan", "FILE"}}},
		{"ledger-big.xlsx", func(p string) error { return bigXLSX(p, rows) },
			[][]string{{"ledger", "check", "FILE"}}},
		{"ledger-excel.xlsx", func(p string) error { return excelXLSX(p, rows) },
			[][]string{{"ledger", "check", "FILE"}}},
		{"garbage.csv", func(p string) error { return withFile(p, func(f *os.File) error { return gen.Garbage(f, garbage, 1) }) },
			[][]string{{"ledger", "check", "FILE"}, {"agency", "import", "FILE"}}},
		{"garbage-text.csv", func(p string) error {
			return withFile(p, func(f *os.File) error { return gen.GarbageText(f, garbage, 2) })
		}, [][]string{{"ledger", "check", "FILE"}}},
	}
	for _, in := range inputs {
		path := filepath.Join(dir, in.name)
		if _, err := os.Stat(path); err != nil {
			if err := in.write(path); err != nil {
				return fmt.Errorf("%s: %w", in.name, err)
			}
		}
		st, _ := os.Stat(path)
		fmt.Printf("%s (%.1f MB)\n", in.name, float64(st.Size())/(1<<20))
		if bin == "" {
			continue
		}
		for _, c := range in.cmds {
			args := make([]string, len(c))
			for i, a := range c {
				args[i] = strings.ReplaceAll(a, "FILE", path)
			}
			rss, wall, code, msg := measure(bin, dir, args)
			fmt.Printf("  %-40s peak RSS %7.1f MB  wall %s  exit %d  %s\n", strings.Join(c, " "), rss, wall, code, msg)
		}
	}
	return nil
}

var (
	rssRe  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	userRe = regexp.MustCompile(`User time \(seconds\): (\S+)`)
	sysRe  = regexp.MustCompile(`System time \(seconds\): (\S+)`)
	wallRe = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)`)
)

// measure runs bin with args under /usr/bin/time -v in a fresh data
// directory and returns the peak RSS in MB, the wall time, the exit code
// and the first line of the command's error output.
func measure(bin, dir string, args []string) (float64, string, int, string) {
	data, _ := os.MkdirTemp(dir, "data")
	defer os.RemoveAll(data)
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, args...)...)
	cmd.Env = append(os.Environ(), "GONGKAI_DATA="+data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	out := stderr.String()
	var kb float64
	if m := rssRe.FindStringSubmatch(out); m != nil {
		fmt.Sscan(m[1], &kb)
	}
	wall := "?"
	if m := wallRe.FindStringSubmatch(out); m != nil {
		wall = m[1]
	}
	var user, sys float64
	if m := userRe.FindStringSubmatch(out); m != nil {
		fmt.Sscan(m[1], &user)
	}
	if m := sysRe.FindStringSubmatch(out); m != nil {
		fmt.Sscan(m[1], &sys)
	}
	wall += fmt.Sprintf(" cpu %.1fs", user+sys)
	first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	if len(first) > 90 {
		first = first[:90] + "…"
	}
	return kb / 1024, wall, cmd.ProcessState.ExitCode(), first
}

func bytesTo(b []byte) func(string) error {
	return func(p string) error { return os.WriteFile(p, b, 0o644) }
}

func withFile(p string, fn func(*os.File) error) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// excelXLSX writes the same ledger as bigXLSX with shared strings, as
// Excel saves it.
func excelXLSX(p string, n int) error {
	l := gen.Ledger(gen.Options{Seed: 7, N: n, From: calendar.MustParse("2023-01-01"), To: calendar.MustParse("2023-12-31"), Notes: true})
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, l); err != nil {
		return err
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		return err
	}
	return withFile(p, func(f *os.File) error {
		return ooxmltest.SharedStringsXLSX(f, len(recs), func(i int) []string { return recs[i] })
	})
}

// bigXLSX writes a well-formed ledger of n rows.
func bigXLSX(p string, n int) error {
	l := gen.Ledger(gen.Options{Seed: 7, N: n, From: calendar.MustParse("2023-01-01"), To: calendar.MustParse("2023-12-31"), Notes: true})
	return withFile(p, func(f *os.File) error { return ledger.WriteXLSX(f, l) })
}
