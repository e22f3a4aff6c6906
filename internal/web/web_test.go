package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSecurityHeaders(t *testing.T) {
	h := SecurityHeaders(false)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
		"X-Frame-Options":        "DENY",
	}
	for k, v := range want {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s = %q; want %q", k, got, v)
		}
	}
	csp := rec.Header().Get("Content-Security-Policy")
	for _, part := range []string{"frame-ancestors 'none'", "default-src 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %q", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows unsafe code: %q", csp)
	}
	if rec.Header().Get("Permissions-Policy") == "" {
		t.Error("no Permissions-Policy")
	}
	if rec.Header().Get("Strict-Transport-Security") != "" {
		t.Error("HSTS on plain HTTP")
	}
	rec = httptest.NewRecorder()
	SecurityHeaders(true)(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS with hsts=true")
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(3, time.Minute)
	l.Now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if !l.Allow("1.2.3.4") {
			t.Fatalf("attempt %d refused; want allowed", i+1)
		}
	}
	if l.Allow("1.2.3.4") {
		t.Fatal("4th attempt allowed; want refused")
	}
	if !l.Allow("5.6.7.8") {
		t.Fatal("other address refused")
	}
	now = now.Add(time.Minute)
	if !l.Allow("1.2.3.4") {
		t.Fatal("refill after a minute refused")
	}
	if l.Allow("1.2.3.4") {
		t.Fatal("second attempt after one refill allowed")
	}
}

func TestRateLimiterAvailable(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(2, time.Minute)
	l.Now = func() time.Time { return now }
	for i := 0; i < 5; i++ {
		if !l.Available("1.2.3.4") {
			t.Fatalf("check %d: unavailable before any attempt; Available must not spend", i+1)
		}
	}
	l.Allow("1.2.3.4")
	l.Allow("1.2.3.4")
	if l.Available("1.2.3.4") {
		t.Fatal("available after the burst was spent")
	}
	now = now.Add(time.Minute)
	if !l.Available("1.2.3.4") {
		t.Fatal("unavailable after a refill")
	}
	var nilLimiter *RateLimiter
	if !nilLimiter.Available("x") {
		t.Fatal("nil limiter refused")
	}
}

func TestClientIP(t *testing.T) {
	c, bad := NewClientIP([]string{"10.0.0.0/8", "192.168.1.1", "nonsense"})
	if len(bad) != 1 || bad[0] != "nonsense" {
		t.Fatalf("bad = %v; want [nonsense]", bad)
	}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"direct", "203.0.113.5:1234", "", "203.0.113.5"},
		{"spoofed from untrusted", "203.0.113.5:1234", "1.1.1.1", "203.0.113.5"},
		{"via trusted proxy", "10.1.2.3:80", "198.51.100.7", "198.51.100.7"},
		{"client prepends a fake hop", "10.1.2.3:80", "1.1.1.1, 198.51.100.7", "198.51.100.7"},
		{"two trusted hops", "10.1.2.3:80", "198.51.100.7, 192.168.1.1", "198.51.100.7"},
		{"garbage header", "10.1.2.3:80", "not-an-ip", "10.1.2.3"},
		{"ipv6", "[2001:db8::1]:443", "", "2001:db8::1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := c.Of(r); got != tc.want {
				t.Errorf("got %s; want %s", got, tc.want)
			}
		})
	}
}

func TestPrefs(t *testing.T) {
	var got Prefs
	h := WithPrefs(false)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = PrefsFrom(r.Context()) }))
	tests := []struct {
		name, url, cookie string
		want              Prefs
		setsCookie        bool
	}{
		{"default", "/", "", Prefs{Lang: LangZH}, false},
		{"query en", "/?lang=en", "", Prefs{Lang: LangEN}, true},
		{"cookie en", "/", LangCookie + "=en", Prefs{Lang: LangEN}, false},
		{"query beats cookie", "/?lang=zh", LangCookie + "=en", Prefs{Lang: LangZH}, true},
		{"bad value ignored", "/?lang=xx", "", Prefs{Lang: LangZH}, false},
		{"large text", "/?text=large", "", Prefs{Lang: LangZH, LargeText: true}, true},
		{"large cookie", "/", TextCookie + "=large", Prefs{Lang: LangZH, LargeText: true}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.url, nil)
			if tc.cookie != "" {
				r.Header.Set("Cookie", tc.cookie)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if got != tc.want {
				t.Errorf("got %+v; want %+v", got, tc.want)
			}
			if set := rec.Header().Get("Set-Cookie") != ""; set != tc.setsCookie {
				t.Errorf("sets cookie = %v; want %v", set, tc.setsCookie)
			}
		})
	}
}

func TestRecoverHidesPanic(t *testing.T) {
	var logBuf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logBuf, nil))
	h := Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("secret detail") }),
		WithRequestID, Recover(log))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 {
		t.Fatalf("status %d; want 500", rec.Code)
	}
	id := rec.Header().Get(RequestIDHeader)
	if id == "" || !strings.Contains(rec.Body.String(), id) {
		t.Errorf("page does not show request id %q", id)
	}
	if strings.Contains(rec.Body.String(), "secret detail") {
		t.Error("panic value leaked to the client")
	}
	if !strings.Contains(logBuf.String(), "secret detail") || !strings.Contains(logBuf.String(), id) {
		t.Errorf("log lacks panic or id: %s", logBuf.String())
	}
}

func TestAccessLogJSON(t *testing.T) {
	var logBuf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logBuf, nil))
	cip, _ := NewClientIP(nil)
	h := Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(418) }),
		WithRequestID, AccessLog(log, cip.Of))
	r := httptest.NewRequest("GET", "/x?password=hunter2", nil)
	r.Header.Set("Cookie", "gk_session=topsecret")
	r.Header.Set("User-Agent", "evil\nforged line")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	var line map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(logBuf.Bytes()), &line); err != nil {
		t.Fatalf("log is not one JSON line: %v: %s", err, logBuf.String())
	}
	if line["status"] != float64(418) || line["path"] != "/x" || line["request_id"] != rec.Header().Get(RequestIDHeader) {
		t.Errorf("log line = %v", line)
	}
	for _, secret := range []string{"hunter2", "topsecret"} {
		if strings.Contains(logBuf.String(), secret) {
			t.Errorf("log contains %q", secret)
		}
	}
}

func TestServeGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = w.Write([]byte("finished"))
	})
	log := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, NewHTTPServer(h, log), log) }()
	type result struct {
		body string
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			resc <- result{err: err}
			return
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		resc <- result{body: b.String()}
	}()
	<-started
	cancel() // shut down while the request is in flight
	select {
	case err := <-done:
		t.Fatalf("Serve returned before the in-flight request finished: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	res := <-resc
	if res.err != nil || res.body != "finished" {
		t.Fatalf("in-flight request: body %q, err %v; want finished", res.body, res.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

func TestStatusOfAndAssets(t *testing.T) {
	a, err := NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		code int
	}{{a.URL("app.css"), 200}, {"/assets/", 404}, {"/assets/nope.css", 404}, {"/assets/../web.go", 404}} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = strings.SplitN(tc.path, "?", 2)[0]
		a.ServeHTTP(rec, r)
		if rec.Code != tc.code {
			t.Errorf("%s: status %d; want %d", tc.path, rec.Code, tc.code)
		}
	}
}

type nopHandler struct{}

func (nopHandler) ServeHTTP(http.ResponseWriter, *http.Request) {}
