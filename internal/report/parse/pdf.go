package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"

	"github.com/gongkai/gongkai/internal/pdftext"

	"github.com/gongkai/gongkai/internal/report"
)

// PDFTimeout bounds one pdftotext run.
const PDFTimeout = 60 * time.Second

// ErrNoPDFToText is wrapped when the pdftotext program is not installed.
var ErrNoPDFToText = errors.New("读取 PDF 需要 pdftotext，请安装 poppler-utils（apt install poppler-utils）; pdftotext not found")

// pdftotext is the program run; a variable so tests can point it elsewhere.
var pdftotext = "pdftotext"

// pdfText runs pdftotext on data, with -layout when layout is true, and
// returns its output (UTF-8), bounded to MaxSize. The program runs under
// ctx (and PDFTimeout): a cancelled upload or corpus run kills it.
func pdfText(parent context.Context, data []byte, layout bool) (string, error) {
	bin, err := exec.LookPath(pdftotext)
	if err != nil {
		return "", ErrNoPDFToText
	}
	ctx, cancel := context.WithTimeout(parent, PDFTimeout)
	defer cancel()
	args := []string{"-q", "-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	args = append(args, "-", "-")
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = bytes.NewReader(data)
	var out limitedBuffer
	out.max = MaxSize
	var stderr limitedBuffer
	stderr.max = 4096
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		switch {
		case parent.Err() != nil:
			return "", fmt.Errorf("pdftotext: 已取消 (cancelled): %w", parent.Err())
		case ctx.Err() != nil:
			return "", fmt.Errorf("pdftotext: 超时（%s）: %w", PDFTimeout, ctx.Err())
		case out.over:
			return "", fmt.Errorf("pdftotext: 输出过大: %w", ErrTooLarge)
		}
		msg := bytes.TrimSpace(stderr.Bytes())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return "", fmt.Errorf("pdftotext: 无法读取 PDF（%s）: %w", msg, err)
	}
	return out.String(), nil
}

// limitedBuffer is a bytes.Buffer that fails writes past max.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("output too large")
	}
	return b.Buffer.Write(p)
}

// parsePDF reads a PDF through pdftotext -layout, which keeps table rows on
// one line; when that reading finds no table 三 or leaves more values
// unread than plain pdftotext (reading order) does, it takes the plain one.
func parsePDF(ctx context.Context, name string, data []byte) (*report.Report, error) {
	s, err := pdfText(ctx, data, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return nil, fmt.Errorf("%s: 扫描件，无文字层（PDF 没有可提取的文字，需要先做文字识别）; scanned PDF without a text layer", name)
	}
	// The word boxes first: the table's grid rebuilt from positions.
	var rb *report.Report
	if g, gerr := pdftext.Text(ctx, data, MaxSize, "-bbox-layout"); gerr == nil {
		if pages, perr := bboxPages(g); perr == nil {
			rb, _ = FromDoc(gridDoc(name, pages))
			if rb != nil && len(rb.Source.Problems) == 0 {
				return rb, nil
			}
		}
	}
	r, err := FromDoc(textDoc(name, FormatPDF, s))
	if rb != nil && (err != nil || score(rb) >= score(r)) {
		r, err = rb, nil
	}
	if err == nil && len(r.Source.Problems) == 0 {
		return r, nil
	}
	s2, err2 := pdfText(ctx, data, false)
	if err2 != nil {
		return r, err
	}
	r2, err2 := FromDoc(textDoc(name, FormatPDF, s2))
	switch {
	case err != nil && err2 != nil:
		return nil, err
	case err != nil:
		return r2, nil
	case err2 != nil:
		return r, nil
	}
	if score(r2) > score(r) {
		return r2, nil
	}
	return r, nil
}

// score rates a reading: cells read minus problems.
func score(r *report.Report) int {
	n := 0
	for _, c := range r.Cells() {
		if c.Present() {
			n++
		}
	}
	return n - 4*len(r.Source.Problems)
}
