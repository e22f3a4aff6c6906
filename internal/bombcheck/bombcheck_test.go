package bombcheck

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

// inspect runs Inspect on data as an upload would: the tail kept while
// it streamed in chunks of 7 KiB, then the stored bytes read back.
func inspect(t testing.TB, data []byte) Flag {
	t.Helper()
	var tail Tail
	for b := data; len(b) > 0; {
		n := min(len(b), 7<<10)
		tail.Write(b[:n])
		b = b[n:]
	}
	f, err := Inspect(&tail, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return f
}

// zipOf zips name/content pairs, deflated.
func zipOf(parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, _ := zw.Create(parts[i])
		io.WriteString(w, parts[i+1])
	}
	zw.Close()
	return buf.Bytes()
}

// rawZip stores one entry whose header declares size bytes while its
// deflated data expands to real bytes of zeros.
func rawZip(name string, declared uint64, real int) []byte {
	var data bytes.Buffer
	fw, _ := flate.NewWriter(&data, flate.BestCompression)
	fw.Write(make([]byte, real))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(data.Len()), UncompressedSize64: declared})
	w.Write(data.Bytes())
	zw.Close()
	return buf.Bytes()
}

// overlapping returns a zip whose second directory entry points at the
// first entry's data (the shape of Fifield's "better zip bomb").
func overlapping() []byte {
	data := zipOf("word/a.xml", strings.Repeat("<a/>", 100), "word/b.xml", strings.Repeat("<b/>", 100))
	sig := []byte{0x50, 0x4b, 0x01, 0x02}
	first := bytes.Index(data, sig)
	second := first + 1 + bytes.Index(data[first+1:], sig)
	binary.LittleEndian.PutUint32(data[second+42:], 0)
	return data
}

func xlsx(rows int) []byte {
	var buf bytes.Buffer
	ooxmltest.SharedStringsXLSX(&buf, rows, func(i int) []string {
		return []string{fmt.Sprintf("依申请公开 %d", i), "浙江省", fmt.Sprint(i * 37)}
	})
	return buf.Bytes()
}

func docx() []byte {
	var buf bytes.Buffer
	ooxml.NewDocument().Write(&buf)
	return buf.Bytes()
}

func TestInspect(t *testing.T) {
	nested := zipOf("a.zip", string(zipOf("b.zip", string(zipOf("c.zip", string(zipOf("d.txt", "x")))))))
	for _, tc := range []struct {
		name string
		data []byte
		code string
	}{
		{"empty DOCX", docx(), ""},
		{"XLSX of 20,000 rows", xlsx(20000), ""},
		{"DOCX nested 50 deep", ooxmltest.NestedDOCX("tbl", 50), ""},
		{"DOCX with an XLSX embedded", zipOf("[Content_Types].xml", "<Types/>", "word/embeddings/Microsoft_Excel_Worksheet.xlsx", string(xlsx(50))), ""},
		{"zip of a DOCX", zipOf("申请材料/附件.docx", string(docx())), ""},
		{"comments, CDATA and quoted brackets", zipOf("x.xml", `<?xml version="1.0"?><!-- <!DOCTYPE --><a t="<b>"><![CDATA[<!ENTITY <c>]]></a>`), ""},
		{"zip bomb", ooxmltest.ZipBomb(3, 64<<20), CodeRatio},
		{"entity bomb DOCX", ooxmltest.EntityBombDOCX(9), CodeDTD},
		{"DTD without entities", zipOf("word/document.xml", `<?xml version="1.0"?><!DOCTYPE w SYSTEM "http://x/">`+"<w/>"), CodeDTD},
		{"DOCX nested 100,000 deep", ooxmltest.NestedDOCX("sdt", 100000), CodeXMLDepth},
		{"12,000 entries", ooxmltest.ManyEntries(12000), CodeEntries},
		{"a directory over 1 MiB", ooxmltest.ManyEntries(30000), CodeDirectory},
		{"an entry declaring 5 GiB", rawZip("word/document.xml", 5<<30, 1000), CodeSize},
		{"an entry expanding beyond its declared size", rawZip("xl/worksheets/sheet1.xml", 1000, 20<<20), CodeLies},
		{"a media entry expanding beyond its declared size", rawZip("word/media/image1.png", 1000, 20<<20), CodeLies},
		{"overlapping entries", overlapping(), CodeOverlap},
		{"zips nested four deep", nested, CodeNested},
		{"a zip bomb inside a zip", zipOf("inner.zip", string(ooxmltest.ZipBomb(2, 32<<20))), CodeNested},
		{"a zip bomb inside a DOCX", zipOf("word/embeddings/x.xlsx", string(ooxmltest.ZipBomb(2, 32<<20))), CodeNested},
		{"PK but no directory", []byte("PK\x03\x04 this is not a zip at all"), CodeDirectory},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := inspect(t, tc.data)
			if f.Code != tc.code {
				t.Errorf("Inspect = %q; want code %q", f, tc.code)
			}
			if f.Code != "" && (Parse(f.String()) != f || len(f.Detail) > maxFlagDetails+3) {
				t.Errorf("flag %q does not round-trip or is too long", f)
			}
		})
	}
}

