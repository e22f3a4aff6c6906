package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bounds what Open and Archive.Open accept from a zip archive.
type Limits struct {
	// MaxEntries is the largest number of entries in the central directory.
	MaxEntries int
	// MaxEntrySize is the largest uncompressed size of one entry, in bytes.
	MaxEntrySize int64
	// MaxTotalSize is the largest sum of uncompressed sizes of the entries
	// read from one archive, in bytes.
	MaxTotalSize int64
	// MaxRatio is the largest ratio of uncompressed to compressed size of an
	// entry; it applies only to entries that expand beyond RatioFloor.
	MaxRatio int64
	// RatioFloor is the uncompressed size below which MaxRatio is not
	// enforced (small, highly repetitive XML parts compress very well).
	RatioFloor int64
}

// DefaultLimits are generous for published reports (a report's
// word/document.xml is well under 2 MiB) and small enough to keep a reader's
// memory bounded: at most 16 MiB from one entry, 64 MiB from one archive.
var DefaultLimits = Limits{
	MaxEntries:   1000,
	MaxEntrySize: 16 << 20,
	MaxTotalSize: 64 << 20,
	MaxRatio:     200,
	RatioFloor:   1 << 20,
}

// Errors that Open and Archive.Open wrap; test them with errors.Is.
var (
	ErrNotZip       = errors.New("not a zip archive")
	ErrTooMany      = errors.New("too many entries")
	ErrTooLarge     = errors.New("entry too large")
	ErrTotalTooBig  = errors.New("archive expands too much in total")
	ErrRatio        = errors.New("suspicious compression ratio (zip bomb?)")
	ErrMissing      = errors.New("entry missing")
	ErrSizeMismatch = errors.New("entry data larger than its header declares, or corrupt")
)

// An Archive is a zip archive whose central directory passed the limits.
// Its entries are read with Open or ReadFile, which enforce the limits on
// the bytes actually decompressed. An Archive is not safe for concurrent use.
type Archive struct {
	zr    *zip.Reader
	lim   Limits
	files map[string]*zip.File
	used  int64 // uncompressed bytes handed out so far
}

// Open checks the archive in data against lim: it must be a zip archive
// with at most lim.MaxEntries entries whose declared sizes and ratios are
// within the limits. Declared sizes are checked here only to refuse early;
// Archive.Open enforces the limits again on the real bytes.
func Open(data []byte, lim Limits) (*Archive, error) {
	return OpenAt(bytes.NewReader(data), int64(len(data)), lim)
}

// OpenAt is Open for an archive of n bytes read through r (an open
// file): only the central directory and the entries read are in memory.
func OpenAt(r io.ReaderAt, n int64, lim Limits) (*Archive, error) {
	zr, err := zip.NewReader(r, n)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("open zip: %w", ErrNotZip)
		}
		return nil, fmt.Errorf("open zip: %w: %v", ErrNotZip, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("open zip: %w: %d, limit %d", ErrTooMany, len(zr.File), lim.MaxEntries)
	}
	a := &Archive{zr: zr, lim: lim, files: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		if err := lim.checkDeclared(f); err != nil {
			return nil, fmt.Errorf("open zip: %s: %w", f.Name, err)
		}
		total += f.UncompressedSize64
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")
		if _, dup := a.files[strings.ToLower(name)]; !dup {
			a.files[strings.ToLower(name)] = f
		}
	}
	if total > uint64(lim.MaxTotalSize) {
		return nil, fmt.Errorf("open zip: %w: declares %s, limit %s", ErrTotalTooBig, size(total), size(uint64(lim.MaxTotalSize)))
	}
	return a, nil
}

// checkDeclared refuses an entry on the sizes its header declares.
func (lim Limits) checkDeclared(f *zip.File) error {
	u, c := f.UncompressedSize64, f.CompressedSize64
	if u > uint64(lim.MaxEntrySize) {
		return fmt.Errorf("%w: declares %s, limit %s", ErrTooLarge, size(u), size(uint64(lim.MaxEntrySize)))
	}
	if u > uint64(lim.RatioFloor) && u/max(c, 1) > uint64(lim.MaxRatio) {
		return fmt.Errorf("%w: declares %s from %s", ErrRatio, size(u), size(c))
	}
	return nil
}

