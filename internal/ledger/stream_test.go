package ledger_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

// countingReader counts the bytes a reader took from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// generated streams size bytes from write without holding them.
func generated(size int64, write func(w io.Writer, size int64, seed uint64) error) io.Reader {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(write(pw, size, 1)) }()
	return pr
}

// TestReadStopsEarly: a file that is clearly not a ledger is refused
// after a small part of it has been read, with a problem naming the line
// where that is known.
func TestReadStopsEarly(t *testing.T) {
	header := "申请编号,收到日期,申请人类型\r\n"
	tests := []struct {
		name    string
		input   func() io.Reader
		maxRead int64
		want    string
	}{
		{"binary garbage", func() io.Reader { return generated(64<<20, gen.Garbage) }, 1 << 20,
			"文件编码无法识别"},
		{"text garbage without a header", func() io.Reader { return generated(64<<20, gen.GarbageText) }, 1 << 20,
			"找不到表头"},
		{"a quote never closed", func() io.Reader {
			// The rest of the file (64 MB) is one quoted cell.
			return io.MultiReader(strings.NewReader(header+"YSQ-1,2024-01-02,自然人\r\nYSQ-2,\""), io.LimitReader(letters{}, 64<<20))
		}, 3 << 20, "第 3 行：一行超过 1024 KB"},
		{"a header, then rows of garbage", func() io.Reader {
			return io.MultiReader(strings.NewReader(header), strings.NewReader(strings.Repeat("x,y,z\r\n", 1_000_000)))
		}, 1 << 20, fmt.Sprintf("错误超过 %d 处，已停止检查", ledger.MaxProblems)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := &countingReader{r: tt.input()}
			_, err := ledger.Read(cr)
			var ps ledger.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v; want Problems", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %s; want it to say %q", firstLines(err.Error(), 3), tt.want)
			}
			if cr.n > tt.maxRead {
				t.Errorf("read %d bytes before refusing; want at most %d", cr.n, tt.maxRead)
			}
			if len(ps) > ledger.MaxProblems+1 {
				t.Errorf("got %d problems; want at most %d", len(ps), ledger.MaxProblems+1)
			}
		})
	}
}

// letters reads as an endless run of "a\n".
type letters struct{}

func (letters) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "a\n"[i%2]
	}
	return len(p), nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], " / ")
}

// TestGarbageCSV200MB is the outside test's input (200 MB of garbage,
// which took 1.23 GB): made on the fly, refused after the first sample.
func TestGarbageCSV200MB(t *testing.T) {
	if testing.Short() {
		t.Skip("200 MB generated input; not in -short")
	}
	for name, write := range map[string]func(io.Writer, int64, uint64) error{"binary": gen.Garbage, "text": gen.GarbageText} {
		t.Run(name, func(t *testing.T) {
			cr := &countingReader{r: generated(200<<20, write)}
			peak := peakHeap(t, func() {
				if _, err := ledger.Read(cr); err == nil {
					t.Error("garbage read as a ledger")
				}
			})
			if cr.n > 1<<20 {
				t.Errorf("read %d bytes of garbage; want at most 1 MiB", cr.n)
			}
			if peak > 16<<20 {
				t.Errorf("peak heap %d bytes; want under 16 MiB", peak)
			}
		})
	}
}

// TestReadXLSXStreams reads a workbook shaped as Excel saves it (shared
// strings) row by row: the heap stays far below what the sheet and its
// strings expand to, because neither is held in memory.
func TestReadXLSXStreams(t *testing.T) {
	l := genLedger(30_000, 3)
	var csvBuf bytes.Buffer
	if err := ledger.WriteCSV(&csvBuf, l); err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	_, err := ledger.ReadTable(bytes.NewReader(csvBuf.Bytes()), func(next ledger.RowFunc) (struct{}, error) {
		for {
			cells, _, err := next()
			if err != nil {
				return struct{}{}, nil
			}
			rows = append(rows, append([]string(nil), cells...))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var xlsx bytes.Buffer
	if err := ooxmltest.SharedStringsXLSX(&xlsx, len(rows), func(i int) []string { return rows[i] }); err != nil {
		t.Fatal(err)
	}
	data := xlsx.Bytes()
	rows = nil
	n := 0
	peak := peakHeap(t, func() {
		_, err := ledger.ReadTable(bytes.NewReader(data), func(next ledger.RowFunc) (struct{}, error) {
			for {
				_, _, err := next()
				if err == io.EOF {
					return struct{}{}, nil
				}
				if err != nil {
					return struct{}{}, err
				}
				n++
			}
		})
		if err != nil {
			t.Error(err)
		}
	})
	if n != 30_001 {
		t.Fatalf("read %d rows; want 30001", n)
	}
	// The compressed workbook is in memory (about 1.3 MB); its sheet and
	// shared strings expand to about 12 MB, which the reader used to hold
	// (with the strings parsed into structures several times larger).
	if peak > int64(len(data))+8<<20 {
		t.Errorf("peak heap %d bytes reading a %d-byte workbook; want under %d", peak, len(data), int64(len(data))+8<<20)
	}
}

// peakHeap runs fn and returns the largest live heap seen above the heap
// before it, sampled every millisecond (a lower bound of the true peak).
func peakHeap(t *testing.T, fn func()) int64 {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := int64(ms.HeapAlloc)
	var (
		mu   sync.Mutex
		peak int64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, int64(m.HeapAlloc)-base)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}
