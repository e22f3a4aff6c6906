package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestEChartsLock: the embedded ECharts and its LICENSE are the files
// echarts_update.sh recorded in echarts.lock, byte for byte, and the lock
// names a 5.x version.
func TestEChartsLock(t *testing.T) {
	f, err := os.Open("echarts.lock")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[string]string{}
	var version string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 2 && fields[0] == "version":
			version = fields[1]
		case len(fields) == 3 && fields[0] == "sha256":
			sums["echarts/"+fields[1]] = fields[2]
		}
	}
	if !strings.HasPrefix(version, "5.") {
		t.Errorf("echarts.lock version %q; want 5.x", version)
	}
	for _, name := range []string{EChartsAsset, "echarts/LICENSE"} {
		b, err := fs.ReadFile(assetFS, "assets/"+name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != sums[name] {
			t.Errorf("%s: sha256 %s; echarts.lock records %q (run go generate ./internal/web)", name, got, sums[name])
		}
	}
}

// TestAssetsGzip: ECharts goes gzipped, under its content-hashed URL with
// a year's cache, to a browser that accepts gzip, and as is to one that
// does not (or refuses it with q=0); the gzipped body inflates to the
// embedded file.
func TestAssetsGzip(t *testing.T) {
	a, err := NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	want, err := fs.ReadFile(assetFS, "assets/"+EChartsAsset)
	if err != nil {
		t.Fatal(err)
	}
	u := a.URL(EChartsAsset)
	if !strings.Contains(u, "?v=") {
		t.Fatalf("URL %q has no content hash", u)
	}
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{{"gzip, deflate, br", true}, {"", false}, {"gzip;q=0, identity", false}, {"*", true}} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", u, nil)
		if tc.accept != "" {
			r.Header.Set("Accept-Encoding", tc.accept)
		}
		a.ServeHTTP(rec, r)
		res := rec.Result()
		if res.StatusCode != 200 {
			t.Fatalf("%q: status %d", tc.accept, res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); !strings.Contains(got, "max-age=31536000") {
			t.Errorf("%q: Cache-Control %q; want a year", tc.accept, got)
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
			t.Errorf("%q: Content-Type %q", tc.accept, got)
		}
		body := rec.Body.Bytes()
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Fatalf("%q: gzipped %v; want %v", tc.accept, got, tc.gzip)
		}
		if tc.gzip {
			if len(body) > len(want)/2 {
				t.Errorf("gzipped %d bytes of %d", len(body), len(want))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(body, want) {
			t.Errorf("%q: body differs from the embedded file (%d bytes; want %d)", tc.accept, len(body), len(want))
		}
	}
}
