package opendata

import (
	"bufio"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/search"
)

//go:embed readme.md
var readme []byte

// cst is China Standard Time, in which the manifest states its time.
var cst = time.FixedZone("CST", 8*3600)

// BOM starts every CSV file: Excel, which most readers of these tables
// open them with, takes a CSV without it for the local code page (GBK on a
// Chinese Windows) and garbles every Chinese name; pandas (read_csv) and
// Python's csv module with encoding="utf-8-sig" drop it.
const BOM = "\uFEFF"

// A Progress is told what was written so far: kind is "items" or
// "reports".
type Progress func(kind string, n int)

// Export writes the public data of src into dir as of now (the manifest's
// time): into a new directory beside dir, renamed into place when every
// file is written and synced. dir must be absent, empty, or an earlier
// export (it holds a manifest of this schema), which the new one replaces
// and which is then removed; anything else is refused, so an export never
// deletes a directory it did not write.
func Export(ctx context.Context, src Source, dir string, now time.Time, progress Progress) (Manifest, error) {
	dir = filepath.Clean(dir)
	replace, err := checkTarget(dir)
	if err != nil {
		return Manifest{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return Manifest{}, fmt.Errorf("opendata: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil { // public data; MkdirTemp makes it 0700
		return Manifest{}, fmt.Errorf("opendata: %w", err)
	}
	m, err := write(ctx, src, tmp, now, progress)
	if err != nil {
		return Manifest{}, err
	}
	if err := syncDir(tmp); err != nil {
		return Manifest{}, err
	}
	if err := swap(tmp, dir, replace); err != nil {
		return Manifest{}, err
	}
	done = true
	return m, syncDir(filepath.Dir(dir))
}

// checkTarget says whether dir holds something the export replaces, and
// refuses a directory that is neither empty nor an earlier export, or a
// file.
func checkTarget(dir string) (replace bool, err error) {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("opendata: %w", err)
	}
	if !st.IsDir() {
		return false, apperr.New(apperr.Invalid, "export.target", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, fmt.Errorf("opendata: %w", err)
	}
	if len(entries) == 0 {
		return true, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	var m Manifest
	if err != nil || json.Unmarshal(b, &m) != nil || m.Schema != ManifestSchema {
		return false, apperr.New(apperr.Invalid, "export.target", dir)
	}
	return true, nil
}

// swap puts tmp in dir's place: a rename when dir is absent; otherwise dir
// is renamed aside first, tmp into its place, and the old one removed (if
// the second rename fails, the old one goes back).
func swap(tmp, dir string, replace bool) error {
	if !replace {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("opendata: %w", err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("opendata: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return fmt.Errorf("opendata: %w", err)
	}
	return os.RemoveAll(old)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("opendata: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("opendata: sync %s: %w", dir, err)
	}
	return nil
}

// An out is one file being written, counting its bytes and hashing them.
type out struct {
	name string
	f    *os.File
	w    *bufio.Writer
	h    hash.Hash
	n    int64
	rows int
}

func create(dir, name string) (*out, error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opendata: %w", err)
	}
	return &out{name: name, f: f, w: bufio.NewWriterSize(f, 64<<10), h: sha256.New()}, nil
}

func (o *out) Write(p []byte) (int, error) {
	o.h.Write(p)
	o.n += int64(len(p))
	return o.w.Write(p)
}

// close flushes, syncs and closes the file and returns what the manifest
// says of it.
func (o *out) close() (FileInfo, error) {
	err := o.w.Flush()
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileInfo{}, fmt.Errorf("opendata: %s: %w", o.name, err)
	}
	return FileInfo{Name: o.name, Rows: o.rows, Bytes: o.n, SHA256: hex.EncodeToString(o.h.Sum(nil))}, nil
}

// write writes every file of an export into dir.
func write(ctx context.Context, src Source, dir string, now time.Time, progress Progress) (Manifest, error) {
	m := Manifest{Schema: ManifestSchema, GeneratedAt: now.In(cst).Format(time.RFC3339)}
	names := map[int64]string{}
	ags, err := src.Agencies.ListAgencies(ctx)
	if err != nil {
		return m, err
	}
	for _, a := range ags {
		names[a.ID] = a.Name
	}
	fi, err := writeItems(ctx, src.Items, dir, names, progress)
	if err != nil {
		return m, err
	}
	m.Files = append(m.Files, fi)
	fis, err := writeReports(ctx, src.Reports, dir, progress)
	if err != nil {
		return m, err
	}
	m.Files = append(m.Files, fis...)
	for _, f := range []struct {
		name string
		b    []byte
	}{{ReadmeFile, readme}} {
		o, err := create(dir, f.name)
		if err != nil {
			return m, err
		}
		if _, err := o.Write(f.b); err != nil {
			return m, fmt.Errorf("opendata: %s: %w", f.name, err)
		}
		fi, err := o.close()
		if err != nil {
			return m, err
		}
		m.Files = append(m.Files, fi)
	}
	o, err := create(dir, ManifestFile)
	if err != nil {
		return m, err
	}
	enc := json.NewEncoder(o)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return m, fmt.Errorf("opendata: manifest: %w", err)
	}
	_, err = o.close()
	return m, err
}

// writeItems writes the public items, newest first, a page at a time
// (keyset order: an item published during the export is either before the
// page being read, and left out, or in a page to come).
func writeItems(ctx context.Context, items Items, dir string, names map[int64]string, progress Progress) (FileInfo, error) {
	o, err := create(dir, ItemsFile)
	if err != nil {
		return FileInfo{}, err
	}
	defer o.f.Close()
	enc := json.NewEncoder(o)
	enc.SetEscapeHTML(false)
	q := catalog.PublicQuery{Limit: pageSize}
	for {
		recs, err := items.PublicList(ctx, q)
		if err != nil {
			return FileInfo{}, err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			pv, err := items.PublicItemByID(ctx, r.ID)
			if apperr.KindOf(err) == apperr.NotFound {
				continue // withdrawn since the page was read
			}
			if err != nil {
				return FileInfo{}, err
			}
			indexNo := r.IndexNo
			if err := enc.Encode(pv.JSON(names[r.AgencyID], func(n int) string { return search.FileURL(indexNo, n) })); err != nil {
				return FileInfo{}, fmt.Errorf("opendata: %s: %w", ItemsFile, err)
			}
			o.rows++
		}
		if progress != nil {
			progress("items", o.rows)
		}
		q.After = catalog.CursorOf(recs[len(recs)-1])
	}
	return o.close()
}

// The three tables' CSV files and their cells, in template order (the
// 2021 template's, with every row of table 三).
var tables = []struct {
	file, table string
}{{Table2File, "表二"}, {Table3File, "表三"}, {Table4File, "表四"}}

// tableCells returns the cell ids of each table, in template order.
func tableCells() map[string][]report.CellID {
	out := map[string][]report.CellID{}
	for _, c := range report.Empty(report.Template2021).Cells() {
		out[c.Table] = append(out[c.Table], c.ID)
	}
	return out
}

// writeReports writes the published reports as JSON Lines and their
// tables as CSV. The list of reports (agency and year: a few bytes each) is
// read first, then each report in turn.
func writeReports(ctx context.Context, reports Reports, dir string, progress Progress) ([]FileInfo, error) {
	var list []struct {
		agencyID int64
		agency   string
		year     int
	}
	for off := 0; ; off += annualPage {
		p, err := reports.PublishedPage(ctx, annualQuery(off))
		if err != nil {
			return nil, err
		}
		for _, l := range p.Rows {
			list = append(list, struct {
				agencyID int64
				agency   string
				year     int
			}{l.AgencyID, l.Agency, l.Year})
		}
		if len(p.Rows) < annualPage {
			break
		}
	}
	js, err := create(dir, ReportsFile)
	if err != nil {
		return nil, err
	}
	defer js.f.Close()
	enc := json.NewEncoder(js)
	enc.SetEscapeHTML(false)
	cells := tableCells()
	outs := make([]*out, len(tables))
	csvs := make([]*csv.Writer, len(tables))
	for i, t := range tables {
		if outs[i], err = create(dir, t.file); err != nil {
			return nil, err
		}
		defer outs[i].f.Close()
		if _, err := io.WriteString(outs[i], BOM); err != nil {
			return nil, fmt.Errorf("opendata: %s: %w", t.file, err)
		}
		csvs[i] = csv.NewWriter(outs[i])
		head := []string{"agency_id", "agency", "year", "template"}
		for _, id := range cells[t.table] {
			head = append(head, string(id))
		}
		if err := csvs[i].Write(head); err != nil {
			return nil, fmt.Errorf("opendata: %s: %w", t.file, err)
		}
	}
	for n, l := range list {
		_, rep, err := reports.Published(ctx, l.agencyID, l.year)
		if err != nil {
			return nil, err
		}
		if err := enc.Encode(rep); err != nil {
			return nil, fmt.Errorf("opendata: %s: %w", ReportsFile, err)
		}
		js.rows++
		have := map[report.CellID]string{}
		for _, c := range rep.Cells() {
			if c.Present() {
				have[c.ID] = c.String()
			}
		}
		for i, t := range tables {
			// An absent cell is an empty field, never 0 (report-model.md).
			row := []string{strconv.FormatInt(l.agencyID, 10), l.agency, strconv.Itoa(l.year), string(rep.Template)}
			for _, id := range cells[t.table] {
				row = append(row, have[id])
			}
			if err := csvs[i].Write(row); err != nil {
				return nil, fmt.Errorf("opendata: %s: %w", t.file, err)
			}
			outs[i].rows++
		}
		if progress != nil && (n+1)%pageSize == 0 {
			progress("reports", n+1)
		}
	}
	if progress != nil {
		progress("reports", len(list))
	}
	fi, err := js.close()
	if err != nil {
		return nil, err
	}
	fis := []FileInfo{fi}
	for i, t := range tables {
		csvs[i].Flush()
		if err := csvs[i].Error(); err != nil {
			return nil, fmt.Errorf("opendata: %s: %w", t.file, err)
		}
		fi, err := outs[i].close()
		if err != nil {
			return nil, err
		}
		fis = append(fis, fi)
	}
	return fis, nil
}
