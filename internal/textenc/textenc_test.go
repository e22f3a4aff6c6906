package textenc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sample = "宁波市北仑区司法局2022年度政府信息公开年度报告\n\t三、本年度办理结果\n危及“三安全一稳定”\n"

func TestDecode(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(sample)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().String(sample + "𠀀")
	if err != nil {
		t.Fatal(err)
	}
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(sample)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(sample)
	leNoBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("report 2022\n" + sample + "abcdefghijklmnopqrstuvwxyz 0123456789\n")
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-8", []byte(sample), sample, UTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...), sample, UTF8BOM},
		{"gbk", []byte(gbk), sample, GB18030},
		{"gb18030 4-byte", []byte(gb18030), sample + "𠀀", GB18030},
		{"utf-16le bom", []byte(le), sample, UTF16LE},
		{"utf-16be bom", []byte(be), sample, UTF16BE},
		{"utf-16le no bom", []byte(leNoBOM), "report 2022\n" + sample + "abcdefghijklmnopqrstuvwxyz 0123456789\n", UTF16LE},
		{"empty", nil, "", UTF8},
		{"utf-8 with a damaged byte", append([]byte(sample+sample), 0xFF, '\n'), sample + sample + "\uFFFD\n", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.in)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
			if enc != tt.enc {
				t.Errorf("got encoding %s; want %s", enc, tt.enc)
			}
		})
	}
}

func TestDecodeBinary(t *testing.T) {
	bin := make([]byte, 512)
	for i := range bin {
		bin[i] = byte(i*7) % 32
	}
	if _, _, err := Decode(bin); !errors.Is(err, ErrBinary) {
		t.Errorf("got %v; want ErrBinary", err)
	}
}

func TestSniffTruncatedUTF8(t *testing.T) {
	b := []byte(sample)
	// Cut inside the last multi-byte rune of 报告.
	cut := b[:len("宁波市北仑区司法局2022年度政府信息公开年度报")+1]
	if got := Sniff(cut); got != UTF8 {
		t.Errorf("got %s; want utf-8 for a sample cut mid-rune", got)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(sample)
	f.Add([]byte(gbk))
	f.Add([]byte{0xFF, 0xFE, 0x41})
	f.Add([]byte{0xFE, 0xFF, 0x00})
	if b, err := os.ReadFile("../../testdata/reports/2022-ningbo-beilun-sifaju.txt"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, enc, err := Decode(data)
		if err != nil {
			return
		}
		if enc == UTF8 && utf8.Valid(data) && s != string(data) {
			t.Errorf("valid utf-8 input changed by Decode")
		}
	})
}

// FuzzNewReader: the stream is always valid UTF-8, and for an input
// shorter than the sample that Decode reads without replacing anything,
// the stream reads exactly what Decode returns. (Damaged bytes may be
// replaced one by one in the stream and run by run by Decode.)
func FuzzNewReader(f *testing.F) {
	f.Add([]byte("申请编号,收到日期\r\n"))
	f.Add([]byte("\xef\xbb\xbfa,b\n"))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00"))
	f.Add([]byte("\xc9\xea\xc7\xeb,\xb1\xe0\xba\xc5\n"))
	f.Add([]byte{0, 1, 2, 3, 0xff, 0xfe, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, _, err := NewReader(bytes.NewReader(data))
		want, _, derr := Decode(data)
		clean := derr == nil && !strings.ContainsRune(want, utf8.RuneError)
		if err != nil {
			if clean {
				t.Fatalf("NewReader refused what Decode read cleanly: %v", err)
			}
			return
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(got) {
			t.Errorf("stream read invalid UTF-8 %q", got)
		}
		if clean && string(got) != want {
			t.Errorf("stream read %q; Decode gave %q", got, want)
		}
	})
}

func TestNewReaderStreams(t *testing.T) {
	// Far more than the sample, GBK throughout: decoded as it goes.
	line := "申请编号,收到日期,申请人类型\r\n"
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String(line)
	src := strings.Repeat(gbk, 3*SampleSize/len(gbk))
	r, enc, err := NewReader(strings.NewReader(src))
	if err != nil || enc != GB18030 {
		t.Fatalf("got %v, %v; want GB18030", enc, err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat(line, 3*SampleSize/len(gbk)); string(got) != want {
		t.Errorf("decoded %d bytes; want %d", len(got), len(want))
	}
}