// TestInspectMemoryIsBounded inspects a zip bomb that declares small
// sizes but expands to 1 GiB in all: the stream stops at the declared
// size, so the heap never holds more than a few buffers.
func TestInspectMemoryIsBounded(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 16 {
		var data bytes.Buffer
		fw, _ := flate.NewWriter(&data, flate.BestSpeed)
		io.CopyN(fw, zeroReader{}, 64<<20)
		fw.Close()
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("p/%d.bin", i), Method: zip.Deflate,
			CompressedSize64: uint64(data.Len()), UncompressedSize64: 64 << 20})
		w.Write(data.Bytes())
	}
	zw.Close()
	data := buf.Bytes()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f := inspect(t, data)
	runtime.ReadMemStats(&after)
	if f.Code != CodeRatio {
		t.Errorf("Inspect = %q; want %s", f, CodeRatio)
	}
	// The declared ratio gives it away before anything is inflated; the
	// allocations are the tail and a few buffers.
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("Inspect allocated %d MiB", got>>20)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestTail(t *testing.T) {
	data := make([]byte, 3*TailSize+12345)
	for i := range data {
		data[i] = byte(i * 31 / 7)
	}
	for _, chunk := range []int{1, 1000, TailSize - 1, TailSize, TailSize + 1, len(data)} {
		var tail Tail
		n := 0
		if chunk == 1 {
			n = len(data) - 3000 // one byte at a time would be slow; write the rest at once
			tail.Write(data[:n])
		}
		for n < len(data) {
			k := min(chunk, len(data)-n)
			tail.Write(data[n : n+k])
			n += k
		}
		if tail.Size() != int64(len(data)) || !bytes.Equal(tail.Bytes(), data[len(data)-TailSize:]) {
			t.Errorf("chunk %d: size %d, tail differs", chunk, tail.Size())
		}
	}
	var short Tail
	short.Write([]byte("PK"))
	if !bytes.Equal(short.Bytes(), []byte("PK")) {
		t.Errorf("short tail = %q", short.Bytes())
	}
}

func TestReadDirectoryZip64(t *testing.T) {
	data := rawZip("big.xml", 5<<30, 10)
	d, err := ReadDirectory(data, int64(len(data)))
	if err != nil || len(d.Entries) != 1 || d.Entries[0].UncompressedSize != 5<<30 {
		t.Fatalf("ReadDirectory = %+v, %v", d, err)
	}
	// Bytes prepended to the archive (a self-extracting stub) move its
	// base, not its entries.
	pre := append([]byte("MZ stub "), data...)
	d, err = ReadDirectory(pre, int64(len(pre)))
	if err != nil || d.Base != 8 {
		t.Errorf("prefixed: %+v, %v", d, err)
	}
}

func FuzzReadDirectory(f *testing.F) {
	f.Add(docx())
	f.Add(rawZip("a.xml", 5<<30, 10))
	f.Add(overlapping())
	f.Add(ooxmltest.ManyEntries(3))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ReadDirectory(data, int64(len(data)))
		if err == nil && d.Start > int64(len(data)) {
			t.Errorf("directory starts at %d of %d", d.Start, len(data))
		}
		if IsZip(data) {
			inspect(t, data) // must not panic or fail on its own bytes
		}
	})
}

func FuzzScanXML(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><a b="<>"><!-- x --><c/></a>`))
	f.Add(ooxmltest.EntityBomb(3))
	f.Fuzz(func(t *testing.T, data []byte) {
		f := scanXML("x.xml", bytes.NewReader(data))
		if f.Code != "" && f.Code != CodeDTD && f.Code != CodeXMLDepth {
			t.Errorf("scanXML = %q", f)
		}
	})
}

// TestNestedArchivesShareTheBudget: thirty nested zips of a hundred 1 MiB
// parts each (none over a limit on its own) would be 3 GiB to inflate;
// the nested archives spend the outer file's budget, so the whole costs
// at most InflateBudget.
func TestNestedArchivesShareTheBudget(t *testing.T) {
	var parts []string
	for i := range 100 {
		parts = append(parts, fmt.Sprintf("p%d.xml", i), "<a>"+strings.Repeat(" ", 1<<20-100)+"</a>")
	}
	inner := string(zipOf(parts...))
	var outer []string
	for i := range 30 {
		outer = append(outer, fmt.Sprintf("n%d.zip", i), inner)
	}
	data := zipOf(outer...)
	d, err := ReadDirectory(data, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	budget := int64(InflateBudget)
	s := &stream{r: bufio.NewReader(bytes.NewReader(data)), budget: &budget}
	if f, err := s.entries(d, 0); f.Code != "" || err != nil {
		t.Fatalf("entries = %q, %v", f, err)
	}
	if budget > 1<<20 {
		t.Errorf("%d MiB of the budget left after 3 GiB of nested parts; the nested archives did not spend it", budget>>20)
	}
}
