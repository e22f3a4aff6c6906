package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/internal/report"
)

// An audit of ten thousand files must not hold ten thousand results. Audit
// reads the files on a pool of workers and spools each result (its
// findings and the few cells the cross-year rules R6 and R7 compare) to a
// temporary file as it comes; a second pass, in path order, adds the
// cross-year findings — reading the previous year's record back from the
// spool — and hands each file to a Writer, which writes findings.json,
// findings.txt and the per-file parts of summary.html at once and keeps
// only counters. What stays in memory per file is its place in the spool
// and, per agency and year, which file is the first; per agency, the row
// of summary.html's agency table.

// Audit reads every file on a bounded pool of workers, validates each
// report (with the previous year's report of the same agency, R6 and R7)
// and writes the audit into dir (findings.json, findings.txt,
// summary.html, as WriteDir), streaming: memory does not grow with the
// files' findings. each, when set, is called for every file in path order
// as it is written. It stops early only when ctx is done.
func Audit(ctx context.Context, files []string, dir string, o Options, each func(*File)) (Totals, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Totals{}, fmt.Errorf("audit: create %s: %w", dir, err)
	}
	sp, err := newSpool(dir, len(files))
	if err != nil {
		return Totals{}, err
	}
	defer sp.remove()
	if err := sp.fill(ctx, files, o); err != nil {
		return Totals{}, err
	}
	if err := ctx.Err(); err != nil {
		return Totals{}, err
	}
	w, err := NewWriter(dir)
	if err != nil {
		return Totals{}, err
	}
	for i := range files {
		if err := ctx.Err(); err != nil {
			w.abort()
			return Totals{}, err
		}
		f, err := sp.file(i)
		if err != nil {
			w.abort()
			return Totals{}, err
		}
		if err := w.Add(&f); err != nil {
			w.abort()
			return Totals{}, err
		}
		if each != nil {
			each(&f)
		}
	}
	return w.Close()
}

// A spool holds the results of the first pass on disk.
type spool struct {
	fh    *os.File
	mu    sync.Mutex
	off   int64
	at    []spoolAt        // per file, in path order
	first map[chainKey]int // the first file (in path order) of each agency and year
	err   error
}

// spoolAt is where one file's record lies in the spool.
type spoolAt struct {
	off int64
	n   int32
}

// chainKey names an agency's year.
type chainKey struct {
	agency string // report.Normalize'd
	year   int
}

// spoolRec is one file's record: its result, and for a readable report
// the cells the cross-year rules compare.
type spoolRec struct {
	File  File      `json:"file"`
	Chain *chainRec `json:"chain,omitempty"`
}

// chainRec is what R6 and R7 read of a report, as this report and as the
// previous year's: metadata, the carried-over and carried-forward rows,
// table 二's 规章 and 规范性文件 rows, and where the compared cells were read.
type chainRec struct {
	Template       report.Template              `json:"template"`
	Agency         string                       `json:"agency"`
	Year           int                          `json:"year"`
	CarriedOver    *report.Row                  `json:"carried_over,omitempty"`
	CarriedForward *report.Row                  `json:"carried_forward,omitempty"`
	Regulations    report.Triple                `json:"regulations"`
	Normative      report.Triple                `json:"normative"`
	Cells          map[report.CellID]report.Pos `json:"cells,omitempty"`
}

// newChain keeps of r what the cross-year rules read.
func newChain(r *report.Report) *chainRec {
	c := &chainRec{Template: r.Template, Agency: r.Agency, Year: r.Year,
		CarriedOver: r.Requests[report.CarriedOver], CarriedForward: r.Requests[report.CarriedForward],
		Regulations: r.Proactive.Regulations, Normative: r.Proactive.NormativeDocuments}
	if r.Source != nil {
		for id, p := range r.Source.Cells {
			if k := string(id); strings.HasPrefix(k, "requests.carried_over.") || strings.HasPrefix(k, "proactive.") {
				if c.Cells == nil {
					c.Cells = map[report.CellID]report.Pos{}
				}
				c.Cells[id] = p
			}
		}
	}
	return c
}

