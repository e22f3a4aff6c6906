package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests cover the generator's own logic; they run no gongkai
// binary and take milliseconds.

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{4, 1, 3, 2}, 3},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) got %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestVariantName(t *testing.T) {
	if got := variantName("洪泽区人民政府", 0); got != "洪泽区人民政府" {
		t.Errorf("variant 0 got %q; want the original", got)
	}
	a, b := variantName("洪泽区人民政府", 1), variantName("洪泽区人民政府", 2)
	if a == b || !strings.HasPrefix(a, "洪泽区人民政府") {
		t.Errorf("variants %q and %q should differ and keep the name", a, b)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{[]string{"-bin", "/x/gongkai"}, true},
		{[]string{"-bin", "/x/gongkai", "-files", "0"}, false},
		{[]string{"-bin", "/x/gongkai", "-rounds", "21"}, false},
		{[]string{"-bin", "/x/gongkai", "-variants", "0"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if _, err := parseFlags(tt.args); (err == nil) != tt.ok {
				t.Errorf("got %v; want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	if err := os.WriteFile(src, []byte("年度报告"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(src, dst); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(dst); err != nil || string(b) != "年度报告" {
		t.Errorf("got %q, %v", b, err)
	}
	if err := copyFile(filepath.Join(dir, "missing"), dst); err == nil {
		t.Error("copying a missing file succeeded")
	}
}
