package parse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The zip guard seen from Parse: DOCX and XLSX zip bombs of 1 GiB are
// refused with a one-line error naming the file and the reason, and the
// heap grows by less than 50 MiB while they are refused.

const zgBombSize = 1 << 30

var (
	zgOnce sync.Once
	zgRaw  []byte
	zgCRC  uint32
)

// zgStream is a raw deflate stream of an XML start followed by '0's, 1 GiB
// in all (about 1 MB compressed), built once.
func zgStream() ([]byte, uint32) {
	zgOnce.Do(func() {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		crc := crc32.NewIEEE()
		w := io.MultiWriter(fw, crc)
		prefix := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
		io.WriteString(w, prefix)
		chunk := bytes.Repeat([]byte{'0'}, 1<<20)
		for left := zgBombSize - len(prefix); left > 0; left -= len(chunk) {
			w.Write(chunk[:min(left, len(chunk))])
		}
		fw.Close()
		zgRaw, zgCRC = buf.Bytes(), crc.Sum32()
	})
	return zgRaw, zgCRC
}

// zgBomb is a package whose entry expands to 1 GiB while its header
// declares declared bytes; a few honest small parts come first.
func zgBomb(t *testing.T, entry string, declared uint64) []byte {
	t.Helper()
	raw, crc := zgStream()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		w, _ := zw.Create(name)
		io.WriteString(w, `<?xml version="1.0"?><x/>`)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: entry, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zgManyEntries(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.Create("word/document.xml")
	for i := range n {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/e%d", i), Method: zip.Store})
	}
	zw.Close()
	return buf.Bytes()
}

// zgPeakHeap runs f and returns its error and the largest growth of
// HeapAlloc seen while it ran, sampled every millisecond.
func zgPeakHeap(f func() error) (error, uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var (
		mu   sync.Mutex
		peak uint64
	)
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		if m.HeapAlloc > base {
			peak = max(peak, m.HeapAlloc-base)
		}
		mu.Unlock()
	}
	done, stopped := make(chan struct{}), make(chan struct{})
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

func TestParseRefusesZipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GiB zip bomb")
	}
	cases := []struct {
		file   string
		data   []byte
		reason string
	}{
		{"bomb.docx", zgBomb(t, "word/document.xml", zgBombSize), "entry too large"},
		{"lying.docx", zgBomb(t, "word/document.xml", 4096), "larger than its header declares"},
		{"lying-15m.docx", zgBomb(t, "word/document.xml", 15<<20), "text without markup"},
		{"many.docx", zgManyEntries(5000), "too many entries"},
		{"bomb.xlsx", zgBomb(t, "xl/worksheets/sheet1.xml", zgBombSize), "entry too large"},
		{"lying.xlsx", zgBomb(t, "xl/worksheets/sheet1.xml", 15<<20), "larger than its header declares"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			err, peak := zgPeakHeap(func() error {
				_, err := Parse(c.file, c.data)
				return err
			})
			t.Logf("%d KiB: %v; heap +%.1f MiB", len(c.data)>>10, err, float64(peak)/(1<<20))
			if err == nil {
				t.Fatal("bomb accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.file+": ") || !strings.Contains(msg, c.reason) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming %s and saying %q", msg, c.file, c.reason)
			}
			if peak >= 50<<20 {
				t.Errorf("heap grew by %.1f MiB; want under 50 MiB", float64(peak)/(1<<20))
			}
		})
	}
}

func TestParseRefusesBrokenPackages(t *testing.T) {
	seed := fxSeedDOCX(t)
	cases := []struct {
		file, reason string
		data         []byte
	}{
		{"truncated.docx", "not a zip archive", seed[:len(seed)-100]},
		{"empty-zip.docx", "entry missing", fxZip(t)},
		{"no-body.docx", "entry missing", fxZip(t, "word/styles.xml", "<w:styles/>")},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			_, err := Parse(c.file, c.data)
			if err == nil {
				t.Fatal("accepted")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, c.file+": ") || !strings.Contains(msg, c.reason) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming %s and saying %q", msg, c.file, c.reason)
			}
		})
	}
}

// fxZip is a zip of name, content pairs.
func fxZip(t *testing.T, kv ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(kv); i += 2 {
		w, _ := zw.Create(kv[i])
		io.WriteString(w, kv[i+1])
	}
	zw.Close()
	return buf.Bytes()
}
