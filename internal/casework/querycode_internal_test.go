package casework

import (
	"bytes"
	"strings"
	"testing"
)

// TestQueryCodeUniform: bytes that a modulo would fold onto the first
// characters of the alphabet are drawn again, so every character of a
// query code is equally likely.
func TestQueryCodeUniform(t *testing.T) {
	// 248..255 would map to codeAlphabet[0..7] under a plain modulo.
	src := append(bytes.Repeat([]byte{255, 250, 248}, 6), bytes.Repeat([]byte{30}, 32)...)
	code, err := queryCodeFrom(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat(string(codeAlphabet[30]), 10); code != want {
		t.Errorf("code = %q; want %q (bytes ≥ 248 skipped)", code, want)
	}
	if _, err := queryCodeFrom(bytes.NewReader([]byte{255, 255})); err == nil {
		t.Error("a short random source gave a code; want an error")
	}
	for i := 0; i < 100; i++ {
		c, err := newQueryCode()
		if err != nil || len(c) != 10 || strings.Trim(c, codeAlphabet) != "" {
			t.Fatalf("newQueryCode = %q, %v", c, err)
		}
	}
}
