package doctext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/doctext/doctexttest"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
	"github.com/gongkai/gongkai/internal/pdftext/pdftexttest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// TestExtract extracts each format from a small generated file: the text a
// search must find is there, one paragraph or row a line, and nothing of
// the markup.
func TestExtract(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want []string // lines that must be present
		not  []string
	}{
		{"附件1.docx", doctexttest.DOCX("关于城乡低保标准的说明", "补助标准每人每月1200元"), []string{"关于城乡低保标准的说明", "补助标准每人每月1200元"}, []string{"<w:"}},
		{"名单.xlsx", doctexttest.XLSX("名单", [][]string{{"姓名", "街道", "金额"}, {"张某", "大碶街道", "1200"}}), []string{"名单", "姓名 街道 金额", "张某 大碶街道 1200"}, nil},
		{"说明.html", []byte("<html><body><h1>宅基地审批</h1><p>第一段<br>第二行</p><script>x()</script></body></html>"), []string{"宅基地审批", "第一段", "第二行"}, []string{"x()", "<p>"}},
		{"说明.txt", []byte("征收拆迁补偿\r\n\r\n安置方案\n"), []string{"征收拆迁补偿", "安置方案"}, nil},
		{"gbk.txt", gbk("政府信息公开指南\n办公地址"), []string{"政府信息公开指南", "办公地址"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Extract(context.Background(), c.name, c.data)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(got, "\n")
			for _, w := range c.want {
				if !contains(lines, w) {
					t.Errorf("text %q lacks the line %q", got, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("text %q holds %q", got, n)
				}
			}
		})
	}
}

func contains(lines []string, l string) bool {
	for _, x := range lines {
		if x == l {
			return true
		}
	}
	return false
}

func TestExtractPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI")
		}
		t.Skip("pdftotext not installed")
	}
	got, err := Extract(context.Background(), "a.pdf", pdftexttest.MinimalPDF([]string{"Budget 2024 Xiaoqu"}, []string{"Page two Zhuanxiang"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "Budget 2024 Xiaoqu") || !strings.Contains(got, "Page two Zhuanxiang") || strings.Contains(got, "\f") {
		t.Errorf("PDF text %q", got)
	}
}

// TestExtractRefuses: formats without text and bombs fail permanently
// (never retried), a bomb named as one.
func TestExtractRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"a.png", []byte("\x89PNG\r\n\x1a\nxxxx"), ErrNoText},
		{"a.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, ErrNoText},
		{"a.ofd", []byte("PK\x03\x04whatever"), nil},
		{"bomb.docx", ooxmltest.ZipBomb(1, 300<<20), ErrBomb},
		{"many.docx", ooxmltest.ManyEntries(6000), ErrBomb},
		{"deep.docx", ooxmltest.NestedDOCX("sdt", 200000), ErrBomb},
		{"bin.txt", []byte{0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 1, 2, 3, 4, 5, 6}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(context.Background(), c.name, c.data)
			var pe *PermanentError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v; want a permanent error", err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v; want %v", err, c.want)
			}
		})
	}
}

func TestExtractBounded(t *testing.T) {
	big := strings.Repeat(strings.Repeat("低", 100)+"\n", MaxText/300+10)
	got, err := Extract(context.Background(), "big.txt", []byte(big))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > MaxText || len(got) < MaxText/2 {
		t.Errorf("kept %d bytes of %d; want at most %d", len(got), len(big), MaxText)
	}
	if _, err := Extract(context.Background(), "huge.txt", make([]byte, MaxInput+1)); err == nil {
		t.Error("a file over MaxInput was read")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("a.docx", doctexttest.DOCX("低保"))
	f.Add("a.html", []byte("<p>低保</p>"))
	f.Add("a.txt", []byte("拆迁"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if bytes := data; len(bytes) > 1<<20 || strings.HasPrefix(string(data), "%PDF-") {
			return
		}
		text, err := Extract(context.Background(), name, data)
		if err == nil && len(text) > MaxText {
			t.Fatalf("text of %d bytes", len(text))
		}
	})
}
