package publicuser_test

import (
	"testing"

	"github.com/gongkai/gongkai/internal/publicuser"
)

func TestNormalizeLogin(t *testing.T) {
	cases := []struct {
		in, want string
		kind     publicuser.Kind
		ok       bool
	}{
		{" ZhangSan@Example.CN ", "zhangsan@example.cn", publicuser.Email, true},
		{"13812345678", "13812345678", publicuser.Phone, true},
		{"+86 138-1234-5678", "13812345678", publicuser.Phone, true},
		{"0086 13812345678", "13812345678", publicuser.Phone, true},
		{"12812345678", "", "", false},
		{"1381234567", "", "", false},
		{"zhangsan", "", "", false},
		{"a@b", "", "", false},
		{"a@@b.cn", "", "", false},
		{"", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, kind, err := publicuser.NormalizeLogin(c.in)
			if (err == nil) != c.ok || got != c.want || kind != c.kind {
				t.Fatalf("got %q, %q, %v; want %q, %q, ok %v", got, kind, err, c.want, c.kind, c.ok)
			}
		})
	}
}

func FuzzNormalizeLogin(f *testing.F) {
	for _, s := range []string{"zhangsan@example.cn", "+86 138-1234-5678", "", "@", "１３８１２３４５６７８"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, kind, err := publicuser.NormalizeLogin(s)
		if err != nil {
			return
		}
		again, kind2, err := publicuser.NormalizeLogin(got)
		if err != nil || again != got || kind2 != kind {
			t.Fatalf("%q normalises to %q, which normalises to %q, %v", s, got, again, err)
		}
	})
}

func BenchmarkNormalizeLogin(b *testing.B) {
	for b.Loop() {
		_, _, _ = publicuser.NormalizeLogin("+86 138-1234-5678")
	}
}
