package web

import (
	"net/netip"
	"sync"
	"time"
)

// LimitKey is the key a limit counts an address under: an IPv6 address
// by its /64, the smallest network an ISP gives one subscriber (who can
// pick any of its 2⁶⁴ addresses); an IPv4 address, and any key that is
// not an address, as it is.
func LimitKey(key string) string {
	a, err := netip.ParseAddr(key)
	if err != nil || !a.Unmap().Is6() {
		return key
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// A RateLimiter is a token bucket per key (a client IP for the login
// form): each key may spend Burst attempts at once and regains one every
// Every. It complements the per-account lockout of internal/auth: the
// lockout stops guessing one password, the limiter stops one address from
// trying many accounts (SECURITY.md O-AUTH-03).
type RateLimiter struct {
	Burst int
	Every time.Duration
	Now   func() time.Time // for tests; time.Now when nil

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewRateLimiter returns a limiter allowing burst attempts per key and one
// more every interval.
func NewRateLimiter(burst int, every time.Duration) *RateLimiter {
	return &RateLimiter{Burst: burst, Every: every, buckets: map[string]*bucket{}}
}

func (l *RateLimiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Allow spends one attempt for key and reports whether it was available.
func (l *RateLimiter) Allow(key string) bool { return l.AllowN(key, 1) }

// AllowN spends n attempts (bytes, for a byte budget) for key, all or
// none, and reports whether they were available.
func (l *RateLimiter) AllowN(key string, n int) bool {
	if l == nil || l.Burst <= 0 {
		return true
	}
	key = LimitKey(key)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	l.evict(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(l.Burst), last: now}
		l.buckets[key] = b
	}
	if l.Every > 0 {
		b.tokens += float64(now.Sub(b.last)) / float64(l.Every)
	}
	if b.tokens > float64(l.Burst) {
		b.tokens = float64(l.Burst)
	}
	b.last = now
	if b.tokens < float64(n) {
		return false
	}
	b.tokens -= float64(n)
	return true
}

// evict drops buckets that have refilled completely, at most once a
// minute, so the map cannot grow without bound.
func (l *RateLimiter) evict(now time.Time) {
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	l.sweep = now
	full := time.Duration(l.Burst) * l.Every
	for k, b := range l.buckets {
		if now.Sub(b.last) >= full {
			delete(l.buckets, k)
		}
	}
}

// Available reports whether key has an attempt left, without spending it.
// With Allow it builds a limiter that counts only failures: check
// Available before the attempt, call Allow after one that failed.
func (l *RateLimiter) Available(key string) bool {
	if l == nil || l.Burst <= 0 {
		return true
	}
	key = LimitKey(key)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return true
	}
	tokens := b.tokens
	if l.Every > 0 {
		tokens += float64(now.Sub(b.last)) / float64(l.Every)
	}
	return tokens >= 1
}