// Size returns the uncompressed size the named entry's header declares
// (CheckAll and Open hold every entry to it), or -1 when there is no such
// entry.
func (a *Archive) Size(name string) int64 {
	f, ok := a.files[strings.ToLower(name)]
	if !ok {
		return -1
	}
	return int64(min(f.UncompressedSize64, 1<<62))
}

// Names lists the archive's entries in directory order.
func (a *Archive) Names() []string {
	names := make([]string, len(a.zr.File))
	for i, f := range a.zr.File {
		names[i] = f.Name
	}
	return names
}

// Has reports whether the archive holds an entry of that name (compared
// case-insensitively, as Office does).
func (a *Archive) Has(name string) bool {
	_, ok := a.files[strings.ToLower(name)]
	return ok
}

// Open returns a reader of the named entry's uncompressed bytes. The reader
// fails with ErrTooLarge, ErrTotalTooBig or ErrRatio as soon as the entry
// produces more than the limits allow, whatever its header declares.
func (a *Archive) Open(name string) (io.ReadCloser, error) {
	f, ok := a.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, ErrMissing)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	g := &guardReader{a: a, f: f, rc: rc}
	g.max, g.why = a.allowed(f)
	g.lr = io.LimitReader(rc, g.max+1)
	return g, nil
}

// allowed is the most an entry may produce and the limit that sets it:
// the per-entry limit, what is left of the total, or its compressed size
// times the ratio limit (the decompressor cannot read past the compressed
// size, so that bound holds even when the header lies about the
// uncompressed size).
func (a *Archive) allowed(f *zip.File) (int64, error) {
	n, why := a.lim.MaxEntrySize, ErrTooLarge
	if left := a.lim.MaxTotalSize - a.used; left < n {
		n, why = max(left, 0), ErrTotalTooBig
	}
	if c := int64(f.CompressedSize64); c >= 0 && c < 1<<40 {
		if r := max(c*a.lim.MaxRatio, a.lim.RatioFloor); r < n {
			n, why = r, ErrRatio
		}
	}
	return n, why
}

// ReadFile returns the whole uncompressed content of the named entry,
// within the limits.
func (a *Archive) ReadFile(name string) ([]byte, error) {
	rc, err := a.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	g := rc.(*guardReader)
	// Trust the declared size only up to the limit, to size the buffer.
	var buf bytes.Buffer
	buf.Grow(int(min(int64(min(g.f.UncompressedSize64, 1<<40)), g.max)) + bytes.MinRead)
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// CheckAll decompresses every entry to nowhere, enforcing the limits on the
// real bytes; it is for callers that hand the archive to a library that
// trusts the headers. Entries read by CheckAll count towards the total.
func (a *Archive) CheckAll() error {
	for _, f := range a.zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := a.Open(f.Name)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// A guardReader enforces the limits on one entry as it is read.
type guardReader struct {
	a   *Archive
	f   *zip.File
	rc  io.ReadCloser
	lr  io.Reader
	max int64 // the most this entry may produce
	why error // the limit that sets max
	n   int64
	err error
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.lr.Read(p)
	g.n += int64(n)
	g.a.used += int64(n)
	if g.n > g.max {
		g.err = g.limitError()
		return 0, g.err
	}
	if err != nil && err != io.EOF {
		if errors.Is(err, zip.ErrFormat) {
			err = ErrSizeMismatch
		}
		g.err = fmt.Errorf("%s: %w", g.f.Name, err)
		return n, g.err
	}
	return n, err
}

// limitError says which limit the entry broke.
func (g *guardReader) limitError() error {
	lim := g.a.lim
	switch g.why {
	case ErrTotalTooBig:
		return fmt.Errorf("%s: %w: more than %s in total", g.f.Name, ErrTotalTooBig, size(uint64(lim.MaxTotalSize)))
	case ErrRatio:
		return fmt.Errorf("%s: %w: expands beyond %d times its compressed %s", g.f.Name, ErrRatio, lim.MaxRatio, size(g.f.CompressedSize64))
	}
	return fmt.Errorf("%s: %w: expands beyond %s although its header declares %s", g.f.Name, ErrTooLarge, size(uint64(lim.MaxEntrySize)), size(g.f.UncompressedSize64))
}

func (g *guardReader) Close() error { return g.rc.Close() }

// size formats a byte count for messages.
func size(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
