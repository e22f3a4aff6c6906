package ooxml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildZip returns a zip archive holding the given entries, deflated, in
// the order given.
func buildZip(t testing.TB, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, entries[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// BombSize is the uncompressed size of the zip bombs: 1 GiB.
const bombSize = 1 << 30

var (
	bombOnce    sync.Once
	bombDeflate []byte // raw deflate stream of the bomb's content
	bombCRC     uint32
)

// bombStream returns a raw deflate stream of an XML prefix followed by
// zeros ('0' characters) up to bombSize bytes, built once (about 1 MB).
func bombStream(t testing.TB) ([]byte, uint32) {
	t.Helper()
	bombOnce.Do(func() {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		crc := crc32.NewIEEE()
		w := io.MultiWriter(fw, crc)
		prefix := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
		io.WriteString(w, prefix)
		chunk := bytes.Repeat([]byte{'0'}, 1<<20)
		left := bombSize - len(prefix)
		for left > 0 {
			n := min(left, len(chunk))
			w.Write(chunk[:n])
			left -= n
		}
		fw.Close()
		bombDeflate, bombCRC = buf.Bytes(), crc.Sum32()
	})
	return bombDeflate, bombCRC
}

// bomb returns a zip archive whose word/document.xml expands to 1 GiB;
// its headers declare declared bytes (bombSize when honest).
func bomb(t testing.TB, declared uint64) []byte {
	t.Helper()
	raw, crc := bombStream(t)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	return buf.Bytes()
}

// manyEntries returns a zip archive of n empty entries.
func manyEntries(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("e%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	return buf.Bytes()
}

// peakHeap runs f while sampling the heap and returns f's error and the
// largest HeapAlloc seen above the heap before f ran.
func peakHeap(f func() error) (error, uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	stopped := make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		if m.HeapAlloc > base && m.HeapAlloc-base > peak {
			peak = m.HeapAlloc - base
		}
		mu.Unlock()
	}
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	err := f()
	sample()
	close(done)
	<-stopped
	return err, peak
}

func readMain(data []byte) error {
	a, err := Open(data, DefaultLimits)
	if err != nil {
		return err
	}
	rc, err := a.Open("word/document.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = ReadBody(rc)
	return err
}

// readMainRaised reads the body with limits that let a 1 GiB entry
// through, so that only the streaming guards stand between it and memory.
func readMainRaised(data []byte) error {
	a, err := Open(data, Limits{MaxEntries: 10, MaxEntrySize: 2 << 30, MaxTotalSize: 2 << 30, MaxRatio: 1 << 20, RatioFloor: 1 << 20})
	if err != nil {
		return err
	}
	rc, err := a.Open("word/document.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = ReadBody(rc)
	return err
}

func readAllEntries(data []byte) error {
	a, err := Open(data, DefaultLimits)
	if err != nil {
		return err
	}
	for _, n := range a.Names() {
		if _, err := a.ReadFile(n); err != nil {
			return err
		}
	}
	return nil
}

func TestZipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GiB zip bomb")
	}
	cases := []struct {
		name string
		data []byte
		read func([]byte) error
		want error
	}{
		{"honest header, body", bomb(t, bombSize), readMain, ErrTooLarge},
		{"honest header, all entries", bomb(t, bombSize), readAllEntries, ErrTooLarge},
		{"lying header, body", bomb(t, 4096), readMain, nil},
		{"lying header, all entries", bomb(t, 4096), readAllEntries, ErrSizeMismatch},
		{"header declares just under the limit", bomb(t, 15<<20), readAllEntries, ErrSizeMismatch},
		{"many entries", manyEntries(t, 20000), readAllEntries, ErrTooMany},
		{"limits raised, body streamed", bomb(t, bombSize), readMainRaised, ErrBadBody},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err, peak := peakHeap(func() error { return c.read(c.data) })
			t.Logf("%d KiB compressed; error %v; peak heap +%.1f MiB", len(c.data)>>10, err, float64(peak)/(1<<20))
			if err == nil {
				t.Fatal("bomb accepted")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans lines", err)
			}
			if peak > 50<<20 {
				t.Errorf("peak heap +%d MiB; want under 50 MiB", peak>>20)
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	good := buildZip(t, "word/document.xml", "<w:document/>")
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotZip},
		{"text", []byte("宁波市北仑区司法局2022年度政府信息公开年度报告"), ErrNotZip},
		{"truncated", good[:len(good)/2], ErrNotZip},
		{"truncated directory", good[:len(good)-5], ErrNotZip},
		{"too many entries", manyEntries(t, DefaultLimits.MaxEntries+1), ErrTooMany},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.data, DefaultLimits)
			if !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
		})
	}
}

