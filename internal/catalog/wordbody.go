package catalog

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/ooxml"
)

// MaxWordBody bounds a Word file uploaded as an item's body, in bytes.
const MaxWordBody = 20 << 20

// WordBody reads a DOCX file and returns its body as the HTML an item
// stores (catalog.md §2): one paragraph per Word paragraph (line breaks
// kept), each table as a table on its grid (a merged cell's text in its
// first position, the positions it covers empty), sanitized like a pasted
// body. What a reader of the page would not see is left out: deleted
// revisions, field codes and text boxes (ooxml.ReadBody), comments,
// headers, footers and document properties, which live in other parts.
// The file is opened through the zip guard of package ooxml. A file that
// is not a readable DOCX, holds an imported page (w:altChunk) or has no
// text is refused with an error naming the problem.
func WordBody(name string, r io.Reader) (string, error) {
	if ext := strings.ToLower(path.Ext(name)); ext != ".docx" {
		return "", apperr.New(apperr.Invalid, "catalog.word.type", name)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxWordBody+1))
	if err != nil {
		return "", err
	}
	if len(data) > MaxWordBody {
		return "", apperr.New(apperr.Invalid, "catalog.word.too_large", MaxWordBody>>20)
	}
	blocks, err := wordBlocks(data)
	if err != nil {
		return "", apperr.Wrap(apperr.Invalid, "catalog.word.unreadable", err, name)
	}
	var b strings.Builder
	for _, bl := range blocks {
		switch {
		case bl.AltChunk != "":
			return "", apperr.New(apperr.Invalid, "catalog.word.altchunk", name)
		case bl.Table != nil:
			writeTable(&b, bl.Table)
		default:
			lines := strings.Split(strings.TrimSpace(bl.Text), "\n")
			for i := range lines {
				lines[i] = escapeText(strings.TrimSpace(lines[i]))
			}
			b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>\n")
		}
	}
	body := Sanitize(b.String())
	if strings.TrimSpace(body) == "" {
		return "", apperr.New(apperr.Invalid, "catalog.word.empty", name)
	}
	return body, nil
}

// wordBlocks reads the body of a DOCX's main part.
func wordBlocks(data []byte) ([]ooxml.Block, error) {
	a, err := ooxml.Open(data, ooxml.DefaultLimits)
	if err != nil {
		return nil, err
	}
	part, err := ooxml.MainPart(a, "word/document.xml")
	if err != nil {
		return nil, err
	}
	rc, err := a.Open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	blocks, err := ooxml.ReadBody(rc)
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return nil, fmt.Errorf("%s: %w", part, err)
	}
	return blocks, err
}

// writeTable writes t as an HTML table, one row per grid row.
func writeTable(b *strings.Builder, t *ooxml.Table) {
	b.WriteString("<table><tbody>\n")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range row {
			b.WriteString("<td>")
			if !c.Covered {
				b.WriteString(strings.ReplaceAll(escapeText(strings.TrimSpace(c.Text)), "\n", "<br>"))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
}

// SetBodyFromWord makes the text of a DOCX file the body of a draft's
// working copy (经办人), as WordBody reads it. The file itself is not
// kept; the working copy must be scanned again before it is submitted,
// so the body from Word goes through the scanner like a pasted one.
func (s *Service) SetBodyFromWord(ctx context.Context, w Staff, id int64, name string, r io.Reader) error {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	body, err := WordBody(name, r)
	if err != nil {
		return err
	}
	return s.act(ctx, w, id, step{action: ActEdit, prepare: func(_ context.Context, it *Item, rec *Record, _ *Event) error {
		c := it.Content
		c.Body = body
		rec.Draft = &c
		if it.Live == 0 {
			rec.Shown = stripped(c)
		}
		return nil
	}, detail: func(*Item, Event) string {
		return fmt.Sprintf("正文取自 Word 文件 %s（%d 字）", name, len([]rune(body)))
	}})
}
