package mailer_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/mailer"
)

func TestMessageGolden(t *testing.T) {
	m := mailer.Message{From: "北仑区司法局 <gk@example.gov.cn>", To: "zhangsan@example.cn",
		Subject: "政府信息公开申请 2024-0001 办理通知 / Notice on request 2024-0001",
		Body:    "您好：\n\n您的申请（编号 2024-0001）已开始办理。\n",
		Date:    time.Date(2024, 3, 4, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	b, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`Message-ID: <[0-9a-f]+@`).ReplaceAllString(string(b), "Message-ID: <ID@")
	golden.CheckString(t, filepath.Join("testdata", "message.eml"), got)
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"zhangsan@example.cn", "zhangsan@example.cn", true},
		{" 张三 <zhangsan@example.cn> ", "zhangsan@example.cn", true},
		{"zhangsan@example.cn\r\nBcc: x@evil.cn", "", false},
		{"a@example.cn, b@example.cn", "", false},
		{"a@example.cn; b@example.cn", "", false},
		{"not an address", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := mailer.ParseAddress(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseAddress(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"a@b.cn", "张三 <z@b.cn>", "a@b.cn\r\nBcc: c@d.cn", "\"x\\\"y\"@b.cn", "<@b.cn>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := mailer.ParseAddress(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(a, "\r\n<>") || !strings.Contains(a, "@") {
			t.Fatalf("ParseAddress(%q) = %q", s, a)
		}
		b, err := mailer.Message{From: "gk@example.gov.cn", To: s, Subject: s, Body: s}.Bytes()
		if err != nil {
			return
		}
		head, _, _ := strings.Cut(string(b), "\r\n\r\n")
		if n := strings.Count(head, "\r\n"); n != 8 {
			t.Fatalf("address %q gives %d header lines:\n%s", s, n+1, head)
		}
	})
}

func BenchmarkMessageBytes(b *testing.B) {
	m := mailer.Message{From: "gk@example.gov.cn", To: "zhangsan@example.cn", Subject: "政府信息公开申请 2024-0001 办理通知",
		Body: strings.Repeat("您的申请（编号 2024-0001）已开始办理。\n", 20)}
	for b.Loop() {
		if _, err := m.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
