package reportfile

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report/corpus"
	"github.com/gongkai/gongkai/internal/report/parse"
)

// Limits bound what Zip reads from an uploaded zip, by the sizes its
// directory declares (checked before any entry is inflated) and by the
// bytes actually inflated (a lying header is caught).
type Limits struct {
	// MaxEntries is the most entries the directory may list.
	MaxEntries int
	// MaxEntry is the largest report file, inflated.
	MaxEntry int64
	// MaxTotal is the most bytes all entries may inflate to together.
	MaxTotal int64
	// MaxRatio is the largest inflated/compressed ratio of an entry over
	// RatioFloor bytes (text compresses some tenfold; a bomb a
	// thousandfold).
	MaxRatio   int64
	RatioFloor int64
}

// DefaultLimits are the back office's: 20,000 entries, each at most
// parse.MaxSize (64 MiB), 2 GiB in all, and no entry over 1 MiB that
// inflates more than 200 times.
var DefaultLimits = Limits{MaxEntries: 20000, MaxEntry: parse.MaxSize, MaxTotal: 2 << 30, MaxRatio: 200, RatioFloor: 1 << 20}

// ErrNotZip is returned for a file that is not a zip archive.
var ErrNotZip = errors.New("reportfile: not a zip archive")

// A LimitError is a zip refused as a whole by Limits, before any entry was
// read; Entry names the entry when one is at fault.
type LimitError struct {
	Entry, What string
	Limit       int64
}

func (e *LimitError) Error() string {
	if e.Entry != "" {
		return fmt.Sprintf("reportfile: %s: %s (limit %d)", e.Entry, e.What, e.Limit)
	}
	return fmt.Sprintf("reportfile: %s (limit %d)", e.What, e.Limit)
}

// A Problem is an entry that cannot be read as a report.
type Problem struct {
	File string
	Err  error
}

// Zip reads every report file in the zip ra of size bytes (entries with
// one of corpus.Extensions; folders, hidden files and __MACOSX are
// skipped), one entry at a time: each is inflated within lim, parsed and
// dropped, and its Import reopens the entry when the file is kept, so
// memory holds one file and the parsed reports, never the whole archive.
// ra must stay readable until the imports are stored. A zip over lim is
// refused as a whole (*LimitError) before any entry is inflated; an entry
// that cannot be read is listed in problems.
func Zip(ctx context.Context, ra io.ReaderAt, size int64, lim Limits) (items []annual.Import, problems []Problem, err error) {
	return ZipProgress(ctx, ra, size, lim, nil)
}

// A Progress is how far Zip has read: Read of Total report files, and the
// name of the one being read (empty once every file is read).
type Progress struct {
	Read, Total int
	File        string
}

// ZipProgress is Zip telling progress, when not nil, before each report
// file it reads and once after the last (Read == Total): Read never
// decreases. It is called on Zip's goroutine.
func ZipProgress(ctx context.Context, ra io.ReaderAt, size int64, lim Limits, progress func(Progress)) (items []annual.Import, problems []Problem, err error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	if n, err := declaredEntries(ra, size); err != nil {
		return nil, nil, err
	} else if n > lim.MaxEntries {
		return nil, nil, &LimitError{What: fmt.Sprintf("%d entries", n), Limit: int64(lim.MaxEntries)}
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotZip, err)
	}
	var files []*zip.File
	var total uint64
	for _, f := range zr.File {
		if !wanted(f) {
			continue
		}
		if f.UncompressedSize64 > uint64(lim.MaxEntry) {
			return nil, nil, &LimitError{Entry: f.Name, What: fmt.Sprintf("declares %d bytes", f.UncompressedSize64), Limit: lim.MaxEntry}
		}
		if f.UncompressedSize64 > uint64(lim.RatioFloor) && f.UncompressedSize64 > uint64(lim.MaxRatio)*max(f.CompressedSize64, 1) {
			return nil, nil, &LimitError{Entry: f.Name, What: fmt.Sprintf("inflates %d bytes from %d", f.UncompressedSize64, f.CompressedSize64), Limit: lim.MaxRatio}
		}
		if total += f.UncompressedSize64; total > uint64(lim.MaxTotal) {
			return nil, nil, &LimitError{What: fmt.Sprintf("entries declare %d bytes or more in all", total), Limit: lim.MaxTotal}
		}
		files = append(files, f)
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		progress(Progress{Read: i, Total: len(files), File: f.Name})
		data, err := inflate(f)
		if err != nil {
			problems = append(problems, Problem{File: f.Name, Err: err})
			continue
		}
		it, err := Parse(ctx, f.Name, data)
		if err != nil {
			problems = append(problems, Problem{File: f.Name, Err: err})
			continue
		}
		it.Data, it.Open = nil, f.Open
		items = append(items, it)
	}
	progress(Progress{Read: len(files), Total: len(files)})
	return items, problems, nil
}

// wanted reports whether f is a report file to read.
func wanted(f *zip.File) bool {
	name := f.Name
	if f.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".") {
		return false
	}
	ext := strings.ToLower(path.Ext(name))
	for _, e := range corpus.Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// inflate reads f whole, refusing more bytes than its header declares.
func inflate(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil && !errors.Is(err, zip.ErrChecksum) {
		return nil, err
	}
	if n > int64(f.UncompressedSize64) {
		return nil, fmt.Errorf("inflates to more than the %d bytes it declares", f.UncompressedSize64)
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// declaredEntries reads the entry count of the zip's end-of-central-
// directory record, before archive/zip reads (and allocates for) the
// directory. A zip64 archive states 0xFFFF there and is counted by
// archive/zip, whose directory is then bounded by the upload's size.
func declaredEntries(ra io.ReaderAt, size int64) (int, error) {
	const eocdLen = 22
	if size < eocdLen {
		return 0, ErrNotZip
	}
	tail := min(size, eocdLen+0xFFFF)
	buf := make([]byte, tail)
	if _, err := ra.ReadAt(buf, size-tail); err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, ErrNotZip
	}
	return int(binary.LittleEndian.Uint16(buf[i+10:])), nil
}
