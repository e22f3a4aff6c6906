package reportfile_test

import (
	"bytes"
	"testing"

	"github.com/gongkai/gongkai/internal/reportfile"
)

// TestZipProgress: the progress of a zip's reading names each report file
// before it is read, never goes back, and ends with every file read; the
// files it skips (folders, other extensions) are not counted.
func TestZipProgress(t *testing.T) {
	z := zipOf(t,
		entry{"a/司法局.txt", reportText(1, "宁波市北仑区司法局")},
		entry{"a/说明.doc", []byte("not a report")},
		entry{"b/教育局.txt", reportText(2, "宁波市北仑区教育局")},
		entry{"b/坏文件.txt", []byte("这不是年度报告")},
	)
	var got []reportfile.Progress
	items, probs, err := reportfile.ZipProgress(t.Context(), bytes.NewReader(z), int64(len(z)), reportfile.DefaultLimits,
		func(p reportfile.Progress) { got = append(got, p) })
	if err != nil || len(items) != 2 || len(probs) != 1 {
		t.Fatalf("got %d items, %d problems, %v; want 2, 1, nil", len(items), len(probs), err)
	}
	want := []reportfile.Progress{{0, 3, "a/司法局.txt"}, {1, 3, "b/教育局.txt"}, {2, 3, "b/坏文件.txt"}, {3, 3, ""}}
	if len(got) != len(want) {
		t.Fatalf("got %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("step %d: got %+v; want %+v", i, got[i], want[i])
		}
	}
}
