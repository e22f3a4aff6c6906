// Package pagecache serves the portal's anonymous GETs from memory: a
// page rendered once is kept, compressed (gzip, brotli) and sent again
// with no database round trip and no session work until something public
// changes, which the database's public generation says (see Generation).
//
// A request is served or stored only when it is a GET or HEAD without a
// session cookie, without an Authorization header and without the lang=
// or text= parameters (which set a preference cookie). The key is the
// host, the path, the query and the visitor's display preferences
// (language, large text). A response is kept only when the route is cacheable (Options.
// Route), its status is 200, it sets no cookie and no Cache-Control of
// its own, and it fits Options.MaxEntry. Entries carry the generation and
// the day in Beijing they were rendered at; pages that depend on the date
// (a report that became late, the guide in force) are rendered anew the
// next day. No entry is served longer than Options.MaxLife (ten minutes):
// a bound on what a missing trigger would leave stale.
//
// Every cached answer carries ETag (a hash of the body; a suffix per
// encoding), Last-Modified, Vary: Accept-Encoding, Cookie and
// Cache-Control: public, max-age=10, and answers If-None-Match or
// If-Modified-Since with 304. Text is kept gzipped (-9, on the miss) and,
// once a reader asked for br, brotli-compressed (quality 11, in the
// background).
package pagecache

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/internal/web"
)

// Default bounds of a Cache.
const (
	// DefaultMaxBytes bounds the bytes a cache holds: bodies and their
	// encodings, keys and about entryOverhead of bookkeeping per entry.
	DefaultMaxBytes = 64 << 20
	// DefaultMaxEntry is the largest body kept; a larger response is
	// passed through.
	DefaultMaxEntry = 2 << 20
	// DefaultMaxAge is the max-age of Cache-Control: how long a CDN or a
	// proxy in front may serve a page before it revalidates it.
	DefaultMaxAge = 10 * time.Second
	// DefaultMaxLife is how long an entry is served at most, whatever the
	// generation says: a bound on the staleness of what a trigger would
	// miss (a table public pages read that has none).
	DefaultMaxLife = 10 * time.Minute
)

// entryOverhead is what an entry costs beyond its bytes (maps, list
// element, header slices), counted against MaxBytes.
const entryOverhead = 512

// Options configure a Cache.
type Options struct {
	// Generation is the public generation the entries are checked against.
	Generation *Generation
	// Route returns the route pattern a request matches and whether its
	// responses may be kept; it is called on misses only.
	Route func(*http.Request) (pattern string, cacheable bool)
	// SessionCookies are the names of the session cookies: a request that
	// carries one is passed through, never served from nor stored.
	SessionCookies []string
	// MaxBytes, MaxEntry and MaxAge default to DefaultMaxBytes,
	// DefaultMaxEntry and DefaultMaxAge.
	MaxBytes int64
	MaxEntry int
	MaxAge   time.Duration
	// MaxLife defaults to DefaultMaxLife.
	MaxLife time.Duration
	// Observe, when set, is told of every answer served from the cache
	// (the metrics of the route the page was rendered for).
	Observe func(route, method string, status int, d time.Duration)
	// Now is the clock of Last-Modified and of the day; nil: time.Now.
	Now func() time.Time
}

// A Cache is the rendered-page cache. It is safe for concurrent use.
type Cache struct {
	o            Options
	cacheControl []string

	mu       sync.Mutex
	entries  map[string]*list.Element // of *entry
	lru      *list.List               // most recently used first
	bytes    int64
	inflight map[string]chan struct{}
	// brSlot lets one brotli compression run at a time (compressLater).
	brSlot chan struct{}
}

