package letter

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/request"
)

// FuzzReply writes a reply with any applicant name, content and reason:
// no panic, well-formed HTML and document.xml, and a DOCX the ooxml reader
// opens.
func FuzzReply(f *testing.F) {
	f.Add("张三", "2025年统计表", "已撤回", 0)
	f.Add("<b>&amp;", "\x00\x01\uFFFE", "\n\r\t", 11)
	f.Add("O'Brien \"x\"", "]]><![CDATA[", "第三十条。", 20)
	f.Fuzz(func(t *testing.T, name, content, reason string, outcome int) {
		os := request.Outcomes()
		o := os[((outcome%len(os))+len(os))%len(os)].ID
		in := replyInput(o)
		in.Applicant, in.Content, in.Reason, in.Withheld, in.Where = name, content, reason, reason, reason
		l, err := Reply(testSettings(), meta(3), in)
		if err != nil {
			if strings.TrimSpace(name) == "" || strings.TrimSpace(reason) == "" || strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), "。")) == "" {
				return // missing details are refused
			}
			t.Fatalf("%s: %v", o, err)
		}
		var h, d bytes.Buffer
		if err := HTML(&h, l); err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(h.Bytes()); err != nil {
			t.Fatalf("HTML not well-formed: %v", err)
		}
		if err := DOCX(&d, l); err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(documentXML(t, d.Bytes())); err != nil {
			t.Fatalf("document.xml not well-formed: %v", err)
		}
		a, err := ooxml.Open(d.Bytes(), ooxml.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := a.Open("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if _, err := ooxml.ReadBody(rc); err != nil {
			t.Fatalf("the reader refuses the body: %v", err)
		}
	})
}

func benchLetter(b *testing.B) *Letter {
	l, err := Reply(testSettings(), meta(3), replyInput(request.PartiallyGranted))
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func BenchmarkReplyDOCX(b *testing.B) {
	l := benchLetter(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := DOCX(io.Discard, l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReplyHTML(b *testing.B) {
	l := benchLetter(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := HTML(io.Discard, l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReplyBuild(b *testing.B) {
	in := replyInput(request.PartiallyGranted)
	s := testSettings()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Reply(s, meta(3), in); err != nil {
			b.Fatal(err)
		}
	}
}
