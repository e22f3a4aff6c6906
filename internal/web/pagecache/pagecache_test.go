package pagecache

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// world is a cache in front of a counting handler, with a generation
// the test moves and a clock it sets.
type world struct {
	cache   *Cache
	h       http.Handler
	gen     atomic.Int64
	reads   atomic.Int64 // generation reads
	renders atomic.Int64
	now     time.Time
	mu      sync.Mutex
	body    string // what the handler renders
	status  int
	header  http.Header
}

func newWorld(t *testing.T, o Options) *world {
	t.Helper()
	w := &world{now: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), body: strings.Repeat("<p>北仑区司法局 公开</p>", 50), status: 200}
	w.gen.Store(1)
	g := NewGeneration(func(context.Context) (int64, error) { w.reads.Add(1); return w.gen.Load(), nil }, time.Hour)
	g.now = w.clock
	o.Generation = g
	o.Now = w.clock
	if o.Route == nil {
		o.Route = func(r *http.Request) (string, bool) {
			return "GET " + r.URL.Path, !strings.HasPrefix(r.URL.Path, "/apply")
		}
	}
	if o.SessionCookies == nil {
		o.SessionCookies = []string{"gk_portal", "gk_session"}
	}
	w.cache = New(o)
	w.h = w.cache.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.renders.Add(1)
		w.mu.Lock()
		body, status, header := w.body, w.status, w.header
		w.mu.Unlock()
		for k, v := range header {
			rw.Header()[k] = v
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		rw.WriteHeader(status)
		io.WriteString(rw, body+" "+r.URL.RawQuery)
	}))
	return w
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

func (w *world) get(t *testing.T, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, r)
	return rec
}

func TestHitAfterMiss(t *testing.T) {
	w := newWorld(t, Options{})
	a := w.get(t, "GET", "/catalog?page=2")
	b := w.get(t, "GET", "/catalog?page=2")
	if w.renders.Load() != 1 {
		t.Fatalf("rendered %d times, want once", w.renders.Load())
	}
	if a.Body.String() != b.Body.String() || a.Code != 200 || b.Code != 200 {
		t.Fatalf("the cached answer differs: %d %d", a.Code, b.Code)
	}
	for _, k := range []string{"ETag", "Last-Modified", "Content-Type", "Content-Length"} {
		if b.Header().Get(k) == "" || a.Header().Get(k) != b.Header().Get(k) {
			t.Errorf("%s: first %q, cached %q", k, a.Header().Get(k), b.Header().Get(k))
		}
	}
	if got := b.Header().Get("Cache-Control"); got != "public, max-age=10" {
		t.Errorf("Cache-Control %q", got)
	}
	if got := b.Header().Get("Vary"); got != "Accept-Encoding, Cookie" {
		t.Errorf("Vary %q", got)
	}
	if w.get(t, "GET", "/catalog?page=3"); w.renders.Load() != 2 {
		t.Errorf("another query was served from the first page's entry")
	}
	if w.reads.Load() != 1 {
		t.Errorf("the generation was read %d times, want once (no database round trip per request)", w.reads.Load())
	}
}

func TestGenerationInvalidates(t *testing.T) {
	w := newWorld(t, Options{})
	w.get(t, "GET", "/")
	w.gen.Store(2)
	w.body = "new"
	// Not touched and within the interval: the number is not read again.
	if got := w.get(t, "GET", "/").Body.String(); strings.HasPrefix(got, "new") || w.renders.Load() != 1 {
		t.Fatalf("the generation was read before the interval without a Touch")
	}
	w.cache.o.Generation.Touch()
	if got := w.get(t, "GET", "/").Body.String(); !strings.HasPrefix(got, "new") {
		t.Fatalf("after a Touch the old page was served: %q", got[:20])
	}
	// Another process moves it: read again once the interval passed.
	w.gen.Store(3)
	w.body = "newer"
	w.advance(time.Hour + time.Second)
	if got := w.get(t, "GET", "/").Body.String(); !strings.HasPrefix(got, "newer") {
		t.Fatalf("after the interval the old page was served")
	}
}

func TestLastModifiedKeptForTheSameBody(t *testing.T) {
	w := newWorld(t, Options{})
	first := w.get(t, "GET", "/").Header().Get("Last-Modified")
	w.advance(time.Minute)
	w.gen.Store(2)
	w.cache.o.Generation.Touch()
	again := w.get(t, "GET", "/")
	if w.renders.Load() != 2 || again.Header().Get("Last-Modified") != first {
		t.Errorf("re-rendered the same body: Last-Modified %q, was %q", again.Header().Get("Last-Modified"), first)
	}
}

