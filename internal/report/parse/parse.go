package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongkai/gongkai/internal/report"
)

// MaxSize is the largest input Parse and File accept (64 MiB): a published
// report is a few hundred kilobytes, and the limit bounds memory.
const MaxSize = 64 << 20

// ErrTooLarge is wrapped by Parse and File for an input over MaxSize.
var ErrTooLarge = errors.New("文件过大（上限 64 MiB）")

// Parse reads one published report of any supported format: it detects
// the format, reads the document into a Doc and maps it onto the template
// with FromDoc; gongkai JSON is decoded directly. Every error is one line
// that starts with name and says what is wrong.
func Parse(name string, data []byte) (*report.Report, error) {
	return ParseContext(context.Background(), name, data)
}

// ParseContext is Parse under ctx: a PDF's pdftotext run stops when ctx
// is cancelled.
func ParseContext(ctx context.Context, name string, data []byte) (r *report.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%s: 内部错误，无法读取（internal error: %v）", name, p)
		}
	}()
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: 文件为空（empty file）", name)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, fmt.Errorf("%s: 不支持旧的 .doc/.xls 格式，请另存为 .docx 或 .xlsx（legacy Office format）", name)
	}
	f := Detect(name, data)
	var d *Doc
	switch f {
	case FormatJSON:
		r, err := report.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return r, nil
	case FormatPDF:
		return parsePDF(ctx, name, data)
	case FormatDOCX:
		d, err = readDOCX(name, data)
	case FormatHTML:
		d, err = readHTML(name, data)
	case FormatXLSX:
		d, err = readXLSX(name, data)
	default:
		d, err = readText(name, data)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if d.Name == "" {
		d.Name = name
	}
	if d.Format == "" {
		d.Format = f
	}
	return FromDoc(d)
}

// File reads and parses the report at path, refusing files over MaxSize
// before reading them.
func File(path string) (*report.Report, error) {
	return FileContext(context.Background(), path)
}

// FileContext is File under ctx, as ParseContext.
func FileContext(ctx context.Context, path string) (*report.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法打开文件: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxSize {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: 读取失败: %w", path, err)
	}
	return ParseContext(ctx, path, data)
}
