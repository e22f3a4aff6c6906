// Package corpus checks a whole corpus of published annual reports: it
// walks folders of mixed formats, parses every file on a bounded pool of
// workers, validates each report (with the previous year's report of the
// same agency, for the cross-year rules R6 and R7) and writes the findings
// as JSON, as a plain listing and as a standalone summary.html.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/parse"
)

// A File is one input file with what was read from it. It is also the
// JSON shape of one element of findings.json and of `gongkai report check
// --json`.
type File struct {
	File     string           `json:"file"`
	Agency   string           `json:"agency"`
	Year     int              `json:"year"`
	Template report.Template  `json:"template"`
	Date     string           `json:"date,omitempty"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	Rules    []string         `json:"rules"`
	Findings []report.Finding `json:"findings"`
	Error    string           `json:"error,omitempty"` // why the file could not be read
	Report   *report.Report   `json:"-"`
}

// Readable reports whether the file was read into a report.
func (f *File) Readable() bool { return f.Report != nil }

// Load reads one report through parse.File, which detects the format
// (gongkai JSON included); a missing file or a folder is refused first
// with a message in Chinese. A PDF's pdftotext run stops when ctx is
// cancelled.
func Load(ctx context.Context, path string) (*report.Report, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, unwrapPath(err)
	} else if st.IsDir() {
		return nil, errors.New("是目录，不是文件 (is a directory)")
	}
	return parse.FileContext(ctx, path)
}

// unwrapPath drops the path from an *fs.PathError (messages name the file
// once, at the start) and says the common causes in Chinese first.
func unwrapPath(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("文件不存在 (%w)", fs.ErrNotExist)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("没有读取权限 (%w)", fs.ErrPermission)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Extensions lists the file name endings a folder walk picks up; files
// named on the command line are read whatever their name.
var Extensions = []string{".txt", ".text", ".pdf", ".docx", ".html", ".htm", ".shtml", ".xhtml", ".xlsx", ".json"}

// Collect expands paths into the files to read: files as given, folders
// walked recursively for files with one of Extensions (hidden files and
// folders, and the folder skip, are left out). The result is sorted and
// free of duplicates. A path that does not exist is an error.
func Collect(paths []string, skip string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	skipAbs := ""
	if skip != "" {
		skipAbs, _ = filepath.Abs(skip)
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", root, unwrapPath(err))
		}
		if !st.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is skipped, not fatal
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); skipAbs != "" && abs == skipAbs {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(name))
			for _, e := range Extensions {
				if ext == e {
					add(p)
					break
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Options tunes Run.
type Options struct {
	// Workers bounds how many files are parsed at once; 0 means one per core.
	Workers int
	// Progress, when set, is called after each file is read, from one
	// goroutine at a time.
	Progress func(done, total int)
}

// Run reads every file on a bounded pool of workers, then validates each
// report with the previous year's report of the same agency. Unreadable
// files are kept with the reason. It stops early only when ctx is done.
func Run(ctx context.Context, files []string, o Options) ([]File, error) {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]File, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = read(ctx, files[i])
				lighten(&out[i])
				if o.Progress != nil {
					mu.Lock()
					done++
					o.Progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
	var err error
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	ValidateAll(out)
	return out, nil
}

// read loads one file, recovering from a parser panic so that one bad
// file never stops a corpus audit.
func read(ctx context.Context, path string) (f File) {
	f = File{File: path}
	defer func() {
		if p := recover(); p != nil {
			f.Report, f.Error = nil, fmt.Sprintf("parser failed: %v", p)
		}
	}()
	r, err := Load(ctx, path)
	if err != nil {
		f.Error = strings.TrimPrefix(err.Error(), path+": ")
		return f
	}
	f.Report = r
	f.Agency, f.Year, f.Template, f.Date = r.Agency, r.Year, r.Template, r.Date
	return f
}

// lighten validates a file's report on its own (every rule but the
// cross-year R6 and R7) and keeps of the report only what those two need,
// so that an audit of ten thousand files holds a few kilobytes per file,
// not every parsed report with its text and provenance.
func lighten(f *File) {
	if f.Report == nil {
		f.SetFindings(nil)
		return
	}
	f.SetFindings(report.Validate(f.Report, nil))
	f.Report = chainPart(f.Report)
}

// chainPart copies what R6 and R7 read: the metadata, tables 二 and 三,
// and where the carried-over and table 二 cells were read.
func chainPart(r *report.Report) *report.Report {
	// Strings are cloned: a slice of the input's text would keep all of it.
	c := &report.Report{Template: r.Template, Agency: strings.Clone(r.Agency), Year: r.Year, Date: strings.Clone(r.Date),
		Proactive: r.Proactive}
	c.Proactive.FeesWanYuan.S = strings.Clone(r.Proactive.FeesWanYuan.S)
	rows := make([]report.Row, report.NumRows) // one allocation for the table
	for i, row := range r.Requests {
		if row != nil {
			rows[i] = *row
			c.Requests[i] = &rows[i]
		}
	}
	if r.Proactive2019 != nil {
		p := *r.Proactive2019
		p.ProcurementAmount = strings.Clone(p.ProcurementAmount)
		c.Proactive2019 = &p
	}
	if s := r.Source; s != nil {
		cs := &report.Source{File: s.File, Format: s.Format, Headings: s.Headings, Tables: s.Tables, Cells: map[report.CellID]report.Pos{}}
		for id, p := range s.Cells {
			if k := string(id); strings.HasPrefix(k, "requests.carried_over.") || strings.HasPrefix(k, "proactive.") {
				cs.Cells[id] = p
			}
		}
		c.Source = cs
	}
	return c
}

// ValidateAll validates every readable file, giving each report the
// previous year's report of the same agency found among files (R6, R7):
// files are grouped by agency name and each is chained to the first file
// of that agency for the year before. Files that Run already validated on
// their own get only the cross-year findings added.
func ValidateAll(files []File) {
	for i := range files {
		if files[i].Findings == nil {
			lighten(&files[i])
		}
	}
	first := map[string]map[int]*report.Report{}
	for i := range files {
		r := files[i].Report
		if r == nil || r.Agency == "" {
			continue
		}
		key := report.Normalize(r.Agency)
		if first[key] == nil {
			first[key] = map[int]*report.Report{}
		}
		if _, ok := first[key][r.Year]; !ok {
			first[key][r.Year] = r
		}
	}
	for i := range files {
		f := &files[i]
		if f.Report == nil || f.Report.Agency == "" {
			continue
		}
		prev := first[report.Normalize(f.Report.Agency)][f.Report.Year-1]
		if prev == nil {
			continue
		}
		addCross(f, prev)
	}
}

// mergeFindings inserts the cross-year findings in rule order.
func mergeFindings(fs, cross []report.Finding) []report.Finding {
	order := map[string]int{}
	for i, r := range report.Rules {
		order[r.ID] = i
	}
	out := append(append([]report.Finding(nil), fs...), cross...)
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Rule] < order[out[j].Rule] })
	return out
}

// SetFindings stores the findings with their counts, never as JSON null.
func (f *File) SetFindings(fs []report.Finding) {
	if fs == nil {
		fs = []report.Finding{}
	}
	for i := range fs {
		if fs[i].Cells == nil {
			fs[i].Cells = []report.CellID{}
		}
	}
	f.Findings = fs
	f.Errors, f.Warnings = report.Count(fs)
	f.Rules = report.RulesBroken(fs)
	if f.Rules == nil {
		f.Rules = []string{}
	}
}

// Check reads and validates one file against prev (nil for none), the way
// `gongkai report check` does; an unreadable file is returned with Error
// set and no findings.
func Check(ctx context.Context, path string, prev *report.Report) File {
	f := read(ctx, path)
	if f.Report == nil {
		f.SetFindings(nil)
		return f
	}
	f.SetFindings(report.Validate(f.Report, prev))
	return f
}
