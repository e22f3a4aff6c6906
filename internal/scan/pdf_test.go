package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// needPDFToText skips a test when pdftotext is missing, unless CI is set.
func needPDFToText(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdftotext is required in CI (apt install poppler-utils): %v", err)
		}
		t.Skip("pdftotext not installed (apt install poppler-utils)")
	}
}

// minimalPDF writes a one-page PDF per entry of pages, each line of a page
// set in Helvetica (ASCII only), with a correct cross-reference table.
func minimalPDF(pages ...[]string) []byte {
	var objs []string
	n := len(pages)
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>")
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, lines := range pages {
		var content strings.Builder
		content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
		for _, l := range lines {
			fmt.Fprintf(&content, "(%s) '\n", l)
		}
		content.WriteString("ET")
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDF(t *testing.T) {
	needPDFToText(t)
	data := minimalPDF([]string{"Notice", "Hotline 12345"}, []string{"Applicant", "ID 330206198503122715", "Tel 139 5746 6123"})
	fs, err := Document(context.Background(), "a.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Kind != IDCard || fs[1].Kind != Mobile || !strings.HasPrefix(fs[0].Where, "第 2 页") {
		t.Fatalf("findings %+v; want id_card and mobile on page 2", fs)
	}
	// A PDF whose pages carry no text is a scan: unreadable, said so.
	_, err = Document(context.Background(), "scan.pdf", minimalPDF([]string{}))
	if err == nil || !strings.Contains(err.Error(), "扫描件") {
		t.Errorf("empty PDF: err = %v; want 扫描件，无文字层", err)
	}
}
