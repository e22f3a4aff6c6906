package casework_test

import (
	"testing"

	"github.com/gongkai/gongkai/internal/casework"
)

// TestAttachmentNameSpoofing: a file name shown to staff cannot carry
// control characters or bidirectional overrides, which make
// "scan\u202Efdp.exe" read as "scanexe.pdf" (SECURITY.md O-FU-05).
func TestAttachmentNameSpoofing(t *testing.T) {
	for _, name := range []string{
		"身份证\u202Egnp.pdf", "a\u2066b.pdf", "scan\u200F.pdf", "line\nbreak.pdf", "tab\t.pdf", "bell\x07.pdf", "del\x7f.pdf",
	} {
		if err := casework.CheckAttachment(name, "application/pdf", 100); err == nil {
			t.Errorf("CheckAttachment(%q) accepted; want refused", name)
		}
	}
	if err := casework.CheckAttachment("身份证 扫描件(1).pdf", "application/pdf", 100); err != nil {
		t.Errorf("ordinary name refused: %v", err)
	}
}