// New returns a cache with o's bounds.
func New(o Options) *Cache {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxEntry <= 0 {
		o.MaxEntry = DefaultMaxEntry
	}
	if o.MaxAge <= 0 {
		o.MaxAge = DefaultMaxAge
	}
	if o.MaxLife <= 0 {
		o.MaxLife = DefaultMaxLife
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Cache{
		o:            o,
		cacheControl: []string{"public, max-age=" + strconv.Itoa(int(o.MaxAge/time.Second))},
		entries:      map[string]*list.Element{},
		lru:          list.New(),
		inflight:     map[string]chan struct{}{},
		brSlot:       make(chan struct{}, 1),
	}
}

// An entry is one cached response.
type entry struct {
	key      string
	gen, day int64
	route    string
	header   http.Header // the handler's headers, without cookies, lengths or caching
	identity *representation
	gzip     *representation                // nil when not worth it
	br       atomic.Pointer[representation] // made in the background (compressLater)
	brTried  atomic.Bool                    // compressLater took it
	modified time.Time                      // when the body last changed (Last-Modified)
	lastMod  []string
	rendered time.Time // when this entry was rendered (MaxLife)
	size     int64
}

// Vary names what a cached page depends on beyond its URL: the encoding,
// and the preference cookies (language, large text).
var vary = []string{"Accept-Encoding, Cookie"}

// Middleware returns the cache as a middleware in front of next.
func (c *Cache) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := c.key(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		start := c.o.Now()
		gen, err := c.o.Generation.Current(r.Context())
		if err != nil {
			next.ServeHTTP(w, r) // the database will answer for itself
			return
		}
		day := beijingDay(start)
		if e := c.get(key, gen, day, start); e != nil {
			status := c.serve(w, r, e)
			if c.o.Observe != nil {
				c.o.Observe(e.route, r.Method, status, c.o.Now().Sub(start))
			}
			return
		}
		c.miss(w, r, next, key, gen, day)
	})
}

// key returns the cache key of r, or false when r must be passed through.
func (c *Cache) key(r *http.Request) (string, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead || r.Header["Authorization"] != nil {
		return "", false
	}
	q := r.URL.RawQuery
	if strings.Contains(q, "lang=") || strings.Contains(q, "text=") {
		return "", false // WithPrefs sets a cookie on these
	}
	prefs := web.Prefs{Lang: web.LangZH}
	if len(r.Header["Cookie"]) > 0 {
		for _, ck := range r.Cookies() {
			for _, name := range c.o.SessionCookies {
				if ck.Name == name {
					return "", false
				}
			}
		}
		prefs = web.CookiePrefs(r)
	}
	// The host is part of the key: without a public_url the feeds and the
	// sitemap link to the host a request named.
	var b strings.Builder
	b.Grow(len(r.Host) + len(r.URL.Path) + len(r.URL.RawPath) + len(q) + 16)
	if r.TLS != nil {
		b.WriteString("https://")
	}
	b.WriteString(r.Host)
	if r.URL.RawPath != "" {
		b.WriteString(r.URL.RawPath) // a%2Fb and a/b may route apart
	} else {
		b.WriteString(r.URL.Path)
	}
	b.WriteByte('?')
	b.WriteString(q)
	b.WriteByte(0)
	b.WriteString(string(prefs.Lang))
	if prefs.LargeText {
		b.WriteString("+large")
	}
	return b.String(), true
}

// get returns the entry of key rendered at gen on day less than MaxLife
// before now, or nil.
func (c *Cache) get(key string, gen, day int64, now time.Time) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if e.gen != gen || e.day != day || now.Sub(e.rendered) >= c.o.MaxLife {
		return nil
	}
	c.lru.MoveToFront(el)
	return e
}

// put stores e, keeping the Last-Modified of the entry it replaces when
// the body is the same, and evicts the least recently used entries
// beyond MaxBytes.
func (c *Cache) put(e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.key]; ok {
		old := el.Value.(*entry)
		if old.identity.etag[0] == e.identity.etag[0] && old.modified.Before(e.modified) {
			e.modified, e.lastMod = old.modified, old.lastMod
		}
		c.remove(el)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.size
	c.evict()
}

// evict removes the least recently used entries beyond MaxBytes.
func (c *Cache) evict() {
	for c.bytes > c.o.MaxBytes && c.lru.Len() > 0 {
		c.remove(c.lru.Back())
	}
}

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.bytes -= e.size
}

// Len returns the number of entries and the bytes they count for.
func (c *Cache) Len() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.bytes
}

// miss renders the page through next, once per key at a time (requests
// for a page being rendered wait for it), and keeps it when it may.
func (c *Cache) miss(w http.ResponseWriter, r *http.Request, next http.Handler, key string, gen, day int64) {
	route, ok := c.o.Route(r)
	if !ok || r.Method == http.MethodHead {
		next.ServeHTTP(w, r)
		return
	}
	c.mu.Lock()
	if ch, busy := c.inflight[key]; busy {
		c.mu.Unlock()
		if waitFor(r.Context(), ch) {
			if e := c.get(key, gen, day, c.o.Now()); e != nil {
				c.serve(w, r, e)
				return
			}
		}
		next.ServeHTTP(w, r)
		return
	}
	ch := make(chan struct{})
	c.inflight[key] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.inflight, key)
		c.mu.Unlock()
		close(ch)
	}()

	rec := &recorder{w: w, header: http.Header{}, max: c.o.MaxEntry}
	next.ServeHTTP(rec, r)
	if !rec.keep() {
		rec.finish()
		return
	}
	e := c.newEntry(key, route, gen, day, rec)
	c.put(e)
	c.serve(w, r, e)
}

