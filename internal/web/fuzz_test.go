package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

// FuzzClientIP: whatever X-Forwarded-For says, the result is a valid
// address, and an untrusted peer is never overridden by the header.
func FuzzClientIP(f *testing.F) {
	for _, s := range []string{"", "1.2.3.4", "1.1.1.1, 10.0.0.1", "not-an-ip", "2001:db8::1", ",,,", "1.2.3.4\n5.6.7.8"} {
		f.Add(s, true)
	}
	c, _ := NewClientIP([]string{"10.0.0.0/8"})
	f.Fuzz(func(t *testing.T, xff string, trustedPeer bool) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "203.0.113.9:5000"
		if trustedPeer {
			r.RemoteAddr = "10.9.9.9:5000"
		}
		r.Header.Set("X-Forwarded-For", xff)
		got := c.Of(r)
		if _, err := netip.ParseAddr(got); err != nil {
			t.Fatalf("Of = %q, not an address", got)
		}
		if !trustedPeer && got != "203.0.113.9" {
			t.Fatalf("untrusted peer overridden by header: %q", got)
		}
	})
}

// FuzzParseLang: only the two supported languages ever come back.
func FuzzParseLang(f *testing.F) {
	for _, s := range []string{"en", "zh", "zh-CN", "", "EN", "fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, ok := ParseLang(s)
		if ok && l != LangZH && l != LangEN {
			t.Fatalf("ParseLang(%q) = %q", s, l)
		}
	})
}

func BenchmarkRateLimiter(b *testing.B) {
	l := NewRateLimiter(1<<30, time.Millisecond)
	for i := 0; b.Loop(); i++ {
		l.Allow("198.51.100.7")
	}
}

func BenchmarkSecurityHeaders(b *testing.B) {
	h := SecurityHeaders(false)(nopHandler{})
	r := httptest.NewRequest("GET", "/", nil)
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}
