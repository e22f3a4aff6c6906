// Package doctext extracts the plain text of an item's attachment so that
// search finds it (条例第二十四条, catalog.md §5: the text of attachments
// is searched): DOCX, XLSX, PDF (through pdftotext), HTML and plain text
// (UTF-8, UTF-16 or GB18030). Memory is bounded: the input is at most
// MaxInput bytes, archives are opened within zip-bomb limits, and the
// text kept is at most MaxText bytes.
package doctext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/pdftext"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/textenc"
)

// Bounds of one extraction.
const (
	MaxInput = 64 << 20 // bytes of a file read (the catalogue's largest attachment is smaller)
	MaxText  = 4 << 20  // bytes of text kept; the rest of a longer text is not searched
)

// limits bound what a DOCX or XLSX may expand to (the scanner's, so a file
// the scanner read is read here too).
var limits = ooxml.Limits{
	MaxEntries:   5000,
	MaxEntrySize: 64 << 20,
	MaxTotalSize: 256 << 20,
	MaxRatio:     200,
	RatioFloor:   1 << 20,
}

// A PermanentError is a file whose text can never be extracted however
// often it is tried: a format without text (an image, OFD, legacy .doc),
// a zip or XML bomb, a damaged file. The worker does not retry it.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// ErrNoText is wrapped by the PermanentError of a format that holds no
// text to extract (images, OFD, legacy Office formats, archives).
var ErrNoText = errors.New("格式无可提取的文字 (no text to extract from this format)")

// ErrBomb is wrapped by the PermanentError of an archive that breaks the
// zip-bomb limits or whose XML nests too deep.
var ErrBomb = errors.New("压缩包或 XML 超出限制，疑为炸弹文件 (zip or XML bomb: limits exceeded)")

func permanent(err error) error { return &PermanentError{Err: err} }

// Extract returns the text of a file named name (the extension is a hint;
// the content decides), one paragraph, table row or sheet row a line.
// Errors are *PermanentError unless trying again may help (pdftotext
// missing, timed out or cancelled).
func Extract(ctx context.Context, name string, data []byte) (string, error) {
	if len(data) > MaxInput {
		return "", permanent(fmt.Errorf("文件超过 %d MiB (file larger than %d MiB)", MaxInput>>20, MaxInput>>20))
	}
	ext := strings.ToLower(path.Ext(name))
	var lines []string
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		lines, err = office(ctx, ext, data)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		var text string
		text, err = pdftext.Text(ctx, data, MaxText*4)
		if errors.Is(err, pdftext.ErrTooLarge) {
			err = permanent(err)
		}
		lines = strings.Split(strings.ReplaceAll(text, "\f", "\n"), "\n")
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}), bytes.HasPrefix(data, []byte("\x89PNG")),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}), ext == ".ofd", ext == ".zip", ext == ".png", ext == ".jpg", ext == ".jpeg":
		return "", permanent(ErrNoText)
	default:
		var text string
		text, _, err = textenc.Decode(data)
		if err != nil {
			return "", permanent(fmt.Errorf("不是文本文件 (not a text file): %w", err))
		}
		if ext == ".html" || ext == ".htm" || ext == ".xhtml" || (ext != ".txt" && looksHTML(text)) {
			lines = search.HTMLParagraphs(text)
		} else {
			lines = strings.Split(text, "\n")
		}
	}
	if err != nil {
		return "", err
	}
	return join(lines), nil
}