func TestNextDayRendersAgain(t *testing.T) {
	w := newWorld(t, Options{MaxLife: 24 * time.Hour})
	w.get(t, "GET", "/reports")
	w.advance(5*time.Hour + 59*time.Minute) // 18:00 → 23:59 in Beijing
	w.get(t, "GET", "/reports")
	if w.renders.Load() != 1 {
		t.Fatalf("rendered again the same day")
	}
	w.advance(2 * time.Minute) // 00:01 the next day in Beijing
	w.get(t, "GET", "/reports")
	if w.renders.Load() != 2 {
		t.Errorf("a page of yesterday (Beijing) was served: a report that became late would not say so")
	}
}

func TestPassedThrough(t *testing.T) {
	for _, tt := range []struct {
		name, method, target string
		header               []string
	}{
		{"public session", "GET", "/", []string{"Cookie", "gk_lang=en; gk_portal=abc"}},
		{"staff session", "GET", "/", []string{"Cookie", "gk_session=abc"}},
		{"authorization", "GET", "/", []string{"Authorization", "Bearer x"}},
		{"language switch", "GET", "/?lang=en", nil},
		{"text switch", "GET", "/?text=large", nil},
		{"post", "POST", "/", nil},
		{"route not cacheable", "GET", "/apply", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, Options{})
			for range 2 {
				if rec := w.get(t, tt.method, tt.target, tt.header...); rec.Header().Get("ETag") != "" || rec.Header().Get("Cache-Control") != "" {
					t.Errorf("answered from the cache's rules: %v", rec.Header())
				}
			}
			if w.renders.Load() != 2 {
				t.Errorf("rendered %d times, want 2", w.renders.Load())
			}
			if n, _ := w.cache.Len(); n != 0 {
				t.Errorf("%d entries kept", n)
			}
		})
	}
}

func TestNotKept(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		header http.Header
		body   string
	}{
		{"not found", 404, nil, "x"},
		{"sets a cookie", 200, http.Header{"Set-Cookie": {"a=b"}}, "x"},
		{"its own cache policy", 200, http.Header{"Cache-Control": {"no-store"}}, "x"},
		{"too large", 200, nil, strings.Repeat("x", 5000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, Options{MaxEntry: 4096})
			w.status, w.header, w.body = tt.status, tt.header, tt.body
			for range 2 {
				rec := w.get(t, "GET", "/x")
				if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) {
					t.Fatalf("passed through wrongly: %d, %d bytes", rec.Code, rec.Body.Len())
				}
				if rec.Header().Get("ETag") != "" {
					t.Errorf("served with the cache's validators")
				}
			}
			if w.renders.Load() != 2 {
				t.Errorf("rendered %d times, want 2", w.renders.Load())
			}
		})
	}
}

func TestKeyedByPreferencesAndHost(t *testing.T) {
	w := newWorld(t, Options{})
	w.get(t, "GET", "/")
	w.get(t, "GET", "/", "Cookie", "gk_lang=en")
	w.get(t, "GET", "/", "Cookie", "gk_text=large")
	w.get(t, "GET", "http://evil.example/")
	w.get(t, "GET", "/", "Cookie", "gk_lang=zh-CN; other=1")
	if w.renders.Load() != 4 {
		t.Errorf("rendered %d times, want 4 (zh, en, large text, another host; zh again from the cache)", w.renders.Load())
	}
	w.get(t, "GET", "/catalog/items/a/b")
	w.get(t, "GET", "/catalog/items/a%2Fb")
	if w.renders.Load() != 6 {
		t.Errorf("a%%2Fb was served from a/b's entry (they may route apart)")
	}
}

func TestConditional(t *testing.T) {
	w := newWorld(t, Options{})
	first := w.get(t, "GET", "/")
	etag, lm := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	earlier := w.now.Add(-time.Hour).Format(http.TimeFormat)
	for _, tt := range []struct {
		name   string
		header []string
		want   int
	}{
		{"matching etag", []string{"If-None-Match", etag}, 304},
		{"weak matching etag in a list", []string{"If-None-Match", `"zzz", W/` + etag}, 304},
		{"star", []string{"If-None-Match", "*"}, 304},
		{"other etag", []string{"If-None-Match", `"zzz"`}, 200},
		{"other etag wins over a matching date", []string{"If-None-Match", `"zzz"`, "If-Modified-Since", lm}, 200},
		{"same date", []string{"If-Modified-Since", lm}, 304},
		{"earlier date", []string{"If-Modified-Since", earlier}, 200},
		{"bad date", []string{"If-Modified-Since", "yesterday"}, 200},
		{"gzip etag asked without gzip", []string{"If-None-Match", strings.TrimSuffix(etag, `"`) + `-gz"`}, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := w.get(t, "GET", "/", tt.header...)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if tt.want == 304 && (rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag || rec.Header().Get("Cache-Control") == "") {
				t.Errorf("304 with %d bytes, ETag %q, Cache-Control %q", rec.Body.Len(), rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
			}
		})
	}
}

