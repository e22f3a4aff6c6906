package scan

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/pdftext/pdftexttest"
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

// minimalPDF is pdftexttest.MinimalPDF.
var minimalPDF = pdftexttest.MinimalPDF

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
