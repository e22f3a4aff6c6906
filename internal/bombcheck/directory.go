// Package bombcheck flags uploaded files that would cost whoever opens
// them unbounded work: zip bombs (entries with absurd declared sizes or
// expansion ratios, overlapping entries, directories of thousands of
// entries, archives nested in archives) and XML bombs inside Office and
// OFD packages (a DTD, entity declarations, elements nested thousands
// deep). It never decompresses a file into memory: the zip's central
// directory is read from the tail of the upload kept while it streamed
// (Tail), and the entries are then read once, in order, as a bounded
// stream from the store (Inspect). A flag is a warning for staff, never a
// refusal: the file is stored and listed with it, and the server neither
// previews nor extracts text from a flagged file (issue #10 item 7).
package bombcheck

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// TailSize is how many trailing bytes of an upload Tail keeps: the end
// of central directory record, its comment (≤ 64 KiB) and a directory of
// some ten thousand entries.
const TailSize = 1 << 20

// A Tail is an io.Writer that counts the bytes written to it and keeps
// the last TailSize of them.
type Tail struct {
	buf  []byte // ring of TailSize bytes, allocated on the first Write
	next int    // where the next byte goes in buf
	n    int64  // bytes written in all
}

// Write keeps the last TailSize bytes of p; it never fails.
func (t *Tail) Write(p []byte) (int, error) {
	n := len(p)
	t.n += int64(n)
	if t.buf == nil {
		t.buf = make([]byte, TailSize)
	}
	if len(p) > TailSize {
		p = p[len(p)-TailSize:]
	}
	k := copy(t.buf[t.next:], p)
	if k < len(p) {
		copy(t.buf, p[k:])
	}
	t.next = (t.next + len(p)) % TailSize
	return n, nil
}

// Size returns how many bytes were written.
func (t *Tail) Size() int64 { return t.n }

// Bytes returns the kept bytes in order: the last min(Size, TailSize).
func (t *Tail) Bytes() []byte {
	if t.n <= TailSize {
		return t.buf[:t.n]
	}
	return append(append([]byte(nil), t.buf[t.next:]...), t.buf[:t.next]...)
}

// An Entry is one file of a zip's central directory.
type Entry struct {
	Name             string
	Method           uint16
	Flags            uint16
	CompressedSize   uint64
	UncompressedSize uint64
	Offset           uint64 // of its local header, from the archive's start
}

// A Directory is a zip's central directory.
type Directory struct {
	Entries []Entry
	// Base is where the archive starts in the file (bytes prepended to
	// it, as in a self-extracting archive, move every offset).
	Base int64
	// Start is where the central directory starts in the file.
	Start int64
}

// Zip record signatures and fixed sizes (APPNOTE.TXT 4.3).
const (
	sigLocal       = 0x04034b50
	sigCentral     = 0x02014b50
	sigEnd         = 0x06054b50
	sigEnd64       = 0x06064b50
	sigLocator64   = 0x07064b50
	endLen         = 22
	locator64Len   = 20
	end64Len       = 56
	centralLen     = 46
	localLen       = 30
	zip64ExtraID   = 0x0001
	maxCommentSize = 0xffff
)

// errDirectory is wrapped by every error about a directory that cannot
// be read.
var errDirectory = errors.New("zip directory")

// errTooLarge says the central directory did not fit in the tail.
var errTooLarge = errors.New("zip directory larger than the bytes kept")

