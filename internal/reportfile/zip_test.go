package reportfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/reportfile"
)

type entry struct {
	name string
	data []byte
}

func zipOf(t testing.TB, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func reportText(seed uint64, agency string) []byte {
	r := reportgen.Report(rand.New(rand.NewPCG(seed, 7)), report.Template2021)
	r.Agency, r.Year = agency, 2025
	return []byte(reportgen.Render(r, reportgen.Pipes))
}

// TestZip reads the reports of a zip, skips folders, hidden files,
// __MACOSX and other extensions, lists an unreadable entry, and keeps no
// file in memory: each Import reopens its entry.
func TestZip(t *testing.T) {
	a, b := reportText(1, "宁波市北仑区司法局"), reportText(2, "宁波市北仑区教育局")
	z := zipOf(t,
		entry{"2025/北仑区司法局.txt", a},
		entry{"2025/教育局.TXT", b},
		entry{"2025/说明.doc", []byte("not a report")},
		entry{"__MACOSX/2025/._教育局.txt", []byte("junk")},
		entry{"2025/.hidden.txt", []byte("junk")},
		entry{"2025/坏文件.txt", []byte("这不是年度报告")},
	)
	items, probs, err := reportfile.Zip(context.Background(), bytes.NewReader(z), int64(len(z)), reportfile.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].File != "2025/北仑区司法局.txt" || items[1].Report.Agency != "宁波市北仑区教育局" {
		t.Fatalf("items %+v", items)
	}
	if len(probs) != 1 || probs[0].File != "2025/坏文件.txt" {
		t.Fatalf("problems %+v; want the one unreadable entry", probs)
	}
	for i, want := range [][]byte{a, b} {
		if items[i].Data != nil || items[i].Format != "text" {
			t.Errorf("item %d holds its data or lost its format: %q", i, items[i].Format)
		}
		rc, err := items[i].Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, want) {
			t.Errorf("item %d reopens to %d bytes; want the entry's %d", i, len(got), len(want))
		}
	}
}

// TestZipLimits refuses, before inflating anything, a zip whose
// directory declares too many entries, an entry too large, too high a
// ratio or too much in all; an entry whose header understates its size is
// caught while it is read.
func TestZipLimits(t *testing.T) {
	big := bytes.Repeat([]byte("年"), 1<<20) // 3 MiB that deflates to a few KiB
	small := reportfile.Limits{MaxEntries: 3, MaxEntry: 8 << 20, MaxTotal: 10 << 20, MaxRatio: 200, RatioFloor: 1 << 20}
	for _, tc := range []struct {
		name string
		zip  []byte
		lim  reportfile.Limits
		want string
	}{
		{"entries", zipOf(t, entry{"a.txt", nil}, entry{"b.txt", nil}, entry{"c.txt", nil}, entry{"d.txt", nil}), small, "4 entries"},
		{"entry size", zipOf(t, entry{"a.txt", big}), reportfile.Limits{MaxEntries: 3, MaxEntry: 1 << 20, MaxTotal: 10 << 20, MaxRatio: 1000, RatioFloor: 1 << 20}, "declares"},
		{"ratio", zipOf(t, entry{"a.txt", big}), small, "inflates"},
		{"total", zipOf(t, entry{"a.txt", big[:2<<20]}, entry{"b.txt", big[:2<<20]}), reportfile.Limits{MaxEntries: 3, MaxEntry: 8 << 20, MaxTotal: 3 << 20, MaxRatio: 100000, RatioFloor: 1 << 20}, "in all"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := reportfile.Zip(context.Background(), bytes.NewReader(tc.zip), int64(len(tc.zip)), tc.lim)
			var le *reportfile.LimitError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want a LimitError about %q", err, tc.want)
			}
		})
	}
	t.Run("lying header", func(t *testing.T) {
		z := zipOf(t, entry{"a.txt", reportText(3, "宁波市北仑区司法局")})
		// Patch the central directory's uncompressed size of the entry
		// to 10 bytes (archive/zip trusts it as the read limit).
		i := bytes.LastIndex(z, []byte("PK\x01\x02"))
		copy(z[i+24:i+28], []byte{10, 0, 0, 0})
		_, probs, err := reportfile.Zip(context.Background(), bytes.NewReader(z), int64(len(z)), reportfile.DefaultLimits)
		if err != nil || len(probs) != 1 {
			t.Fatalf("err %v, problems %+v; want the entry refused", err, probs)
		}
	})
	t.Run("not a zip", func(t *testing.T) {
		b := []byte("北仑区司法局 2025 年度报告")
		if _, _, err := reportfile.Zip(context.Background(), bytes.NewReader(b), int64(len(b)), reportfile.DefaultLimits); !errors.Is(err, reportfile.ErrNotZip) {
			t.Fatalf("err = %v; want ErrNotZip", err)
		}
	})
}

// FuzzZip: any bytes give items, problems or an error, never a panic,
// and within the limits.
func FuzzZip(f *testing.F) {
	f.Add(zipOf(f, entry{"a.txt", reportText(1, "宁波市北仑区司法局")}))
	f.Add(zipOf(f, entry{"a.json", []byte("{}")}, entry{"b/", nil}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	lim := reportfile.Limits{MaxEntries: 50, MaxEntry: 1 << 20, MaxTotal: 4 << 20, MaxRatio: 200, RatioFloor: 64 << 10}
	f.Fuzz(func(t *testing.T, b []byte) {
		items, _, err := reportfile.Zip(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
		if err != nil && len(items) > 0 {
			t.Fatalf("items with an error")
		}
		if len(items) > lim.MaxEntries {
			t.Fatalf("%d items over the limit", len(items))
		}
	})
}
