package parse

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/pdftext"
)

// TestParseErrors checks that bad inputs give one line naming the file
// and the reason, never a panic.
func TestParseErrors(t *testing.T) {
	big := make([]byte, MaxSize+1)
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"empty", "a.txt", nil, "a.txt: 文件为空"},
		{"blank", "a.txt", []byte(" \n\t\n"), "a.txt: 文件为空"},
		{"too large", "big.txt", big, "big.txt: 文件过大"},
		{"legacy doc", "old.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "old.doc: 不支持旧的 .doc/.xls 格式"},
		{"binary", "bin.txt", []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14"), "bin.txt: read text: textenc:"},
		{"not a report", "prose.txt", []byte("今天天气很好。\n"), "prose.txt: 找不到表三（收到和处理政府信息公开申请情况）"},
		{"too many cells", "many.txt", []byte(strings.Repeat("0|", MaxCells+10)), "many.txt: 文档过大"},
		{"bad json", "r.json", []byte(`{"schema": "gongkai.annual-report/v1", "template": "1999"}`), "r.json: report json:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, tt.data)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v; want one line starting %q", err, tt.want)
			}
		})
	}
	if _, err := Parse("big.txt", big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v; want ErrTooLarge", err)
	}
}

func TestFileErrors(t *testing.T) {
	if _, err := File("testdata/no-such-file.txt"); err == nil || !strings.HasPrefix(err.Error(), "testdata/no-such-file.txt: 无法打开文件") {
		t.Errorf("got %v; want an open error naming the file", err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if _, err := File(p); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v; want ErrTooLarge before reading", err)
	}
}

func TestPDFWithoutPDFToText(t *testing.T) {
	old := pdftext.Program
	pdftext.Program = "pdftotext-not-installed"
	defer func() { pdftext.Program = old }()
	_, err := Parse("r.pdf", []byte("%PDF-1.4\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "r.pdf: ") || !strings.Contains(err.Error(), "poppler-utils") || !errors.Is(err, ErrNoPDFToText) {
		t.Errorf("got %v; want an error naming the file and poppler-utils", err)
	}
}

func TestPDFBroken(t *testing.T) {
	needPDFToText(t)
	_, err := Parse("broken.pdf", []byte("%PDF-1.4\nnot really a pdf\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "broken.pdf: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got %v; want a one-line error naming the file", err)
	}
}

func TestParseJSON(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "2022-ningbo-beilun-sifaju.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("seed.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if r.Agency != "宁波市北仑区司法局" || r.Year != 2022 {
		t.Errorf("got %q %d; want the seed's agency and year", r.Agency, r.Year)
	}
}

// TestParseMemoryBounded parses the largest accepted text, one value per
// line, and checks that it is refused without holding more than a few
// times the input in memory.
func TestParseMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 64 MiB")
	}
	data := bytes.Repeat([]byte("0\n"), MaxSize/2)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse("big.txt", data)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.HasPrefix(err.Error(), "big.txt: ") {
		t.Errorf("got %v; want an error naming the file", err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d MiB for a %d MiB input", alloc>>20, len(data)>>20)
	if alloc > 4*MaxSize {
		t.Errorf("allocated %d MiB; want at most %d MiB", alloc>>20, 4*MaxSize>>20)
	}
}