// ReadDirectory reads the central directory of a zip of size bytes whose
// last bytes are tail. It fails when there is no end of central
// directory record, when the directory does not fit in tail, or when a
// record is malformed.
func ReadDirectory(tail []byte, size int64) (Directory, error) {
	if int64(len(tail)) > size {
		return Directory{}, fmt.Errorf("%w: %d bytes kept of %d", errDirectory, len(tail), size)
	}
	first := size - int64(len(tail)) // file offset of tail[0]
	end := -1
	for i := len(tail) - endLen; i >= 0 && i >= len(tail)-endLen-maxCommentSize; i-- {
		if le32(tail[i:]) == sigEnd && int(le16(tail[i+20:])) == len(tail)-i-endLen {
			end = i
			break
		}
	}
	if end < 0 {
		return Directory{}, fmt.Errorf("%w: no end of central directory record", errDirectory)
	}
	count := uint64(le16(tail[end+10:]))
	dirSize := uint64(le32(tail[end+12:]))
	dirOffset := uint64(le32(tail[end+16:]))
	dirEnd := end // where the directory ends in tail
	// A zip64 end record and its locator, when there (some writers add
	// them whenever an entry needs zip64), sit between the directory and
	// the end record, and their figures win.
	if loc := end - locator64Len; loc >= 0 && le32(tail[loc:]) == sigLocator64 {
		// The zip64 record sits right before the locator (the offset the
		// locator gives is not needed: the tail holds both).
		rec := loc - end64Len
		if rec < 0 || le32(tail[rec:]) != sigEnd64 {
			return Directory{}, fmt.Errorf("%w: zip64 end record missing", errDirectory)
		}
		count = le64(tail[rec+32:])
		dirSize = le64(tail[rec+40:])
		dirOffset = le64(tail[rec+48:])
		dirEnd = rec
	}
	start := first + int64(dirEnd) - int64(dirSize)
	switch {
	case dirSize > uint64(size):
		return Directory{}, fmt.Errorf("%w: declares a directory of %d bytes in a file of %d", errDirectory, dirSize, size)
	case start < first:
		return Directory{}, fmt.Errorf("%w: %d bytes", errTooLarge, dirSize)
	case dirOffset > uint64(start):
		return Directory{}, fmt.Errorf("%w: directory offset %d past its position %d", errDirectory, dirOffset, start)
	case count > dirSize/centralLen:
		return Directory{}, fmt.Errorf("%w: %d entries cannot fit in %d bytes", errDirectory, count, dirSize)
	}
	d := Directory{Base: start - int64(dirOffset), Start: start, Entries: make([]Entry, 0, count)}
	b := tail[start-first : dirEnd]
	for len(b) > 0 {
		e, n, err := readCentral(b)
		if err != nil {
			return Directory{}, fmt.Errorf("%w: entry %d: %v", errDirectory, len(d.Entries)+1, err)
		}
		d.Entries = append(d.Entries, e)
		b = b[n:]
	}
	return d, nil
}

// readCentral reads one central directory record from the start of b and
// returns it with its length.
func readCentral(b []byte) (Entry, int, error) {
	if len(b) < centralLen || le32(b) != sigCentral {
		return Entry{}, 0, errors.New("not a central directory record")
	}
	nameLen, extraLen, commentLen := int(le16(b[28:])), int(le16(b[30:])), int(le16(b[32:]))
	n := centralLen + nameLen + extraLen + commentLen
	if len(b) < n {
		return Entry{}, 0, errors.New("record runs past the directory")
	}
	e := Entry{
		Flags:            le16(b[8:]),
		Method:           le16(b[10:]),
		CompressedSize:   uint64(le32(b[20:])),
		UncompressedSize: uint64(le32(b[24:])),
		Offset:           uint64(le32(b[42:])),
		Name:             string(b[centralLen : centralLen+nameLen]),
	}
	extra := b[centralLen+nameLen : centralLen+nameLen+extraLen]
	for len(extra) >= 4 {
		id, size := le16(extra), int(le16(extra[2:]))
		if len(extra) < 4+size {
			break
		}
		field := extra[4 : 4+size]
		if id == zip64ExtraID {
			// Only the fields that are all ones in the record follow, in
			// this order (APPNOTE.TXT 4.5.3).
			for _, p := range []*uint64{&e.UncompressedSize, &e.CompressedSize, &e.Offset} {
				if *p != 0xffffffff {
					continue
				}
				if len(field) < 8 {
					return Entry{}, 0, errors.New("short zip64 extra field")
				}
				*p, field = le64(field), field[8:]
			}
		}
		extra = extra[4+size:]
	}
	return e, n, nil
}

// byOffset returns the entries in the order of their data in the file.
func (d Directory) byOffset() []Entry {
	es := append([]Entry(nil), d.Entries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Offset < es[j].Offset })
	return es
}

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }
