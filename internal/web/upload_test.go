package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// sink reads the whole body and answers 200 with its size, or the
// status of the read error.
func sink(w http.ResponseWriter, r *http.Request) {
	n, err := io.Copy(io.Discard, r.Body)
	switch {
	case IsTooLarge(err):
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	case errors.Is(err, ErrUploadBudget):
		w.WriteHeader(http.StatusTooManyRequests)
	case err != nil:
		w.WriteHeader(http.StatusBadRequest)
	}
	fmt.Fprint(w, n)
}

func TestUploadGuardRefusesOversizeAtOnce(t *testing.T) {
	g := NewUploadGuard(2, -1, nil)
	h := g.Limit(1000, http.HandlerFunc(sink))
	for _, tc := range []struct {
		name   string
		body   io.Reader
		length int64
		want   int
	}{
		{"declared too large", strings.NewReader(strings.Repeat("x", 1001)), 1001, 413},
		{"chunked, too large", io.MultiReader(strings.NewReader(strings.Repeat("x", 1001))), -1, 413},
		{"at the limit", strings.NewReader(strings.Repeat("x", 1000)), 1000, 200},
	} {
		r := httptest.NewRequest("POST", "/apply", tc.body)
		r.ContentLength = tc.length
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != tc.want {
			t.Errorf("%s: status %d; want %d", tc.name, rec.Code, tc.want)
		}
	}
}

func TestUploadGuardBudgetPerAddress(t *testing.T) {
	g := NewUploadGuard(2, 3000, func(r *http.Request) string { return r.Header.Get("X-Test-IP") })
	h := g.Limit(10000, http.HandlerFunc(sink))
	post := func(ip string, n int) int {
		r := httptest.NewRequest("POST", "/apply", strings.NewReader(strings.Repeat("x", n)))
		r.Header.Set("X-Test-IP", ip)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Code
	}
	if c := post("2001:db8:1:2::1", 2000); c != 200 {
		t.Fatalf("first upload: %d", c)
	}
	// Another address of the same /64 shares the budget; 2000 more is over.
	if c := post("2001:db8:1:2::ffff", 2000); c != 429 {
		t.Errorf("same /64 over the budget: %d; want 429", c)
	}
	if c := post("2001:db8:1:3::1", 2000); c != 200 {
		t.Errorf("another /64: %d; want 200", c)
	}
	if c := post("192.0.2.1", 2000); c != 200 {
		t.Errorf("an IPv4 address: %d; want 200", c)
	}
}

func TestUploadGuardSlots(t *testing.T) {
	g := NewUploadGuard(1, -1, nil)
	g.Wait = 50 * time.Millisecond
	release := make(chan struct{})
	started := make(chan struct{})
	h := g.Limit(1000, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		sink(w, r)
	}))
	var wg sync.WaitGroup
	wg.Add(1)
	first := httptest.NewRecorder()
	go func() {
		defer wg.Done()
		h.ServeHTTP(first, httptest.NewRequest("POST", "/apply", strings.NewReader("a")))
	}()
	<-started
	second := httptest.NewRecorder()
	h.ServeHTTP(second, httptest.NewRequest("POST", "/apply", strings.NewReader("b")))
	if second.Code != http.StatusServiceUnavailable || second.Header().Get("Retry-After") == "" {
		t.Errorf("upload beyond the slots: %d, Retry-After %q; want 503 with Retry-After", second.Code, second.Header().Get("Retry-After"))
	}
	close(release)
	wg.Wait()
	if first.Code != 200 {
		t.Errorf("first upload: %d", first.Code)
	}
	// The slot is free again.
	third := httptest.NewRecorder()
	g.Limit(1000, http.HandlerFunc(sink)).ServeHTTP(third, httptest.NewRequest("POST", "/apply", strings.NewReader("c")))
	if third.Code != 200 {
		t.Errorf("after the first ended: %d", third.Code)
	}
}

