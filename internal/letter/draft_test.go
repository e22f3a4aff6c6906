package letter

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/request"
)

// docxPart returns a part of a DOCX, nil when it has none.
func docxPart(t *testing.T, docx []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	return nil
}

// TestDraftWatermark checks that a draft letter carries the 草稿 mark in
// its HTML (on screen and on every printed page) and in its DOCX (a
// watermark in the header every page repeats), and that the same letter
// sent carries none; the draft's HTML and header are golden files.
func TestDraftWatermark(t *testing.T) {
	build := func(draft bool) *Letter {
		m := meta(21)
		if draft {
			m.Seq = 0 // a draft has no document number yet
		}
		l, err := Reply(testSettings(), m, replyInput(request.PartiallyGranted))
		if err != nil {
			t.Fatal(err)
		}
		l.Draft, l.Tracking = draft, "2026-0012"
		return l
	}
	for _, draft := range []bool{true, false} {
		h, d := render(t, build(draft))
		if err := wellFormed(h); err != nil {
			t.Errorf("draft=%v: HTML is not well-formed: %v", draft, err)
		}
		html := string(h)
		hdr := docxPart(t, d, "word/header1.xml")
		marked := strings.Contains(html, `<p class="draft-mark" id="draft-mark">草稿</p>`) && strings.Contains(html, `data-draft="true"`) &&
			strings.Contains(html, "<title>政府信息部分公开告知书（草稿）</title>")
		if marked != draft {
			t.Errorf("draft=%v: HTML carries the 草稿 mark = %v", draft, marked)
		}
		if got := bytes.Contains(hdr, []byte(`string="草稿"`)); got != draft {
			t.Errorf("draft=%v: DOCX header carries the 草稿 watermark = %v", draft, got)
		}
		if !draft {
			if strings.Contains(html, "草稿") || bytes.Contains(d, []byte("草稿")) {
				t.Error("the sent letter mentions 草稿")
			}
			continue
		}
		checkGolden(t, "reply-partially_granted-draft.html", h)
		checkGolden(t, "reply-partially_granted-draft.header1.xml", []byte(strings.ReplaceAll(string(hdr), "><", ">\n<")+"\n"))
	}
}

// TestFileName checks the download names: tracking number, title (the
// letter's kind), 草稿 for a draft, and no character a file system
// refuses.
func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		l    Letter
		want string
	}{
		{Letter{Tracking: "2026-0012", Title: "政府信息公开申请答复书"}, "2026-0012-政府信息公开申请答复书.docx"},
		{Letter{Tracking: "2026-0012", Title: "政府信息公开申请答复书", Draft: true}, "2026-0012-政府信息公开申请答复书-草稿.docx"},
		{Letter{Tracking: "BL/2026:7", Title: "补正告知书"}, "BL_2026_7-补正告知书.docx"},
		{Letter{Title: "登记回执"}, "登记回执.docx"},
		{Letter{Tracking: "a\x00b", Title: `x"y`}, "a_b-x_y.docx"},
	} {
		if got := tc.l.FileName(".docx"); got != tc.want {
			t.Errorf("FileName(%q, %q, draft %v) = %q; want %q", tc.l.Tracking, tc.l.Title, tc.l.Draft, got, tc.want)
		}
	}
}
