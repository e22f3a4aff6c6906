package ooxml

import (
	"bytes"
	"strings"
	"testing"
)

// TestWatermark checks that a watermark puts a header on every page
// holding Word's text watermark shape with the text, that the package
// passes the zip guard and stays well-formed, and that a document
// without one has no shape.
func TestWatermark(t *testing.T) {
	for _, tc := range []struct {
		name      string
		watermark string
		header    bool
	}{
		{"none", "", false},
		{"watermark only", "草稿 <&>", false},
		{"watermark and header", "草稿", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sample(tc.header)
			d.Watermark = tc.watermark
			var buf bytes.Buffer
			if err := d.Write(&buf); err != nil {
				t.Fatal(err)
			}
			a, err := Open(buf.Bytes(), DefaultLimits)
			if err != nil {
				t.Fatalf("the zip guard refuses the package: %v", err)
			}
			if err := a.CheckAll(); err != nil {
				t.Fatal(err)
			}
			want := tc.watermark != "" || tc.header
			if got := a.Has("word/header1.xml"); got != want {
				t.Fatalf("header part present = %v; want %v", got, want)
			}
			doc, _ := a.ReadFile("word/document.xml")
			if got := bytes.Contains(doc, []byte(`<w:headerReference w:type="default"`)); got != want {
				t.Errorf("section references a header = %v; want %v", got, want)
			}
			if !want {
				return
			}
			hdr, _ := a.ReadFile("word/header1.xml")
			if err := xmlWellFormed(hdr); err != nil {
				t.Fatalf("header1.xml is not well-formed: %v", err)
			}
			shape := bytes.Contains(hdr, []byte(`id="PowerPlusWaterMarkObject1"`)) &&
				bytes.Contains(hdr, []byte(`string="`+Esc(tc.watermark)+`"`))
			if shape != (tc.watermark != "") {
				t.Errorf("watermark shape with %q present = %v; want %v:\n%s", tc.watermark, shape, tc.watermark != "", hdr)
			}
			if tc.header && !strings.Contains(string(hdr), "页眉") {
				t.Error("the header's own paragraph is lost")
			}
		})
	}
}
