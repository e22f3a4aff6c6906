package parse

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fxAltChunkDOCX is a DOCX whose body is a paragraph and the imported part
// word/<chunk>, as web editors' “export to Word” write it.
func fxAltChunkDOCX(t testing.TB, chunk string, data []byte) []byte {
	t.Helper()
	parts := []struct{ name, body string }{
		{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="` + chunk + `"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0"?><w:document ` + wDocNS + `><w:body>` + wPara("（导出自网站）") + `<w:altChunk r:id="htmlChunk"/><w:sectPr/></w:body></w:document>`},
		{"word/" + chunk, string(data)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		io.WriteString(w, p.body)
	}
	zw.Close()
	return buf.Bytes()
}

// fxMHT wraps a page in a MHT archive with the given transfer encoding.
func fxMHT(t testing.TB, page []byte, charset, enc string) []byte {
	t.Helper()
	var body bytes.Buffer
	switch enc {
	case "quoted-printable":
		w := quotedprintable.NewWriter(&body)
		w.Write(page)
		w.Close()
	case "base64":
		s := base64.StdEncoding.EncodeToString(page)
		for len(s) > 76 {
			body.WriteString(s[:76] + "\r\n")
			s = s[76:]
		}
		body.WriteString(s)
	}
	return []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D9\"\r\n\r\n" +
		"此文档为“单个文件网页”。\r\n\r\n------=_NextPart_01D9\r\nContent-Location: file:///C:/report.htm\r\n" +
		"Content-Transfer-Encoding: " + enc + "\r\nContent-Type: text/html; charset=\"" + charset + "\"\r\n\r\n" +
		body.String() + "\r\n------=_NextPart_01D9\r\nContent-Location: file:///C:/report.files/image001.png\r\n" +
		"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n------=_NextPart_01D9--\r\n")
}

func TestReadDOCXAltChunk(t *testing.T) {
	want := fxWantSeed(t)
	word := fxReadFile(t, "html/word.html")
	wordGBK, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.Replace(word, []byte("charset=utf-8"), []byte("charset=gb2312"), 1))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, chunk string
		data        []byte
	}{
		{"html", "afchunk.htm", fxReadFile(t, "html/plain.html")},
		{"mht quoted-printable gb2312", "afchunk.mht", fxMHT(t, wordGBK, "gb2312", "quoted-printable")},
		{"mht base64 utf-8", "afchunk.mht", fxMHT(t, fxReadFile(t, "html/plain.html"), "utf-8", "base64")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := fxAltChunkDOCX(t, c.chunk, c.data)
			d, err := readDOCX("chunk.docx", data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Lines[0].Cells[0].Text != "（导出自网站）" {
				t.Errorf("first line %q; want the body's own paragraph", d.Lines[0].Cells[0].Text)
			}
			got, err := Parse("chunk.docx", data)
			if err != nil {
				t.Fatal(err)
			}
			for _, diff := range report.Diff(got, want) {
				t.Error(diff)
			}
		})
	}
	t.Run("unsupported kind", func(t *testing.T) {
		_, err := readDOCX("chunk.docx", fxAltChunkDOCX(t, "afchunk.rtf", []byte(`{\rtf1}`)))
		if err == nil || !strings.Contains(err.Error(), "afchunk.rtf") || strings.Contains(err.Error(), "\n") {
			t.Errorf("got %v; want a one-line error naming the part", err)
		}
	})
}

func FuzzMHT(f *testing.F) {
	f.Add(fxMHT(f, []byte("<p>宁波</p>"), "utf-8", "quoted-printable"))
	f.Add(fxMHT(f, []byte("<p>宁波</p>"), "gb2312", "base64"))
	f.Add([]byte("Content-Type: text/html; charset=gbk\r\n\r\n<p>x</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := mhtHTML(data)
		if err != nil {
			return
		}
		if _, err := readHTML("fuzz.mht", page); err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error %q spans lines", err)
		}
	})
}
