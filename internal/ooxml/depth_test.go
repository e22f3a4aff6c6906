package ooxml

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

// nest wraps a paragraph in n open and close tags of elem.
func nest(elem string, n int) string {
	return strings.Repeat("<w:"+elem+">", n) + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + strings.Repeat("</w:"+elem+">", n)
}

func TestReadBodyDepth(t *testing.T) {
	tests := []struct {
		name string
		body string
		ok   bool
	}{
		{"content controls within the limit", nest("sdt", MaxDepth-10), true},
		{"content controls past the limit", nest("sdt", MaxDepth), false},
		{"paragraphs past the limit", nest("p", MaxDepth), false},
		// rPr is skipped whole: the skip holds the limit too.
		{"inside a skipped element", "<w:p><w:r><w:rPr>" + nest("b", MaxDepth) + "</w:rPr></w:r></w:p>", false},
		{"unknown elements past the limit", nest("x", MaxDepth+5), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBody(strings.NewReader(rbBody(tt.body)))
			if tt.ok && err != nil {
				t.Fatalf("got %v; want no error", err)
			}
			if !tt.ok && !errors.Is(err, ErrBadBody) {
				t.Fatalf("got %v; want ErrBadBody", err)
			}
		})
	}
}

// TestNestedDOCXMemory reads the shape of the outside test's DOCX (about
// 160 KB nesting paragraphs 1.4 million deep, which took 205 MB): the
// reader stops at MaxDepth having allocated little.
func TestNestedDOCXMemory(t *testing.T) {
	for _, elem := range []string{"p", "sdt"} {
		t.Run(elem, func(t *testing.T) {
			data := ooxmltest.NestedDOCX(elem, 1_000_000)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			a, err := Open(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := a.Open("word/document.xml")
			if err != nil {
				t.Fatal(err)
			}
			_, err = ReadBody(rc)
			rc.Close()
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrBadBody) {
				t.Fatalf("got %v; want ErrBadBody", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
				t.Errorf("reading a %d-byte nested DOCX allocated %d bytes; want under 8 MiB", len(data), alloc)
			}
		})
	}
}

func TestNestedDOCXPassesZipGuard(t *testing.T) {
	// The generator must make what the guard lets through, or the test
	// above would prove nothing.
	data := ooxmltest.NestedDOCX("p", 1_000_000)
	a, err := Open(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CheckAll(); err != nil {
		t.Fatalf("the zip guard refuses the nested DOCX: %v", err)
	}
	if n := a.Size("word/document.xml"); n < 8<<20 || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("document.xml is %d bytes; want a deep body", n)
	}
}
