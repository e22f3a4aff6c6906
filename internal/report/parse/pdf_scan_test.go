package parse

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// blankPDF builds a valid one-page PDF without any text, as a scanner
// produces without OCR (the page would hold only an image).
func blankPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		"<< /Length 0 >>\nstream\n\nendstream",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// TestScannedPDF: a PDF without a text layer is refused with the reason.
func TestScannedPDF(t *testing.T) {
	needPDFToText(t)
	_, err := Parse("scan.pdf", blankPDF())
	if err == nil || !strings.Contains(err.Error(), "扫描件，无文字层") || !strings.HasPrefix(err.Error(), "scan.pdf: ") {
		t.Fatalf("err = %v; want 扫描件，无文字层", err)
	}
}
