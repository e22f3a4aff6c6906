package pagecache

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzAcceptEncoding: any Accept-Encoding parses without a panic, and a
// coding refused with q=0 by name is never chosen.
func FuzzAcceptEncoding(f *testing.F) {
	for _, s := range []string{"gzip, deflate, br", "br;q=0, gzip", "*;q=0.5", "gzip;q=", ";;;,,", "GZIP;Q=1.0", "br;q=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := acceptedCodings(s)
		if s == "gzip;q=0" && c.gzip || s == "br;q=0" && c.br {
			t.Fatalf("%q: a refused coding was accepted", s)
		}
		if !strings.Contains(strings.ToLower(s), "gzip") && !strings.Contains(s, "*") && c.gzip {
			t.Fatalf("%q: gzip accepted without being named", s)
		}
	})
}

// FuzzConditional: any If-None-Match and If-Modified-Since evaluate
// without a panic, and a list without the ETag (and without *) never
// answers 304.
func FuzzConditional(f *testing.F) {
	f.Add(`"abc", W/"def"`, "Sun, 06 Dec 2026 10:00:00 GMT")
	f.Add("*", "")
	f.Add(`W/`, "garbage")
	f.Fuzz(func(t *testing.T, inm, ims string) {
		r := httptest.NewRequest("GET", "/", nil)
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		if ims != "" {
			r.Header.Set("If-Modified-Since", ims)
		}
		const etag = `"Zx9-etag"`
		got := notModified(r, etag, time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC))
		if inm != "" && got && !strings.Contains(inm, etag) && !strings.Contains(inm, "*") {
			t.Fatalf("If-None-Match %q matched %s", inm, etag)
		}
	})
}