// report rebuilds a report holding the chain's cells, for report.Validate.
func (c *chainRec) report() *report.Report {
	r := report.Empty(c.Template)
	r.Agency, r.Year = c.Agency, c.Year
	r.Requests[report.CarriedOver], r.Requests[report.CarriedForward] = c.CarriedOver, c.CarriedForward
	r.Proactive.Regulations, r.Proactive.NormativeDocuments = c.Regulations, c.Normative
	if c.Cells != nil {
		r.Source = &report.Source{Cells: c.Cells}
	}
	return r
}

// newSpool creates the spool file in dir.
func newSpool(dir string, n int) (*spool, error) {
	fh, err := os.CreateTemp(dir, ".audit-spool-*")
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return &spool{fh: fh, at: make([]spoolAt, n), first: map[chainKey]int{}}, nil
}

// remove deletes the spool file.
func (s *spool) remove() {
	s.fh.Close()
	os.Remove(s.fh.Name())
}

// fill reads the files on the workers and spools each result.
func (s *spool) fill(ctx context.Context, files []string, o Options) error {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	done := 0
	for range min(workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f := read(ctx, files[i])
				lighten(&f)
				rec := spoolRec{File: f}
				if f.Report != nil {
					rec.Chain = newChain(f.Report)
				}
				b, err := json.Marshal(&rec)
				s.mu.Lock()
				if err == nil && s.err == nil {
					err = s.put(i, b, rec.Chain)
				}
				if err != nil && s.err == nil {
					s.err = fmt.Errorf("audit: spool %s: %w", files[i], err)
				}
				done++
				if o.Progress != nil {
					o.Progress(done, len(files))
				}
				s.mu.Unlock()
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
		return err
	}
	return s.err
}

// put appends file i's record; s.mu is held.
func (s *spool) put(i int, b []byte, c *chainRec) error {
	if _, err := s.fh.WriteAt(b, s.off); err != nil {
		return err
	}
	s.at[i] = spoolAt{off: s.off, n: int32(len(b))}
	s.off += int64(len(b))
	if c != nil && c.Agency != "" {
		k := chainKey{report.Normalize(c.Agency), c.Year}
		if j, ok := s.first[k]; !ok || i < j {
			s.first[k] = i
		}
	}
	return nil
}

// record reads file i's record back.
func (s *spool) record(i int) (spoolRec, error) {
	var rec spoolRec
	at := s.at[i]
	b := make([]byte, at.n)
	if _, err := s.fh.ReadAt(b, at.off); err != nil {
		return rec, fmt.Errorf("audit: read spool: %w", err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, fmt.Errorf("audit: read spool: %w", err)
	}
	return rec, nil
}

// file returns file i with its cross-year findings added.
func (s *spool) file(i int) (File, error) {
	rec, err := s.record(i)
	if err != nil {
		return File{}, err
	}
	f := rec.File
	if rec.Chain == nil {
		return f, nil
	}
	f.Report = rec.Chain.report()
	if rec.Chain.Agency == "" {
		return f, nil
	}
	j, ok := s.first[chainKey{report.Normalize(rec.Chain.Agency), rec.Chain.Year - 1}]
	if !ok {
		return f, nil
	}
	prev, err := s.record(j)
	if err != nil {
		return File{}, err
	}
	addCross(&f, prev.Chain.report())
	return f, nil
}

// addCross adds to f the cross-year findings (R6, R7) of its report
// against prev.
func addCross(f *File, prev *report.Report) {
	var cross []report.Finding
	for _, x := range report.Validate(f.Report, prev) {
		if x.Rule == report.RuleCarry || x.Rule == report.RuleInForce {
			cross = append(cross, x)
		}
	}
	if len(cross) > 0 {
		f.SetFindings(mergeFindings(f.Findings, cross))
	}
}

// A Writer writes an audit's findings.json, findings.txt and summary.html
// into a folder one file at a time, in the order given, keeping counters
// only: summary.html's per-file parts go to temporary files that Close
// joins with the totals, charts and tables.
type Writer struct {
	dir string
	out [4]*os.File // findings.json, findings.txt, the rows and details of summary.html
	bw  [4]*bufio.Writer
	n   int
	acc summaryAcc
}

// Writer's files, indexes into out.
const (
	wJSON = iota
	wText
	wRows
	wDetails
)

// NewWriter creates dir (if needed) and the audit's files in it.
func NewWriter(dir string) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("audit: create %s: %w", dir, err)
	}
	w := &Writer{dir: dir}
	var err error
	for k, name := range []string{"findings.json", "findings.txt"} {
		if w.out[k], err = os.Create(filepath.Join(dir, name)); err != nil {
			w.abort()
			return nil, fmt.Errorf("audit: %w", err)
		}
	}
	for _, k := range []int{wRows, wDetails} {
		if w.out[k], err = os.CreateTemp(dir, ".summary-part-*"); err != nil {
			w.abort()
			return nil, fmt.Errorf("audit: %w", err)
		}
	}
	for k, fh := range w.out {
		w.bw[k] = bufio.NewWriterSize(fh, 64<<10)
	}
	return w, nil
}