func waitFor(ctx context.Context, ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	case <-ctx.Done():
		return false
	}
}

// newEntry builds the entry of a recorded response: its hash, its
// encodings when they are smaller.
func (c *Cache) newEntry(key, route string, gen, day int64, rec *recorder) *entry {
	body := rec.buf
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:12])
	h := rec.header.Clone()
	for _, k := range []string{"Set-Cookie", "Content-Length", "Date", "Cache-Control", "Etag", "Last-Modified", "Vary", "Content-Encoding"} {
		delete(h, k)
	}
	for k, v := range h {
		h[k] = v[:len(v):len(v)] // an Add by a later middleware copies instead of writing into the entry
	}
	modified := c.o.Now().UTC().Truncate(time.Second)
	e := &entry{key: key, gen: gen, day: day, route: route, header: h,
		identity: newRepresentation(body, "", `"`+tag+`"`),
		modified: modified, lastMod: []string{modified.Format(http.TimeFormat)}, rendered: c.o.Now()}
	e.size = int64(len(key)+len(body)) + entryOverhead
	if compressible(h.Get("Content-Type")) {
		if gz := gzipBytes(body); len(gz) < len(body) {
			e.gzip = newRepresentation(gz, "gzip", `"`+tag+`-gz"`)
			e.size += int64(len(gz))
		}
	} else {
		e.brTried.Store(true) // nothing to compress
	}
	return e
}

// compressLater makes e's brotli encoding in the background, unless it is
// made already or another compression is running (a later request asks
// again). The encoding counts against MaxBytes once added.
func (c *Cache) compressLater(e *entry) {
	if e.brTried.Load() {
		return
	}
	select {
	case c.brSlot <- struct{}{}:
	default:
		return
	}
	if !e.brTried.CompareAndSwap(false, true) {
		<-c.brSlot
		return
	}
	go func() {
		defer func() { <-c.brSlot }()
		body := e.identity.body
		br := brotliBytes(body)
		if len(br) >= len(body) {
			return
		}
		rep := newRepresentation(br, "br", strings.TrimSuffix(e.identity.etag[0], `"`)+`-br"`)
		c.mu.Lock()
		defer c.mu.Unlock()
		if el, ok := c.entries[e.key]; ok && el.Value.(*entry) == e {
			e.br.Store(rep)
			e.size += int64(len(br))
			c.bytes += int64(len(br))
			c.evict()
		}
	}()
}

// serve writes e as the answer to r: 304 when r's validators match, else
// the representation r accepts. It returns the status.
func (c *Cache) serve(w http.ResponseWriter, r *http.Request, e *entry) int {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	rep := e.identity
	if acc := r.Header["Accept-Encoding"]; len(acc) > 0 {
		cod := acceptedCodings(strings.Join(acc, ","))
		br := e.br.Load()
		if cod.br && br == nil {
			c.compressLater(e)
		}
		switch {
		case cod.br && br != nil:
			rep = br
		case cod.gzip && e.gzip != nil:
			rep = e.gzip
		}
	}
	h["Cache-Control"] = c.cacheControl
	h["Vary"] = vary
	h["Etag"] = rep.etag
	h["Last-Modified"] = e.lastMod
	if notModified(r, rep.etag[0], e.modified) {
		delete(h, "Content-Type")
		delete(h, "Content-Disposition")
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	if rep.encoding != nil {
		h["Content-Encoding"] = rep.encoding
	}
	h["Content-Length"] = rep.length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(rep.body)
	}
	return http.StatusOK
}

// notModified evaluates If-None-Match (weak comparison, RFC 9110 §13.1.2)
// and, only when it is absent, If-Modified-Since (§13.1.3).
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header["If-None-Match"]; len(inm) > 0 {
		for _, v := range inm {
			for t := range strings.SplitSeq(v, ",") {
				t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
				if t == "*" || t == etag {
					return true
				}
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.After(t)
	}
	return false
}

// beijingDay numbers the day in China Standard Time (UTC+8, no daylight
// saving) that t falls on.
func beijingDay(t time.Time) int64 {
	return (t.Unix() + 8*3600) / 86400
}
