package pdftext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestNotInstalled(t *testing.T) {
	old := Program
	Program = "gongkai-no-such-pdftotext"
	defer func() { Program = old }()
	if _, err := Text(context.Background(), []byte("%PDF-1.4"), 1<<20); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("err = %v; want ErrNotInstalled", err)
	}
}

// TestCancel runs a stand-in program that never ends: cancelling the
// caller's context must stop it at once.
func TestCancel(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	slow := filepath.Join(dir, "pdftotext")
	if err := os.WriteFile(slow, []byte("#!"+sh+"\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := Program
	Program = slow
	defer func() { Program = old }()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	done := make(chan error, 1)
	go func() { _, err := Text(ctx, nil, 1<<20); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v; want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("pdftotext was not stopped when the context ended")
	}
}
