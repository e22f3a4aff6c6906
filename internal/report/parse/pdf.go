package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/pdftext"
	"github.com/gongkai/gongkai/internal/report"
)

// PDFTimeout bounds one pdftotext run.
const PDFTimeout = pdftext.Timeout

// ErrNoPDFToText is wrapped when the pdftotext program is not installed.
var ErrNoPDFToText = pdftext.ErrNotInstalled

// pdfText runs pdftotext on data, with -layout when layout is true, and
// returns its output (UTF-8), bounded to MaxSize. The program runs under
// ctx (and PDFTimeout): a cancelled upload or corpus run kills it.
func pdfText(ctx context.Context, data []byte, layout bool) (string, error) {
	if layout {
		return pdfRun(ctx, data, "-layout")
	}
	return pdfRun(ctx, data)
}

// pdfRun runs pdftotext with extra args ("-layout", "-bbox-layout")
// through package pdftext, its output bounded to MaxSize.
func pdfRun(ctx context.Context, data []byte, extra ...string) (string, error) {
	s, err := pdftext.Text(ctx, data, MaxSize, extra...)
	if errors.Is(err, pdftext.ErrTooLarge) {
		return "", fmt.Errorf("pdftotext: 输出过大: %w", ErrTooLarge)
	}
	return s, err
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