// Add writes one file's entries.
func (w *Writer) Add(f *File) error {
	b, err := json.MarshalIndent(f, "  ", "  ")
	if err != nil {
		return fmt.Errorf("audit: encode findings: %w", err)
	}
	sep := ",\n  "
	if w.n == 0 {
		sep = "[\n  "
	}
	if _, err := w.bw[wJSON].WriteString(sep); err != nil {
		return w.writeErr("findings.json", err)
	}
	if _, err := w.bw[wJSON].Write(b); err != nil {
		return w.writeErr("findings.json", err)
	}
	if err := WriteText(w.bw[wText], f); err != nil {
		return w.writeErr("findings.txt", err)
	}
	if _, err := w.bw[wText].WriteString("\n"); err != nil {
		return w.writeErr("findings.txt", err)
	}
	if err := writePart(w.bw[wRows], "row", w.n, f); err != nil {
		return err
	}
	if err := writePart(w.bw[wDetails], "detail", w.n, f); err != nil {
		return err
	}
	w.acc.add(f)
	w.n++
	return nil
}

// writeErr names the file a write failed on.
func (w *Writer) writeErr(name string, err error) error {
	return fmt.Errorf("audit: write %s: %w", filepath.Join(w.dir, name), err)
}

// Close ends findings.json and findings.txt, writes summary.html and
// returns the totals.
func (w *Writer) Close() (Totals, error) {
	defer w.abort()
	end := "\n]\n"
	if w.n == 0 {
		end = "[]\n"
	}
	if _, err := w.bw[wJSON].WriteString(end); err != nil {
		return Totals{}, w.writeErr("findings.json", err)
	}
	if _, err := fmt.Fprintln(w.bw[wText], w.acc.totals); err != nil {
		return Totals{}, w.writeErr("findings.txt", err)
	}
	for k, name := range []string{"findings.json", "findings.txt"} {
		if err := w.bw[k].Flush(); err != nil {
			return Totals{}, w.writeErr(name, err)
		}
		if err := w.out[k].Close(); err != nil {
			return Totals{}, w.writeErr(name, err)
		}
		w.out[k] = nil
	}
	for _, k := range []int{wRows, wDetails} {
		if err := w.bw[k].Flush(); err != nil {
			return Totals{}, w.writeErr("summary.html", err)
		}
	}
	path := filepath.Join(w.dir, "summary.html")
	fh, err := os.Create(path)
	if err != nil {
		return Totals{}, fmt.Errorf("audit: %w", err)
	}
	bw := bufio.NewWriterSize(fh, 64<<10)
	err = w.acc.writeHead(bw)
	if err == nil {
		err = copyPart(bw, w.out[wRows])
	}
	if err == nil {
		err = w.acc.writeMid(bw)
	}
	if err == nil {
		err = copyPart(bw, w.out[wDetails])
	}
	if err == nil {
		err = writeTail(bw)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Totals{}, w.writeErr("summary.html", err)
	}
	return w.acc.totals, nil
}

// copyPart copies a temporary part of summary.html from its start.
func copyPart(dst io.Writer, fh *os.File) error {
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(dst, fh)
	return err
}

// abort closes whatever is open and removes the temporary parts.
func (w *Writer) abort() {
	for k, fh := range w.out {
		if fh == nil {
			continue
		}
		fh.Close()
		if k == wRows || k == wDetails {
			os.Remove(fh.Name())
		}
		w.out[k] = nil
	}
}
