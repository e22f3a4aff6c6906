package hanfold

import (
	"testing"
	"unicode/utf8"
)

func TestTable(t *testing.T) {
	m := Table()
	if len(m) != 4105 {
		t.Errorf("table has %d pairs, want 4105", len(m))
	}
	n := 0
	prev := rune(-1)
	for f, s := range All() {
		if m[f] != s {
			t.Errorf("All gives %c→%c, Table %c→%c", f, s, f, m[f])
		}
		if f <= prev {
			t.Errorf("All out of order at %c", f)
		}
		prev = f
		n++
	}
	if n != len(m) {
		t.Errorf("All yields %d pairs, Table has %d", n, len(m))
	}
}

func TestRune(t *testing.T) {
	for _, c := range []struct {
		in, want rune
		ok       bool
	}{
		{'開', '开', true},
		{'資', '资', true},
		{'乾', '干', true}, // several forms: the first
		{'儘', '尽', true},
		{'瞭', '瞭', false}, // its own first form: left alone
		{'覆', '覆', false},
		{'开', '开', false},
		{'a', 'a', false},
		{'𧢄', '𫌬', true}, // outside the BMP
	} {
		got, ok := Rune(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Rune(%c) = %c, %v; want %c, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况"},
		{"收到和處理政府信息公開申請情況", "收到和处理政府信息公开申请情况"},
		{"開放政府資訊 2022 年度報告", "开放政府资讯 2022 年度报告"},
		{"（一）行政復議", "（一）行政复议"},
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseSkips(t *testing.T) {
	m := parse("# comment\n開\t开\n瞭\t瞭 了\n乾\t干 乾\nab\tc\n無\n\n")
	want := map[rune]rune{'開': '开', '乾': '干'}
	if len(m) != len(want) {
		t.Fatalf("parse gave %d pairs, want %d: %q", len(m), len(want), m)
	}
	for f, s := range want {
		if m[f] != s {
			t.Errorf("%c → %c, want %c", f, m[f], s)
		}
	}
}

// FuzzString checks that the fold keeps the rune count and is idempotent.
func FuzzString(f *testing.F) {
	f.Add("收到和處理政府信息公開申請情況")
	f.Add("\xff開")
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("String(%q) = %q changes the rune count", s, got)
		}
		if again := String(got); again != got {
			t.Fatalf("String not idempotent on %q: %q then %q", s, got, again)
		}
	})
}

func BenchmarkString(b *testing.B) {
	s := "收到和處理政府信息公開申請情況，行政復議、行政訴訟。"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = String(s)
	}
}
