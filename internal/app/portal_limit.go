package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/web"
)

// Default per-address limits of the public forms (SECURITY.md O-BL-01,
// ), counted per IPv4 address and per IPv6 /64. An application
// is a right (条例第二十九条), so the threshold only flags: beyond twenty
// applications at once and one more every three minutes, far above what
// a person splitting a request one matter per application (一事一申请)
// files, each further application is recorded all the same and marked
// for staff (it is only 待确认 until they confirm it, which is when the
// receipt date is set under 第三十一条). Only the ceiling refuses, with
// 429: 300 at once and then one every 6 seconds (600 an hour), far above
// a service hall or a carrier's shared address, so that it stops only a
// program. Status lookups count only failures: ten wrong
// tracking-number/query-code pairs, then one more a minute, so a query
// code cannot be guessed however often the right one is used.
const (
	defaultApplyBurst        = 20
	defaultApplyEvery        = 3 * time.Minute
	defaultApplyCeiling      = 300
	defaultApplyCeilingEvery = 6 * time.Second
	defaultLookupBurst       = 10
	defaultLookupEvery       = time.Minute
)

// portalLimits rate-limits the public form posts by client address, as
// their routes declare (web.RouteLimit.Rate): an application (RateApply,
// POST /apply) spends a token of the ceiling (none left: 429) and one of
// the threshold (none left: the submission goes on, marked
// web.MarkFlood for the portal to flag for staff, SECURITY.md A-06); a
// query-code check (RateLookup: the status lookups and /account/claim)
// spends one per failed lookup (404) and is refused while none is left.
// A refused post gets 429 with a Retry-After and a page that names the
// other channels of 条例第二十九条 (letter, fax, in person), which no limit
// applies to.
func portalLimits(apply, ceiling, lookup *web.RateLimiter, clientIP func(*http.Request) string, route func(*http.Request) web.RouteLimit) web.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch route(r).Rate {
			case web.RateApply:
				ip := clientIP(r)
				if !ceiling.Allow(ip) {
					tooMany(w, ceiling.Every)
					return
				}
				if !apply.Allow(ip) {
					r = web.MarkFlood(r)
				}
			case web.RateLookup:
				ip := clientIP(r)
				if !lookup.Available(ip) {
					tooMany(w, lookup.Every)
					return
				}
				rec := &statusOnly{ResponseWriter: w}
				next.ServeHTTP(rec, r)
				if rec.status == http.StatusNotFound {
					lookup.Allow(ip)
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func tooMany(w http.ResponseWriter, every time.Duration) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Retry-After", strconv.Itoa(int(every/time.Second)+1))
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(tooManyHTML))
}

const tooManyHTML = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>请求过于频繁</title>
<h1>请求过于频繁 / Too many requests</h1>
<p>本地址提交过于频繁，请稍后再试。您也可以通过信函、传真或当面向行政机关提出申请（《政府信息公开条例》第二十九条）。</p>
<p>Too many submissions from this address; please try again later. You can also apply by letter, fax or in person.</p>
<p><a href="/apply">返回 / Back</a></p>`

// statusOnly remembers the status of a response.
type statusOnly struct {
	http.ResponseWriter
	status int
}

func (s *statusOnly) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusOnly) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusOnly) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// newLimiter returns a per-IP limiter of burst and every, the defaults
// when burst is zero, or nil (no limit) when burst is negative.
func newLimiter(burst int, every time.Duration, defBurst int, defEvery time.Duration) *web.RateLimiter {
	switch {
	case burst < 0:
		return nil
	case burst == 0:
		burst, every = defBurst, defEvery
	}
	return web.NewRateLimiter(burst, every)
}
