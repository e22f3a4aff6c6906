package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongkai/gongkai/internal/scan"
)

// A scanResult is one file's entry in `gongkai scan --json`.
type scanResult struct {
	File     string         `json:"file"`
	Findings []scan.Finding `json:"findings"`
	Error    string         `json:"error,omitempty"`
}

// runScan implements `gongkai scan [--json] FILE...` (spec/catalog.md §4):
// the personal-data scanner that gates 主动公开 publication, run on files.
// Exit 0: nothing found; 1: something found; 2: a file could not be read
// (or bad usage), which outranks 1 since nothing can be said about it.
func runScan(ctx context.Context, env Env) int {
	const usage = "gongkai scan [--json] FILE..."
	fs := reportFlagSet("scan", env, usage)
	asJSON := fs.Bool("json", false, "以 JSON 输出，每个文件一个对象 / write a JSON array, one object per file")
	files, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return ExitUsage
	}
	results := make([]scanResult, 0, len(files))
	found, unreadable := false, false
	for _, path := range files {
		if ctx.Err() != nil {
			return ExitFailure
		}
		r := scanResult{File: path, Findings: []scan.Finding{}}
		fsd, err := scanFile(ctx, path)
		if err != nil {
			unreadable = true
			r.Error = err.Error()
			fmt.Fprintf(env.Stderr, "gongkai scan: %s: %s\n", path, r.Error)
		} else if len(fsd) > 0 {
			found = true
			r.Findings = fsd
		}
		results = append(results, r)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(env.Stderr, "gongkai scan: %v\n", err)
			return ExitFailure
		}
	} else {
		writeScanText(env.Stdout, results)
	}
	switch {
	case unreadable:
		return ExitUsage
	case found:
		return ExitFailure
	}
	return ExitOK
}

// scanFile reads and scans one file, with a reason in Chinese and English
// when it cannot be read.
func scanFile(ctx context.Context, path string) ([]scan.Finding, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("文件不存在 (file does not exist)")
		}
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("是目录，不是文件 (a directory, not a file)")
	}
	data, err := io.ReadAll(io.LimitReader(f, scan.MaxSize+1))
	if err != nil {
		return nil, err
	}
	fs, err := scan.Document(ctx, path, data)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	return fs, nil
}

// writeScanText writes the listing: per file its findings with kind,
// place and masked value, then a total when there are several files.
func writeScanText(w io.Writer, results []scanResult) {
	total, withFindings := 0, 0
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, r.File)
		switch {
		case r.Error != "":
			fmt.Fprintf(w, "  无法读取：%s\n", r.Error)
			continue
		case len(r.Findings) == 0:
			fmt.Fprintln(w, "  未发现个人信息、密级标志或隐藏内容")
			continue
		}
		withFindings++
		total += len(r.Findings)
		fmt.Fprintf(w, "  发现 %d 处：\n", len(r.Findings))
		for _, f := range r.Findings {
			line := fmt.Sprintf("    [%s %s] %s", f.Kind, f.Kind.Label(), f.Where)
			if f.Masked != "" {
				line += "：" + f.Masked
			}
			if f.Note != "" {
				line += "（" + f.Note + "）"
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(results) > 1 {
		fmt.Fprintf(w, "\n共 %d 个文件：%d 个有发现，共 %d 处\n", len(results), withFindings, total)
	}
}