// join keeps the non-blank lines, trimmed, up to MaxText bytes.
func join(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(strings.TrimRight(l, "\r"))
		if l == "" {
			continue
		}
		if b.Len()+len(l)+1 > MaxText {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

func looksHTML(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) > 512 {
		t = t[:512]
	}
	t = strings.ToLower(t)
	return strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html") || strings.Contains(t, "<p>") ||
		strings.Contains(t, "<body")
}

// office reads a DOCX or XLSX; any other zip has no text for search.
func office(ctx context.Context, ext string, data []byte) ([]string, error) {
	a, err := ooxml.Open(data, limits)
	if err != nil {
		return nil, archiveErr(err)
	}
	switch {
	case ext == ".xlsx" || ext == ".xlsm" || a.Has("xl/workbook.xml"):
		return workbook(ctx, data)
	case ext == ".docx" || ext == ".docm" || a.Has("word/document.xml"):
		return document(a)
	}
	return nil, permanent(ErrNoText)
}

// archiveErr classifies an error of the zip guard or a reader: a broken
// limit is a bomb, anything else a damaged file; neither is retried.
func archiveErr(err error) error {
	for _, e := range []error{ooxml.ErrTooMany, ooxml.ErrTooLarge, ooxml.ErrTotalTooBig, ooxml.ErrRatio} {
		if errors.Is(err, e) {
			return permanent(fmt.Errorf("%w: %v", ErrBomb, err))
		}
	}
	if errors.Is(err, ooxml.ErrBadBody) && strings.Contains(err.Error(), "deep") {
		return permanent(fmt.Errorf("%w: %v", ErrBomb, err))
	}
	return permanent(fmt.Errorf("文件已损坏 (damaged file): %v", err))
}

// document reads a Word body: each paragraph a line, each table row a line
// with its cells separated by spaces (so no term spans two cells).
func document(a *ooxml.Archive) ([]string, error) {
	main, err := ooxml.MainPart(a, "word/document.xml")
	if err != nil {
		return nil, archiveErr(err)
	}
	rc, err := a.Open(main)
	if err != nil {
		return nil, archiveErr(err)
	}
	defer rc.Close()
	blocks, err := ooxml.ReadBody(rc)
	if err != nil {
		return nil, archiveErr(err)
	}
	var lines []string
	for _, b := range blocks {
		if b.Table == nil {
			lines = append(lines, strings.Split(b.Text, "\n")...)
			continue
		}
		for _, row := range b.Table.Rows {
			var cells []string
			for _, c := range row {
				if !c.Covered && strings.TrimSpace(c.Text) != "" {
					cells = append(cells, strings.Join(strings.Fields(c.Text), " "))
				}
			}
			lines = append(lines, strings.Join(cells, " "))
		}
	}
	return lines, nil
}

// workbook reads every sheet row by row, streaming, each row a line with
// its cells separated by spaces; it stops when ctx ends.
func workbook(ctx context.Context, data []byte) ([]string, error) {
	wb, err := ooxml.OpenWorkbook(data, limits, false)
	if err != nil {
		return nil, archiveErr(err)
	}
	defer wb.Close()
	var lines []string
	size := 0
	for _, sh := range wb.Sheets() {
		lines = append(lines, sh)
		rows, err := sheetRows(ctx, wb, sh, &size)
		if err != nil {
			return nil, err
		}
		lines = append(lines, rows...)
		if size > MaxText {
			break
		}
	}
	return lines, nil
}

func sheetRows(ctx context.Context, wb *ooxml.Workbook, sheet string, size *int) (lines []string, err error) {
	defer func() {
		if p := recover(); p != nil { // excelize parses sheets lazily and may panic on a malformed one
			lines, err = nil, permanent(fmt.Errorf("文件已损坏 (damaged workbook): %v", p))
		}
	}()
	rr, err := wb.RowReader(sheet)
	if err != nil {
		return nil, archiveErr(err)
	}
	defer rr.Close()
	for rr.Next() && *size <= MaxText {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cols, err := rr.Columns()
		if err != nil {
			return nil, archiveErr(err)
		}
		var cells []string
		for _, c := range cols {
			if c = strings.Join(strings.Fields(c), " "); c != "" {
				cells = append(cells, c)
			}
		}
		l := strings.Join(cells, " ")
		*size += len(l) + 1
		lines = append(lines, l)
	}
	if err := rr.Err(); err != nil {
		return nil, archiveErr(err)
	}
	return lines, nil
}
