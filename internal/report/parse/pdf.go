package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"

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
	if layout {
		return pdfRun(parent, data, "-layout")
	}
	return pdfRun(parent, data)
}

// pdfRun runs pdftotext with extra args ("-layout", "-bbox-layout") under
// ctx and PDFTimeout, its output bounded to MaxSize.
func pdfRun(parent context.Context, data []byte, extra ...string) (string, error) {
	bin, err := exec.LookPath(pdftotext)
	if err != nil {
		return "", ErrNoPDFToText
	}
	ctx, cancel := context.WithTimeout(parent, PDFTimeout)
	defer cancel()
	args := append([]string{"-q", "-enc", "UTF-8"}, extra...)
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

// parsePDF reads a PDF from the word boxes of pdftotext -bbox-layout first
// (gridDoc rebuilds the table from positions); when that reading has
// problems it also reads pdftotext -layout (table rows on one line) and
// plain pdftotext (reading order), and takes the reading that scores best.
// A PDF without any word is a scan without a text layer.
func parsePDF(ctx context.Context, name string, data []byte) (*report.Report, error) {
	g, err := pdfRun(ctx, data, "-bbox-layout")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var best *report.Report
	var firstErr error
	consider := func(r *report.Report, err error) {
		switch {
		case err != nil:
			if firstErr == nil {
				firstErr = err
			}
		case best == nil || score(r) > score(best):
			best = r
		}
	}
	if pages, perr := bboxPages(g); perr == nil {
		words := 0
		for _, p := range pages {
			words += len(p)
		}
		if words == 0 {
			return nil, fmt.Errorf("%s: 扫描件，无文字层（PDF 没有可提取的文字，需要先做文字识别）; scanned PDF without a text layer", name)
		}
		consider(FromDoc(gridDoc(name, pages)))
		if best != nil && len(best.Source.Problems) == 0 {
			return best, nil
		}
	}
	for _, layout := range []bool{true, false} {
		s, err := pdfText(ctx, data, layout)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		if len(bytes.TrimSpace([]byte(s))) == 0 {
			continue
		}
		consider(FromDoc(textDoc(name, FormatPDF, s)))
		if best != nil && len(best.Source.Problems) == 0 {
			return best, nil
		}
	}
	if best != nil {
		return best, nil
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("%s: %w", name, ErrNoRequestTable)
	}
	return nil, firstErr
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