func TestEncodings(t *testing.T) {
	w := newWorld(t, Options{})
	plain := w.get(t, "GET", "/").Body.String()
	// Brotli is made in the background once a reader asks for it; until
	// then the reader gets gzip.
	if got := w.get(t, "GET", "/", "Accept-Encoding", "br, gzip").Header().Get("Content-Encoding"); got != "gzip" && got != "br" {
		t.Fatalf("the first br request got %q", got)
	}
	for deadline := time.Now().Add(10 * time.Second); w.get(t, "GET", "/", "Accept-Encoding", "br").Header().Get("Content-Encoding") != "br"; {
		if time.Now().After(deadline) {
			t.Fatal("no brotli encoding after 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	decode := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
	}
	etags := map[string]string{}
	for _, tt := range []struct{ accept, want string }{
		{"gzip", "gzip"},
		{"gzip, deflate, br", "br"},
		{"br;q=0, gzip", "gzip"},
		{"gzip;q=0", ""},
		{"*", "br"},
		{"*, br;q=0", "gzip"},
		{"identity", ""},
		{"GZIP;Q=0.5", "gzip"},
		{"gzip;q=bad", ""},
	} {
		rec := w.get(t, "GET", "/", "Accept-Encoding", tt.accept)
		if got := rec.Header().Get("Content-Encoding"); got != tt.want {
			t.Errorf("Accept-Encoding %q: %q, want %q", tt.accept, got, tt.want)
			continue
		}
		r, err := decode[tt.want](bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		if string(b) != plain {
			t.Errorf("Accept-Encoding %q: the body decodes to something else", tt.accept)
		}
		if rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("Content-Length %s for %d bytes", rec.Header().Get("Content-Length"), rec.Body.Len())
		}
		etags[tt.want] = rec.Header().Get("ETag")
	}
	if len(etags) != 3 || etags[""] == etags["gzip"] || etags["gzip"] == etags["br"] {
		t.Errorf("each encoding needs its own ETag: %v", etags)
	}
	if w.renders.Load() != 1 {
		t.Errorf("rendered %d times", w.renders.Load())
	}
}

func TestHead(t *testing.T) {
	w := newWorld(t, Options{})
	if rec := w.get(t, "HEAD", "/"); w.renders.Load() != 1 || rec.Header().Get("ETag") != "" {
		t.Fatalf("a HEAD miss was kept")
	}
	get := w.get(t, "GET", "/")
	head := w.get(t, "HEAD", "/")
	if head.Body.Len() != 0 || head.Header().Get("Content-Length") != get.Header().Get("Content-Length") || head.Header().Get("ETag") != get.Header().Get("ETag") {
		t.Errorf("HEAD from the cache: %d bytes, %v", head.Body.Len(), head.Header())
	}
}

func TestBounded(t *testing.T) {
	w := newWorld(t, Options{MaxBytes: 20 << 10})
	for i := range 100 {
		w.get(t, "GET", "/page?"+strconv.Itoa(i))
		if _, b := w.cache.Len(); b > 20<<10 {
			t.Fatalf("after %d pages the cache holds %d bytes, over its bound", i+1, b)
		}
	}
	n, _ := w.cache.Len()
	if n == 0 || n >= 100 {
		t.Fatalf("%d entries", n)
	}
	w.get(t, "GET", "/page?99") // the newest is still there
	if w.renders.Load() != 100 {
		t.Errorf("the most recent page was evicted")
	}
	w.get(t, "GET", "/page?0") // the oldest is gone
	if w.renders.Load() != 101 {
		t.Errorf("the least recently used page was kept beyond the bound")
	}
}

func TestOneRenderAtATime(t *testing.T) {
	w := newWorld(t, Options{})
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	w.h = w.cache.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.renders.Add(1)
		started <- struct{}{}
		<-release
		rw.Header().Set("Content-Type", "text/html")
		io.WriteString(rw, "page")
	}))
	var wg sync.WaitGroup
	bodies := make([]string, 10)
	for i := range bodies {
		wg.Go(func() { bodies[i] = w.get(t, "GET", "/busy").Body.String() })
		if i == 0 {
			<-started
		}
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if w.renders.Load() != 1 {
		t.Errorf("%d renders of one page requested at once, want 1", w.renders.Load())
	}
	for _, b := range bodies {
		if b != "page" {
			t.Fatalf("a waiting request got %q", b)
		}
	}
}

func TestMaxLife(t *testing.T) {
	w := newWorld(t, Options{MaxLife: time.Minute})
	w.get(t, "GET", "/")
	w.advance(59 * time.Second)
	w.get(t, "GET", "/")
	if w.renders.Load() != 1 {
		t.Fatalf("rendered again within MaxLife")
	}
	w.advance(time.Second)
	w.get(t, "GET", "/")
	if w.renders.Load() != 2 {
		t.Errorf("an entry was served past MaxLife with the generation unchanged")
	}
}
