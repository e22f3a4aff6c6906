package parse

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// Some web editors' “export to Word” write a DOCX whose body is a whole
// HTML page or MHT archive imported with w:altChunk. Word renders the
// imported part in place; readAltChunk reads it with the HTML reader.

// readAltChunk appends the imported part with relationship id to d.
func readAltChunk(d *Doc, a *ooxml.Archive, rels map[string]string, id string, tables *int) error {
	target, ok := rels[id]
	if !ok {
		return fmt.Errorf("imported part %s has no target", id)
	}
	data, err := a.ReadFile(target)
	if err != nil {
		return err
	}
	switch strings.ToLower(path.Ext(target)) {
	case ".htm", ".html", ".xhtml":
	case ".mht", ".mhtml":
		if data, err = mhtHTML(data); err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
	default:
		return fmt.Errorf("%s: imported part of a kind not read (only HTML and MHT are)", target)
	}
	sub, err := readHTML(target, data)
	if err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	base := *tables
	for _, l := range sub.Lines {
		if l.Table == 0 {
			d.addParagraph(l.Cells[0].Text)
			continue
		}
		l.Table += base
		for i := range l.Cells {
			l.Cells[i].Pos.Table = l.Table
		}
		d.Lines = append(d.Lines, l)
		*tables = max(*tables, l.Table)
	}
	return nil
}

// mhtHTML returns the HTML page of a MHT (MIME HTML) archive: its first
// text/html part, decoded, with its MIME charset declared in a <meta>
// ahead of the page's own.
func mhtHTML(data []byte) ([]byte, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("mht: %w", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("mht: %w", err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		return mhtBody(msg.Body, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, errors.New("mht: no text/html part")
		}
		if err != nil {
			return nil, fmt.Errorf("mht: %w", err)
		}
		ct := p.Header.Get("Content-Type")
		if pt, _, _ := mime.ParseMediaType(ct); pt == "text/html" {
			// NextPart has already undone quoted-printable.
			return mhtBody(p, ct, p.Header.Get("Content-Transfer-Encoding"))
		}
	}
}

func mhtBody(r io.Reader, contentType, encoding string) ([]byte, error) {
	if strings.EqualFold(strings.TrimSpace(encoding), "base64") {
		r = base64.NewDecoder(base64.StdEncoding, &newlineSkipper{r: r})
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mht: %w", err)
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		meta := fmt.Sprintf(`<meta charset="%s">`, strings.Trim(params["charset"], `"'<>`))
		body = append([]byte(meta), body...)
	}
	return body, nil
}

// A newlineSkipper drops line breaks, which base64 in MIME bodies has.
type newlineSkipper struct{ r io.Reader }

func (s *newlineSkipper) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' {
			p[j] = c
			j++
		}
	}
	return j, err
}
