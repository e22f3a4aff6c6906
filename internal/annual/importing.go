package annual

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/report"
)

// Reports from outside (#13). Most agencies a supervisor oversees publish
// their 年度报告 without gongkai. Import stores such published reports — read
// from their files by the report engine — as published, with their source
// file and date, so that the overview counts them as it counts reports
// compiled in gongkai: their cells go to the normalized tables, their
// findings are counted as at publication (条例第四十九条、第五十条).

// ActImport is the audit action of an imported report.
const ActImport = "report.import"

// An Import is one published report read from a file.
type Import struct {
	File   string // the file's name as given
	Format string // text, pdf, docx, html, xlsx or json
	Data   []byte // the file as read, kept in the blob store
	// Open, when Data is nil, reads the file again (an entry of an
	// uploaded zip), so that the files need not all be held in memory
	// until the transaction: Import reads it twice, to hash it and to
	// keep it.
	Open   func() (io.ReadCloser, error)
	Report *report.Report
}

// keep stores the file of it in blobs under its SHA-256 and returns the
// key, the hash and the size.
func (it *Import) keep(ctx context.Context, blobs Blobs) (key, sum string, n int64, err error) {
	open := it.Open
	if it.Data != nil || open == nil {
		open = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(it.Data)), nil }
	}
	rc, err := open()
	if err != nil {
		return "", "", 0, err
	}
	h := sha256.New()
	_, err = io.Copy(h, rc)
	rc.Close()
	if err != nil {
		return "", "", 0, err
	}
	sum = hex.EncodeToString(h.Sum(nil))
	key = "reports/imported/" + sum
	if rc, err = open(); err != nil {
		return "", "", 0, err
	}
	defer rc.Close()
	n, err = blobs.Put(ctx, key, rc)
	return key, sum, n, err
}

// ImportSource is what is kept of an imported report's file.
type ImportSource struct {
	AgencyID   int64
	Year       int
	File       string
	Format     string
	BlobKey    string // reports/imported/<sha256>
	SHA256     string
	Size       int64
	ImportedBy string
	ImportedAt time.Time
}

// keepers is how many files Import writes to the blob store at once
// (each Put waits for its file and directory to reach the disk).
const keepers = 8

