package bombcheck

import (
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits beyond which a file is flagged. They are far above any real
// Office document, OFD or bundle an applicant or a clerk attaches (a 10
// MiB spreadsheet expands to some 200 MiB at a ratio near 20), and far
// below what a bomb declares.
const (
	MaxEntries     = 10000   // entries in one archive
	MaxEntrySize   = 1 << 30 // declared uncompressed bytes of one entry
	MaxTotalSize   = 2 << 30 // declared uncompressed bytes of one archive
	MaxRatio       = 500     // uncompressed to compressed, for entries over RatioFloor
	RatioFloor     = 1 << 20 // smaller entries may compress as well as they like
	MaxDepth       = 1000    // nested XML elements (as ooxml.MaxDepth)
	MaxNesting     = 2       // archives inside archives inside the file
	MaxNestedSize  = 8 << 20 // a nested archive is inflated into memory up to this to be inspected
	InflateBudget  = 128 << 20
	maxFlagDetails = 200 // bytes of a flag's detail
)

// A Flag says why a file is hazardous to open: Code is one of the
// constants below, Detail names the entry and the figures.
type Flag struct {
	Code   string
	Detail string
}

// Flag codes.
const (
	CodeDirectory = "zip_directory" // no readable central directory, or one too large to keep
	CodeEntries   = "zip_entries"   // more than MaxEntries entries
	CodeSize      = "zip_size"      // an entry or the whole declares more than MaxEntrySize or MaxTotalSize
	CodeRatio     = "zip_ratio"     // an entry expands more than MaxRatio times
	CodeOverlap   = "zip_overlap"   // entries share compressed data (a "better zip bomb")
	CodeLies      = "zip_lies"      // an entry expands beyond the size its header declares
	CodeNested    = "zip_nested"    // archives nested too deep or too large to inspect, or a nested bomb
	CodeDTD       = "xml_dtd"       // a DTD or entity declarations in an XML part
	CodeXMLDepth  = "xml_depth"     // XML elements nested more than MaxDepth deep
)

// String is the flag as stored with an attachment: "code: detail".
func (f Flag) String() string {
	if f.Code == "" {
		return ""
	}
	return f.Code + ": " + f.Detail
}

// Parse splits a stored flag into its code and detail.
func Parse(s string) Flag {
	code, detail, _ := strings.Cut(s, ": ")
	if s == "" {
		return Flag{}
	}
	return Flag{Code: code, Detail: detail}
}

// IsZip reports whether head, the first bytes of a file, start a zip.
func IsZip(head []byte) bool { return bytes.HasPrefix(head, []byte("PK\x03\x04")) }

// Inspect checks a zip (a DOCX, XLSX, OFD or plain zip) of tail.Size()
// bytes whose trailing bytes tail kept while it was stored: first its
// central directory, then, when that passes, its entries read once in
// order from open (the stored file), inflating at most their declared
// sizes and InflateBudget in all. It returns the first flag found, or a
// zero Flag; an error only when open or its reads fail.
func Inspect(tail *Tail, open func() (io.ReadCloser, error)) (Flag, error) {
	d, err := ReadDirectory(tail.Bytes(), tail.Size())
	if err != nil {
		return directoryFlag(err), nil
	}
	if f := checkDirectory(d); f.Code != "" {
		return f, nil
	}
	rc, err := open()
	if err != nil {
		return Flag{}, err
	}
	defer rc.Close()
	budget := int64(InflateBudget)
	s := &stream{r: bufio.NewReaderSize(rc, 32<<10), budget: &budget}
	f, err := s.entries(d, 0)
	if errors.Is(err, errStored) {
		return Flag{}, err
	}
	if err != nil {
		return Flag{CodeDirectory, clip(err.Error())}, nil
	}
	return f, nil
}

// inspectNested checks an archive nested in another, in memory, at
// depth, spending the outer stream's inflate budget.
func inspectNested(data []byte, depth int, budget *int64) Flag {
	d, err := ReadDirectory(data[max(0, len(data)-TailSize):], int64(len(data)))
	if err != nil {
		return directoryFlag(err)
	}
	if f := checkDirectory(d); f.Code != "" {
		return f
	}
	s := &stream{r: bufio.NewReader(bytes.NewReader(data)), budget: budget}
	f, err := s.entries(d, depth)
	if err != nil {
		return Flag{CodeDirectory, clip(err.Error())}
	}
	return f
}

func directoryFlag(err error) Flag {
	if errors.Is(err, errTooLarge) {
		return Flag{CodeDirectory, clip(fmt.Sprintf("central directory over %d KiB (%v)", TailSize>>10, err))}
	}
	return Flag{CodeDirectory, clip(err.Error())}
}

// checkDirectory applies the limits to what the directory declares.
func checkDirectory(d Directory) Flag {
	if len(d.Entries) > MaxEntries {
		return Flag{CodeEntries, fmt.Sprintf("%d entries, limit %d", len(d.Entries), MaxEntries)}
	}
	var total uint64
	for _, e := range d.Entries {
		switch {
		case e.UncompressedSize > MaxEntrySize:
			return Flag{CodeSize, clip(fmt.Sprintf("%s declares %s, limit %s", e.Name, mib(e.UncompressedSize), mib(MaxEntrySize)))}
		case e.UncompressedSize > RatioFloor && e.UncompressedSize/max(e.CompressedSize, 1) > MaxRatio:
			return Flag{CodeRatio, clip(fmt.Sprintf("%s expands %d times (%s from %d bytes), limit %d", e.Name,
				e.UncompressedSize/max(e.CompressedSize, 1), mib(e.UncompressedSize), e.CompressedSize, MaxRatio))}
		}
		total += e.UncompressedSize
	}
	if total > MaxTotalSize {
		return Flag{CodeSize, fmt.Sprintf("entries declare %s together, limit %s", mib(total), mib(MaxTotalSize))}
	}
	// Each entry's local header and data must end before the next
	// begins, and all before the directory.
	es := d.byOffset()
	for i, e := range es {
		end := uint64(d.Base) + e.Offset + localLen + uint64(len(e.Name)) + e.CompressedSize
		limit := uint64(d.Start)
		if i+1 < len(es) {
			limit = uint64(d.Base) + es[i+1].Offset
		}
		if end > limit || end < e.Offset {
			what := "the central directory"
			if i+1 < len(es) {
				what = es[i+1].Name
			}
			return Flag{CodeOverlap, clip(fmt.Sprintf("%s overlaps %s", e.Name, what))}
		}
	}
	return Flag{}
}

// errStored is wrapped by errors reading the stored file itself (not its
// content): they are the caller's to report.
var errStored = errors.New("reading the stored file")

// A stream reads an archive's entries once, in file order.
type stream struct {
	r      *bufio.Reader
	pos    int64  // bytes consumed from r
	budget *int64 // bytes left to inflate, shared with the archives nested in it
}

// entries reads each entry of d from the stream and checks it.
func (s *stream) entries(d Directory, depth int) (Flag, error) {
	for _, e := range d.byOffset() {
		if err := s.skipTo(d.Base + int64(e.Offset)); err != nil {
			return Flag{}, err
		}
		var h [localLen]byte
		if err := s.read(h[:]); err != nil {
			return Flag{}, err
		}
		if le32(h[:]) != sigLocal {
			return Flag{}, fmt.Errorf("%s: no local header at %d", e.Name, d.Base+int64(e.Offset))
		}
		if err := s.skip(int64(le16(h[26:])) + int64(le16(h[28:]))); err != nil {
			return Flag{}, err
		}
		data := &countReader{r: io.LimitReader(s.r, int64(e.CompressedSize))}
		f, err := s.entry(e, data, depth)
		s.pos += data.n
		if f.Code != "" || err != nil {
			return f, err
		}
	}
	return Flag{}, nil
}

// entry checks one entry whose compressed bytes r yields, and consumes them.
func (s *stream) entry(e Entry, r *countReader, depth int) (Flag, error) {
	defer io.Copy(io.Discard, r)
	if e.Method != 8 && e.Method != 0 || *s.budget <= 0 {
		return Flag{}, nil // not inflated: nothing here reads it either
	}
	var plain io.Reader = r
	if e.Method == 8 {
		fr := flate.NewReader(r)
		defer fr.Close()
		plain = fr
	}
	want := min(int64(min(e.UncompressedSize, 1<<62)), *s.budget)
	lim := &countReader{r: io.LimitReader(plain, want+1)}
	*s.budget -= want // spent up front, so that nested archives cannot spend it twice
	defer func() { *s.budget += want - min(lim.n, want) }()
	switch {
	case isXML(e.Name):
		if f := scanXML(e.Name, lim); f.Code != "" {
			return f, nil
		}
	case isArchive(e.Name) && depth < MaxNesting:
		if e.UncompressedSize > MaxNestedSize {
			return Flag{CodeNested, clip(fmt.Sprintf("%s: a nested archive of %s, over the %s inspected", e.Name, mib(e.UncompressedSize), mib(MaxNestedSize)))}, nil
		}
		data, err := io.ReadAll(lim)
		if err == nil && int64(len(data)) <= want && IsZip(data) {
			if f := inspectNested(data, depth+1, s.budget); f.Code != "" {
				return Flag{CodeNested, clip(e.Name + " → " + f.String())}, nil
			}
		}
	case isArchive(e.Name):
		return Flag{CodeNested, clip(fmt.Sprintf("%s: archives nested more than %d deep", e.Name, MaxNesting))}, nil
	}
	io.Copy(io.Discard, lim)
	if r.err != nil {
		return Flag{}, fmt.Errorf("%w: %v", errStored, r.err)
	}
	if lim.n > want && want == int64(min(e.UncompressedSize, 1<<62)) {
		return Flag{CodeLies, clip(fmt.Sprintf("%s expands beyond the %d bytes its header declares", e.Name, e.UncompressedSize))}, nil
	}
	return Flag{}, nil
}

func (s *stream) skipTo(at int64) error {
	if at < s.pos {
		return fmt.Errorf("entry at %d before the stream's position %d", at, s.pos)
	}
	return s.skip(at - s.pos)
}

func (s *stream) skip(n int64) error {
	k, err := io.CopyN(io.Discard, s.r, n)
	s.pos += k
	if err != nil {
		return fmt.Errorf("%w: %v", errStored, err)
	}
	return nil
}

func (s *stream) read(p []byte) error {
	k, err := io.ReadFull(s.r, p)
	s.pos += int64(k)
	if err != nil {
		return fmt.Errorf("%w: %v", errStored, err)
	}
	return nil
}

// countReader counts the bytes read through it and keeps the first
// error other than EOF.
type countReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) && c.err == nil {
		c.err = err
	}
	return n, err
}

