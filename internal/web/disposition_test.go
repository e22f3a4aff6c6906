package web

import (
	"mime"
	"net/http/httptest"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/letter"
)

// TestContentDisposition checks the header against RFC 6266 and 8187: a
// quoted ASCII fallback and a filename* that Go's own parser (as a
// browser) decodes back to the name, with every non-attr-char escaped.
func TestContentDisposition(t *testing.T) {
	for _, tc := range []struct {
		name, want, decoded string
	}{
		{"2026-0012-政府信息公开申请答复书.docx",
			`attachment; filename="2026-0012-___________.docx"; filename*=UTF-8''2026-0012-%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%94%B3%E8%AF%B7%E7%AD%94%E5%A4%8D%E4%B9%A6.docx`,
			"2026-0012-政府信息公开申请答复书.docx"},
		{"a b;c=d@e:f,g.pdf", `attachment; filename="a b;c=d@e:f,g.pdf"; filename*=UTF-8''a%20b%3Bc%3Dd%40e%3Af%2Cg.pdf`, "a b;c=d@e:f,g.pdf"},
		{`q"u\o'te.txt`, `attachment; filename="q_u_o'te.txt"; filename*=UTF-8''q%22u%5Co%27te.txt`, `q"u\o'te.txt`},
		{"bad\xffutf8\r\n.txt", `attachment; filename="bad_utf8__.txt"; filename*=UTF-8''bad_utf8%0D%0A.txt`, "bad_utf8\r\n.txt"},
	} {
		got := ContentDisposition(tc.name)
		if got != tc.want {
			t.Errorf("ContentDisposition(%q) =\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		typ, params, err := mime.ParseMediaType(got)
		if err != nil || typ != "attachment" {
			t.Fatalf("%q does not parse: %s, %v", got, typ, err)
		}
		// mime prefers filename* over filename, as RFC 6266 §4.3 asks.
		if params["filename"] != tc.decoded {
			t.Errorf("%q decodes to %q; want %q", got, params["filename"], tc.decoded)
		}
	}
}

// TestWriteLetterFileName checks that a DOCX letter is named by its
// tracking number and kind, with 草稿 for a draft.
func TestWriteLetterFileName(t *testing.T) {
	for _, draft := range []bool{false, true} {
		l := &letter.Letter{Kind: letter.KindReply, Title: "政府信息公开申请答复书", To: "张三", Date: calendar.D(2026, 11, 25),
			Head: letter.Letterhead{Agency: "宁波市北仑区司法局"}, Tracking: "2026-0012", Draft: draft}
		rec := httptest.NewRecorder()
		if err := WriteLetter(rec, l, "docx"); err != nil {
			t.Fatal(err)
		}
		_, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
		want := "2026-0012-政府信息公开申请答复书.docx"
		if draft {
			want = "2026-0012-政府信息公开申请答复书-草稿.docx"
		}
		if err != nil || params["filename"] != want {
			t.Errorf("draft=%v: file name %q, %v; want %q", draft, params["filename"], err, want)
		}
	}
}
