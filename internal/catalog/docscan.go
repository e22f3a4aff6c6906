package catalog

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/internal/scan"
)

// DocScanner is the Scanner of package scan (catalog.md §4): text, HTML,
// DOCX, XLSX and PDF by content, with hidden content and 密级 markings.
type DocScanner struct{}

// Scan implements Scanner.
func (DocScanner) Scan(name string, r io.Reader) ([]Finding, error) {
	data, err := io.ReadAll(io.LimitReader(r, scan.MaxSize+1))
	if err != nil {
		return nil, err
	}
	fs, err := scan.Document(context.Background(), name, data)
	if err != nil {
		return nil, err
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		where := f.Where
		if f.Note != "" {
			where += "（" + f.Note + "）"
		}
		out[i] = Finding{Kind: string(f.Kind), Where: where, Masked: f.Masked}
	}
	return out, nil
}
