package parse

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/pdftext"
)

// TestPDFStopsWithContext: pdftotext runs under the caller's context, so a
// cancelled upload or corpus run kills it instead of waiting for
// PDFTimeout. A stand-in program marks that it started, then hangs.
func TestPDFStopsWithContext(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("shell script stand-in")
	}
	dir := t.TempDir()
	mark := filepath.Join(dir, "started")
	fake := filepath.Join(dir, "pdftotext")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\ntouch '"+mark+"'\nexec sleep 600\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := pdftext.Program
	pdftext.Program = fake
	t.Cleanup(func() { pdftext.Program = old })

	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := ParseContext(ctx, "a.pdf", []byte("%PDF-1.4\n"))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("ParseContext = %v; want context.Canceled", err)
		}
	})
	t.Run("cancelled while running", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		go func() {
			_, err := ParseContext(ctx, "a.pdf", []byte("%PDF-1.4\n"))
			done <- err
		}()
		for i := 0; ; i++ {
			if _, err := os.Stat(mark); err == nil {
				break
			}
			if i == 1000 {
				t.Fatal("the stand-in pdftotext never started")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("ParseContext = %v; want context.Canceled", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("pdftotext kept running after the context was cancelled")
		}
	})
}