// forEach calls fn(0) … fn(n-1) on up to workers goroutines and returns
// the first error; after one, the indexes not yet started are skipped.
func forEach(ctx context.Context, n, workers int, fn func(i int) error) error {
	var (
		mu    sync.Mutex
		first error
		next  int
		wg    sync.WaitGroup
	)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil || ctx.Err() != nil
				mu.Unlock()
				if stop || i >= n {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// An ImportProblem is why one file cannot be imported: an apperr error
// (its key names the problem; see the annual.import_* messages).
type ImportProblem struct {
	File string
	Err  error
}

// ImportProblems is the error Import returns when any file cannot be
// imported: every problem, and nothing was stored.
type ImportProblems []ImportProblem

func (p ImportProblems) Error() string {
	return fmt.Sprintf("annual: import: %d files cannot be imported; nothing was imported", len(p))
}

// Blobs keeps the source files; blob.Store is one.
type Blobs interface {
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
}

// An Imported is one report stored by Import.
type Imported struct {
	File     string
	Agency   agency.Agency
	Year     int
	Errors   int
	Warnings int
}

// minSuffixRunes is the shortest name matched as a suffix: 司法局 yes, 局 no.
const minSuffixRunes = 3

// An AgencyIndex matches the names reports state to the agencies of the
// hierarchy: the exact name first (ignoring white space and width), then
// a unique suffix either way (北仑区司法局 ↔ 宁波市北仑区司法局).
type AgencyIndex struct {
	exact  map[string]agency.Agency
	suffix map[string][]agency.Agency // every suffix of every name, at most two agencies each
	all    map[string][]agency.Agency // every full name
}

// NewAgencyIndex indexes agencies.
func NewAgencyIndex(ags []agency.Agency) *AgencyIndex {
	x := &AgencyIndex{exact: map[string]agency.Agency{}, suffix: map[string][]agency.Agency{}, all: map[string][]agency.Agency{}}
	for _, a := range ags {
		n := report.Normalize(a.Name)
		x.exact[n] = a
		for i := range n {
			s := n[i:]
			if utf8.RuneCountInString(s) < minSuffixRunes {
				break
			}
			if l := x.suffix[s]; len(l) < 2 {
				x.suffix[s] = append(l, a)
			}
		}
	}
	return x
}

// Match returns the agency a report's stated name names; ok is false when
// none or several do, candidates then listing up to a few of them.
func (x *AgencyIndex) Match(stated string) (a agency.Agency, candidates []agency.Agency, ok bool) {
	n := report.Normalize(strings.TrimSpace(stated))
	if n == "" {
		return agency.Agency{}, nil, false
	}
	if a, ok := x.exact[n]; ok {
		return a, nil, true
	}
	seen := map[int64]bool{}
	add := func(l []agency.Agency) {
		for _, a := range l {
			if !seen[a.ID] {
				seen[a.ID] = true
				candidates = append(candidates, a)
			}
		}
	}
	if utf8.RuneCountInString(n) >= minSuffixRunes {
		add(x.suffix[n]) // the stated name ends a stored one
	}
	for i := range n {
		if i > 0 && utf8.RuneCountInString(n[i:]) >= minSuffixRunes {
			if a, ok := x.exact[n[i:]]; ok { // a stored name ends the stated one
				add([]agency.Agency{a})
			}
		}
	}
	if len(candidates) == 1 {
		return candidates[0], nil, true
	}
	sort.Slice(candidates, func(i, j int) bool { return candidates[i].Name < candidates[j].Name })
	return agency.Agency{}, candidates, false
}

// Import stores the reports of items as published, all or nothing: each
// is matched to an agency by the name it states (AgencyIndex), its year is
// the one it states (year, when not 0, must agree; a report that states
// none takes year), and it must be the only report of that agency's year,
// in the files and in the store. When any file fails, Import returns
// ImportProblems listing every failure and stores nothing. Otherwise each
// report is validated against the agency's previous year (stored, or
// imported in the same run), its file kept in blobs, and the report, its
// source, its cells and its findings counts stored in one transaction;
// each import is audited. A report's publication date is the date it
// states, else now.
func (s *Service) Import(ctx context.Context, blobs Blobs, by audit.Actor, items []Import, year int) ([]Imported, error) {
	ags, err := s.ag.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	return s.importAmong(ctx, ags, blobs, by, items, year)
}

// ImportWithin is Import for a supervisor who uploads reports in the
// back office: names are matched only among the agencies of scope (its
// subtree), so a report of an agency outside it is an unknown name.
func (s *Service) ImportWithin(ctx context.Context, blobs Blobs, by audit.Actor, items []Import, year int, scope []int64) ([]Imported, error) {
	ags, err := s.ag.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	in := make(map[int64]bool, len(scope))
	for _, id := range scope {
		in[id] = true
	}
	mine := ags[:0:0]
	for _, a := range ags {
		if in[a.ID] {
			mine = append(mine, a)
		}
	}
	return s.importAmong(ctx, mine, blobs, by, items, year)
}

// importAmong is Import matching names among ags.
func (s *Service) importAmong(ctx context.Context, ags []agency.Agency, blobs Blobs, by audit.Actor, items []Import, year int) ([]Imported, error) {
	idx := NewAgencyIndex(ags)
	type plan struct {
		it  *Import
		ag  agency.Agency
		rep *report.Report
	}
	var plans []plan
	var problems ImportProblems
	bad := func(it *Import, err error) {
		problems = append(problems, ImportProblem{File: it.File, Err: err})
	}
	taken := map[[2]int64]string{}
	for i := range items {
		it := &items[i]
		r := it.Report
		if r == nil {
			bad(it, apperr.New(apperr.Invalid, "annual.import_unreadable"))
			continue
		}
		y := r.Year
		switch {
		case y == 0 && year == 0:
			bad(it, apperr.New(apperr.Invalid, "annual.import_no_year"))
			continue
		case y == 0:
			y = year
		case year != 0 && y != year:
			bad(it, apperr.New(apperr.Invalid, "annual.import_other_year", y, year))
			continue
		}
		if y < 2008 || y > 2200 {
			bad(it, apperr.New(apperr.Invalid, "annual.year_range"))
			continue
		}
		if strings.TrimSpace(r.Agency) == "" {
			bad(it, apperr.New(apperr.Invalid, "annual.import_no_agency"))
			continue
		}
		ag, cands, ok := idx.Match(r.Agency)
		if !ok {
			if len(cands) == 0 {
				bad(it, apperr.New(apperr.Invalid, "annual.import_unknown_agency", r.Agency))
			} else {
				names := make([]string, 0, 3)
				for _, c := range cands[:min(3, len(cands))] {
					names = append(names, c.Name)
				}
				bad(it, apperr.New(apperr.Invalid, "annual.import_ambiguous_agency", r.Agency, len(cands), strings.Join(names, "、")))
			}
			continue
		}
		k := [2]int64{ag.ID, int64(y)}
		if other, dup := taken[k]; dup {
			bad(it, apperr.New(apperr.Invalid, "annual.import_duplicate", ag.Name, y, other))
			continue
		}
		taken[k] = it.File
		switch _, err := s.st.ReportRecord(ctx, ag.ID, y); {
		case err == nil:
			bad(it, apperr.New(apperr.Invalid, "annual.import_exists", ag.Name, y))
			continue
		case !errors.Is(err, apperr.NotFound):
			return nil, err
		}
		rep := *r
		rep.Agency, rep.Year, rep.Source = ag.Name, y, nil
		plans = append(plans, plan{it: it, ag: ag, rep: &rep})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	// The previous year of each report: imported in this run, or stored.
	batch := map[[2]int64]*report.Report{}
	for _, p := range plans {
		batch[[2]int64{p.ag.ID, int64(p.rep.Year)}] = p.rep
	}
	now := s.now().UTC()
	srcs := make([]ImportSource, len(plans))
	err := forEach(ctx, len(plans), keepers, func(i int) error {
		p := plans[i]
		key, h, n, err := p.it.keep(ctx, blobs)
		if err != nil {
			return fmt.Errorf("annual: import %s: keep the file: %w", p.it.File, err)
		}
		srcs[i] = ImportSource{AgencyID: p.ag.ID, Year: p.rep.Year, File: p.it.File, Format: p.it.Format,
			BlobKey: key, SHA256: h, Size: n, ImportedBy: by.Login, ImportedAt: now}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Imported, len(plans))
	err = s.st.InTx(ctx, func(ctx context.Context) error {
		recs := make([]Record, len(plans))
		found := make([][]report.Finding, len(plans))
		for i, p := range plans {
			prev := batch[[2]int64{p.ag.ID, int64(p.rep.Year - 1)}]
			if prev == nil {
				rec, err := s.st.ReportRecord(ctx, p.ag.ID, p.rep.Year-1)
				switch {
				case err == nil && rec.Status == Published:
					if prev, err = rec.Report(); err != nil {
						return err
					}
				case err != nil && !errors.Is(err, apperr.NotFound):
					return err
				}
			}
			findings := report.ValidateWith(p.rep, prev, ValidateOptions(p.ag))
			snap, err := json.Marshal(p.rep)
			if err != nil {
				return fmt.Errorf("annual: import %s: %w", p.it.File, err)
			}
			at := now
			if d, err := time.ParseInLocation(time.DateOnly, p.rep.Date, cst); err == nil {
				at = d.Add(12 * time.Hour).UTC() // noon of the stated day, China Standard Time
			}
			recs[i] = Record{AgencyID: p.ag.ID, Year: p.rep.Year, Status: Published, Snapshot: snap,
				Entries:   Entries{Proactive: p.rep.Proactive, Sections: p.rep.Sections, Date: p.rep.Date},
				UpdatedBy: by.Login, UpdatedAt: now, PublishedBy: by.Login, PublishedAt: at}
			found[i] = findings
		}
		// The reports, their sources, versions and search documents: a
		// few multi-row statements for all of them.
		if err := s.st.ImportReports(ctx, recs, srcs); err != nil {
			return err
		}
		// Their facts, likewise a few statements for a hundred reports.
		facts := make([]Facts, len(plans))
		for i, p := range plans {
			facts[i] = FactsOf(p.ag.ID, p.rep.Year, p.rep, found[i])
		}
		if err := s.st.SaveReportsFacts(ctx, facts); err != nil {
			return err
		}
		// An event a report, appended to the chain together.
		events := make([]audit.Event, len(plans))
		for i, p := range plans {
			errs, warns := report.Count(found[i])
			out[i] = Imported{File: p.it.File, Agency: p.ag, Year: p.rep.Year, Errors: errs, Warnings: warns}
			events[i] = by.Event(ActImport, "report", p.ag.ID, audit.ResultOK,
				fmt.Sprintf("year=%d sha256=%s errors=%d warnings=%d", p.rep.Year, srcs[i].SHA256, errs, warns))
		}
		if s.log != nil {
			return s.log.RecordAll(ctx, events)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
