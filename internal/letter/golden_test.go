package letter

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
)

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// documentXML returns word/document.xml of a DOCX, one element per line.
func documentXML(t testing.TB, docx []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(strings.ReplaceAll(string(data), "><", ">\n<") + "\n")
	}
	t.Fatal("no word/document.xml")
	return nil
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(bytes.Replace(data, []byte("<!DOCTYPE html>"), nil, 1)))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func render(t testing.TB, l *Letter) (htmlOut, docx []byte) {
	t.Helper()
	var h, d bytes.Buffer
	if err := HTML(&h, l); err != nil {
		t.Fatal(err)
	}
	if err := DOCX(&d, l); err != nil {
		t.Fatal(err)
	}
	return h.Bytes(), d.Bytes()
}

// TestGolden writes every letter type and the reply of each of the 21
// outcomes as HTML and DOCX and compares them with testdata.
func TestGolden(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			l, err := s.build()
			if err != nil {
				t.Fatal(err)
			}
			h, d := render(t, l)
			if err := wellFormed(h); err != nil {
				t.Errorf("HTML is not well-formed: %v", err)
			}
			checkGolden(t, s.name+".html", h)
			checkGolden(t, s.name+".document.xml", documentXML(t, d))
			// Stable: a second rendering gives the same bytes.
			h2, d2 := render(t, l)
			if !bytes.Equal(h, h2) || !bytes.Equal(d, d2) {
				t.Error("a second rendering differs")
			}
		})
	}
}