// isXML reports whether an entry is an XML part by its name.
func isXML(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".vml", ".svg", ".xsl", ".xsd":
		return true
	}
	return false
}

// isArchive reports whether an entry is an archive by its name: the
// files Office embeds (charts carry a spreadsheet) and zips in zips.
func isArchive(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".zip", ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".ofd", ".jar", ".odt", ".ods":
		return true
	}
	return false
}

func mib(n uint64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clip bounds a detail, which carries names from the file, and replaces
// the control characters and bidirectional marks a name may hold.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u200e' || r == '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == utf8.RuneError {
			return '?'
		}
		return r
	}, s)
	if len(s) <= maxFlagDetails {
		return s
	}
	cut := maxFlagDetails
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// A Watch looks at a file as it streams to the store: a zip's tail is
// kept for Inspect, any other file passes untouched.
type Watch struct {
	tail *Tail
}

// NewWatch returns a reader of r's bytes that keeps a zip's tail, and
// the Watch to inspect it with once the file is stored.
func NewWatch(r io.Reader) (io.Reader, *Watch) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4)
	w := &Watch{}
	if !IsZip(head) {
		return br, w
	}
	w.tail = new(Tail)
	return io.TeeReader(br, w.tail), w
}

// Inspect inspects the stored file (see Inspect) when it is a zip; any
// other file passes.
func (w *Watch) Inspect(open func() (io.ReadCloser, error)) (Flag, error) {
	if w.tail == nil {
		return Flag{}, nil
	}
	return Inspect(w.tail, open)
}
