// Package golden compares what a test produced with a golden file in
// the test's testdata and, under the one -update flag, rewrites the file
// instead (go/printer style):
//
//	golden.Check(t, "testdata/reply.txt", got)
//
// go test ./internal/letter -update rewrites the files; review the diff
// before committing. Only tests import this package.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata instead of comparing with them")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path (relative to the test's
// package directory). Under -update it writes got there first, creating
// the directory. A missing file or a difference fails the test with the
// first line that differs and how to rewrite the file.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if msg := Diff(got, want); msg != "" {
		t.Errorf("%s: %s (go test -update rewrites it; review the diff)", path, msg)
	}
}

// CheckString is Check for text.
func CheckString(t testing.TB, path, got string) {
	t.Helper()
	Check(t, path, []byte(got))
}

// Diff describes the first difference between got and want: the line
// number and both lines, or the line counts when one is a prefix of the
// other. It returns "" when they are equal.
func Diff(got, want []byte) string {
	if bytes.Equal(got, want) {
		return ""
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			return "differs at line " + strconv.Itoa(i+1) + ":\ngot:  " + clip(gl[i]) + "\nwant: " + clip(wl[i])
		}
	}
	return "differs: got " + strconv.Itoa(len(gl)) + " lines; want " + strconv.Itoa(len(wl))
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
