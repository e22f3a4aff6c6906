package apitoken

import (
	"strings"
	"testing"
)

func TestNewSecret(t *testing.T) {
	s1, h1 := NewSecret()
	s2, h2 := NewSecret()
	if s1 == s2 || h1 == h2 {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(s1, Prefix) || len(s1) < len(Prefix)+50 {
		t.Errorf("secret %q lacks the prefix or entropy", s1)
	}
	if Hash(s1) != h1 || len(h1) != 64 || strings.Contains(h1, strings.TrimPrefix(s1, Prefix)) {
		t.Errorf("Hash(%q) = %q; want the stored hash %q", s1, Hash(s1), h1)
	}
}

func BenchmarkHash(b *testing.B) {
	s, _ := NewSecret()
	for b.Loop() {
		Hash(s)
	}
}
