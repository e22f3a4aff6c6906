package scan

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

// TestNestedDOCXRefused: a small DOCX nesting elements a million deep is
// unreadable once it passes ooxml.MaxDepth, read with bounded memory.
func TestNestedDOCXRefused(t *testing.T) {
	data := ooxmltest.NestedDOCX("sdt", 1_000_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Document(context.Background(), "nested.docx", data)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("got %v; want ErrUnreadable", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("scanning a %d-byte nested DOCX allocated %d bytes; want under 8 MiB", len(data), alloc)
	}
}