func TestArchiveLimits(t *testing.T) {
	big := strings.Repeat("<w:p/>", 100000) // 600 KB, compresses ~1000:1
	data := buildZip(t, "a.xml", big, "b.xml", "x")
	t.Run("total over repeated reads", func(t *testing.T) {
		a, err := Open(data, Limits{MaxEntries: 10, MaxEntrySize: 1 << 20, MaxTotalSize: 2 << 20, MaxRatio: 10000, RatioFloor: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		var last error
		for range 5 {
			if _, last = a.ReadFile("a.xml"); last != nil {
				break
			}
		}
		if !errors.Is(last, ErrTotalTooBig) {
			t.Errorf("got %v; want %v", last, ErrTotalTooBig)
		}
	})
	t.Run("ratio", func(t *testing.T) {
		_, err := Open(data, Limits{MaxEntries: 10, MaxEntrySize: 1 << 20, MaxTotalSize: 2 << 20, MaxRatio: 100, RatioFloor: 1 << 10})
		if !errors.Is(err, ErrRatio) {
			t.Errorf("got %v; want %v", err, ErrRatio)
		}
	})
	t.Run("entry size", func(t *testing.T) {
		_, err := Open(data, Limits{MaxEntries: 10, MaxEntrySize: 1 << 10, MaxTotalSize: 2 << 20, MaxRatio: 10000, RatioFloor: 1 << 20})
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("got %v; want %v", err, ErrTooLarge)
		}
	})
	t.Run("missing entry", func(t *testing.T) {
		a, err := Open(data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.ReadFile("word/document.xml"); !errors.Is(err, ErrMissing) {
			t.Errorf("got %v; want %v", err, ErrMissing)
		}
		if !a.Has("A.XML") {
			t.Error("Has is case-sensitive; want case-insensitive")
		}
		if err := a.CheckAll(); err != nil {
			t.Errorf("CheckAll: %v", err)
		}
	})
}

func TestMainPart(t *testing.T) {
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`
	cases := []struct {
		name string
		zip  []byte
		want string
	}{
		{"no rels", buildZip(t, "word/document.xml", "x"), "word/document.xml"},
		{"rels", buildZip(t, "_rels/.rels", rels), "word/document2.xml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Open(c.zip, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			got, err := MainPart(a, "word/document.xml")
			if err != nil || got != c.want {
				t.Errorf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func FuzzOpen(f *testing.F) {
	f.Add(buildZip(f, "word/document.xml", `<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`))
	f.Add(buildZip(f, "a", "b", "c", strings.Repeat("d", 5000)))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Open(data, Limits{MaxEntries: 50, MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 100, RatioFloor: 1 << 16})
		if err != nil {
			return
		}
		for _, n := range a.Names() {
			b, err := a.ReadFile(n)
			if err == nil && len(b) > 1<<20 {
				t.Fatalf("%s: read %d bytes past the limit", n, len(b))
			}
		}
	})
}

func TestRels(t *testing.T) {
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="x/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="x/aFChunk" Target="../chunks/a.mht"/>` +
		`<Relationship Id="rId3" Type="x/hyperlink" Target="http://example.gov.cn/" TargetMode="External"/>` +
		`<Relationship Id="rId4" Type="x/aFChunk" Target="/word/b.htm"/></Relationships>`
	a, err := Open(buildZip(t, "word/_rels/document.xml.rels", rels), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Rels(a, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"rId1": "word/styles.xml", "rId2": "chunks/a.mht", "rId4": "word/b.htm"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v; want %v", got, want)
	}
}
