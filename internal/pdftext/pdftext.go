// Package pdftext runs poppler's pdftotext on a PDF held in memory, under
// the caller's context, with a timeout and a bound on its output. gongkai
// reads PDFs only through it: there is no PDF parser in the binary.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// Timeout bounds one run when the caller's context has no earlier deadline.
const Timeout = 60 * time.Second

// ErrNotInstalled is returned when the pdftotext program is not installed.
var ErrNotInstalled = errors.New("读取 PDF 需要 pdftotext，请安装 poppler-utils（apt install poppler-utils）; pdftotext not found")

// ErrTooLarge is wrapped when the text would exceed the caller's bound.
var ErrTooLarge = errors.New("pdftotext: 输出过大 (output too large)")

// Program is the program run; tests may point it elsewhere.
var Program = "pdftotext"

// Text runs pdftotext with args (e.g. "-layout") on data and returns its
// UTF-8 output, at most max bytes. It stops the program when ctx ends.
func Text(ctx context.Context, data []byte, max int, args ...string) (string, error) {
	bin, err := exec.LookPath(Program)
	if err != nil {
		return "", ErrNotInstalled
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(parent, Timeout)
	defer cancel()
	argv := append([]string{"-q", "-enc", "UTF-8"}, args...)
	argv = append(argv, "-", "-")
	cmd := exec.CommandContext(ctx, bin, argv...)
	cmd.Stdin = bytes.NewReader(data)
	out := &limited{max: max}
	stderr := &limited{max: 4096}
	cmd.Stdout, cmd.Stderr = out, stderr
	if err := cmd.Run(); err != nil {
		switch {
		case parent.Err() != nil:
			return "", fmt.Errorf("pdftotext: 已取消 (cancelled): %w", parent.Err())
		case ctx.Err() != nil:
			return "", fmt.Errorf("pdftotext: 超时（%s）: %w", Timeout, ctx.Err())
		case out.over:
			return "", ErrTooLarge
		}
		msg := bytes.TrimSpace(stderr.Bytes())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return "", fmt.Errorf("pdftotext: 无法读取 PDF（%s）: %w", msg, err)
	}
	return out.String(), nil
}

// limited is a bytes.Buffer that fails writes past max.
type limited struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limited) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("output too large")
	}
	return b.Buffer.Write(p)
}