// slowPost sends size bytes to url in chunks every interval over a raw
// connection and returns the response's status line, or the error.
func slowPost(url string, size, chunk int, every time.Duration) (string, error) {
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		return "", err
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /apply HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", size)
	for sent := 0; sent < size; sent += chunk {
		if _, err := conn.Write(bytes.Repeat([]byte("x"), min(chunk, size-sent))); err != nil {
			return "", err
		}
		time.Sleep(every)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := readLine(conn)
	return line, err
}

func readLine(c net.Conn) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for {
		if _, err := c.Read(one); err != nil {
			return string(b), err
		}
		if one[0] == '\n' {
			return strings.TrimSpace(string(b)), nil
		}
		b = append(b, one[0])
	}
}

// TestUploadDeadlineGrowsWithBytes: under a server whose read timeout is
// 300 ms, a steady upload of 1.5 s finishes (its deadline moves with the
// bytes), while a trickle far below MinRate is cut.
func TestUploadDeadlineGrowsWithBytes(t *testing.T) {
	g := NewUploadGuard(4, -1, nil)
	g.Base, g.MinRate = 300*time.Millisecond, 20<<10
	srv := httptest.NewUnstartedServer(g.Limit(1<<20, http.HandlerFunc(sink)))
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()

	// 15 chunks of 8 KiB, one every 100 ms: 80 KiB/s, four times MinRate.
	line, err := slowPost(srv.URL, 15*8<<10, 8<<10, 100*time.Millisecond)
	if err != nil || !strings.Contains(line, "200") {
		t.Errorf("steady upload: %q, %v; want 200", line, err)
	}
	// 1 byte every 100 ms for 1.5 s: the deadline (300 ms + a few bytes
	// at 20 KiB/s) passes long before the body is complete.
	line, err = slowPost(srv.URL, 15, 1, 100*time.Millisecond)
	if err == nil && strings.Contains(line, "200") {
		t.Errorf("trickle upload: %q; want it cut", line)
	}
}

func TestReadMultipartStreamsFiles(t *testing.T) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("name", "张三")
	fw, _ := mw.CreateFormFile("files", "a.pdf")
	fw.Write([]byte("%PDF-1"))
	mw.WriteField("content", "公开")
	mw.CreateFormFile("files", "") // an empty file input
	mw.Close()
	r := httptest.NewRequest("POST", "/apply?x=1", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	var got []string
	err := ReadMultipart(r, func(field, name, ct string, body io.Reader) error {
		b, _ := io.ReadAll(body)
		got = append(got, field+":"+name+":"+string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != "files:a.pdf:%PDF-1|files::" {
		t.Errorf("files = %q", got)
	}
	if r.PostFormValue("name") != "张三" || r.PostFormValue("content") != "公开" || r.FormValue("x") != "1" {
		t.Errorf("fields = %v", r.Form)
	}
	// Text fields over MaxFormFields are refused as too large.
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("content", strings.Repeat("x", MaxFormFields+1))
	mw.Close()
	r = httptest.NewRequest("POST", "/apply", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if err := ReadMultipart(r, nil); !IsTooLarge(err) {
		t.Errorf("huge field: %v; want too large", err)
	}
}

func TestLimitKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":               "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":    "2001:db8:1:2::/64",
		"2001:db8:1:2::9":         "2001:db8:1:2::/64",
		"::ffff:192.0.2.7":        "::ffff:192.0.2.7",
		"not an address":          "not an address",
		"fe80::1%eth0":            "fe80::/64",
		"2001:db8:ffff:ffff::abc": "2001:db8:ffff:ffff::/64",
	} {
		if got := LimitKey(in); got != want {
			t.Errorf("LimitKey(%q) = %q; want %q", in, got, want)
		}
	}
	l := NewRateLimiter(1, time.Hour)
	if !l.Allow("2001:db8::1") || l.Allow("2001:db8::2") {
		t.Error("two addresses of one /64 do not share a bucket")
	}
}
