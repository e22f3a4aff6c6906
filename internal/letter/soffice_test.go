package letter

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/request"
)

// TestLibreOfficeConverts converts one letter's DOCX to PDF with
// LibreOffice and reads the PDF back with pdftotext: an independent
// consumer must open the package, lay it out on A4 and keep the text.
// It skips with -short or when soffice or poppler-utils is missing.
func TestLibreOfficeConverts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	pdftotext, err1 := exec.LookPath("pdftotext")
	pdfinfo, err2 := exec.LookPath("pdfinfo")
	if err1 != nil || err2 != nil {
		t.Skip("poppler-utils not installed")
	}
	l, err := Reply(testSettings(), meta(21), replyInput(request.PartiallyGranted))
	if err != nil {
		t.Fatal(err)
	}
	_, docx := render(t, l)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "letter.docx"), docx, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "letter.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "letter.pdf")
	info, err := exec.CommandContext(ctx, pdfinfo, pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("the PDF is not A4:\n%s", info)
	}
	text, err := exec.CommandContext(ctx, pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{l.Head.Agency, l.Number, l.Title, Seal, "第三十七条", "六十日内依法申请行政复议", l.Date.Chinese()} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}
