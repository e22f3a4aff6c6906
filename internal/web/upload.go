package web

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// Upload limits by default (SECURITY.md O-BL-01, O-FU-03). Files stream
// to the blob store through a few buffers, so memory does not bound how
// many uploads run at once; disk bandwidth and the database do. These
// defaults let twenty applicants a second upload in full without letting
// one address fill the disk.
const (
	// MinUploadSlots is the fewest uploads that run at once by default,
	// server-wide: twice the CPUs, at least this (sealing and hashing
	// are CPU work; more at once only slows the small requests beside
	// them). The next ones wait up to UploadQueueWait, then get 503.
	MinUploadSlots = 4
	// UploadQueueWait is how long an upload waits for a slot.
	UploadQueueWait = 60 * time.Second
	// DefaultUploadPerHour bytes of uploads per address (an IPv6 /64) an
	// hour: ten applications with their attachments at the limit.
	DefaultUploadPerHour = 400 << 20
	// UploadBaseTimeout is the read deadline of an upload before any byte
	// arrives (the server's ReadTimeout for other requests).
	UploadBaseTimeout = 60 * time.Second
	// UploadMinRate is the slowest steady upload that is never cut: each
	// byte received adds 1/UploadMinRate s to the deadline (64 kbit/s,
	// a poor mobile link).
	UploadMinRate = 8 << 10
)

// An UploadGuard limits the routes that take files: their body size (413
// at once when Content-Length says it is over, else when it gets there),
// how many run at once server-wide, and how many bytes an address may
// upload an hour (429). It replaces the server's fixed 60 s read timeout
// with a deadline that grows with the bytes received, so a slow but
// steady upload finishes and a trickle does not hold a connection.
type UploadGuard struct {
	slots    chan struct{}
	perIP    *RateLimiter
	clientIP func(*http.Request) string
	// Base and MinRate set the deadline: Base + bytes received / MinRate
	// from the start of the request (UploadBaseTimeout, UploadMinRate).
	Base    time.Duration
	MinRate int64
	// Wait is how long a request waits for a slot (UploadQueueWait).
	Wait time.Duration
}

// NewUploadGuard returns a guard with slots concurrent uploads and
// perHour bytes per address an hour (defaults when zero; no per-address
// budget when negative).
func NewUploadGuard(slots int, perHour int64, clientIP func(*http.Request) string) *UploadGuard {
	if slots <= 0 {
		slots = max(MinUploadSlots, 2*runtime.NumCPU())
	}
	if perHour == 0 {
		perHour = DefaultUploadPerHour
	}
	g := &UploadGuard{slots: make(chan struct{}, slots), clientIP: clientIP,
		Base: UploadBaseTimeout, MinRate: UploadMinRate, Wait: UploadQueueWait}
	if perHour > 0 {
		g.perIP = NewRateLimiter(int(perHour), time.Hour/time.Duration(perHour))
	}
	if g.clientIP == nil {
		g.clientIP = func(r *http.Request) string { return r.RemoteAddr }
	}
	return g
}

// Limit returns next behind the guard with a body limit of maxBody bytes.
// Requests without a body (GET) pass untouched.
func (g *UploadGuard) Limit(maxBody int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > maxBody {
			tooLargeResponse(w, maxBody)
			return
		}
		ip := g.clientIP(r)
		if r.ContentLength > 0 && !g.perIP.Available(ip) {
			uploadRefused(w, http.StatusTooManyRequests, "本地址上传的附件过多，请一小时后再试，或通过信函、当面等方式提交（条例第二十九条）。",
				"Too many uploads from this address; try again in an hour, or apply by letter or in person.")
			return
		}
		wait := time.NewTimer(g.Wait)
		defer wait.Stop()
		select {
		case g.slots <- struct{}{}:
			defer func() { <-g.slots }()
		case <-wait.C:
			w.Header().Set("Retry-After", "30")
			uploadRefused(w, http.StatusServiceUnavailable, "同时上传的人数较多，请稍后再试。", "Many uploads are in progress; please try again shortly.")
			return
		case <-r.Context().Done():
			return
		}
		rc := http.NewResponseController(w)
		body := &deadlineBody{r: http.MaxBytesReader(w, r.Body, maxBody), rc: rc, g: g, ip: ip, start: time.Now()}
		body.extend()
		r.Body = body
		next.ServeHTTP(w, r)
	})
}

// ErrUploadBudget is the error of a body read after its address spent its
// hourly upload budget.
var ErrUploadBudget = errors.New("web: upload budget of this address spent")

// deadlineBody moves the connection's read and write deadlines forward
// as bytes arrive and spends them from the address's budget.
type deadlineBody struct {
	r     io.ReadCloser
	rc    *http.ResponseController
	g     *UploadGuard
	ip    string
	start time.Time
	n     int64
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		b.n += int64(n)
		if !b.g.perIP.AllowN(b.ip, n) {
			return n, ErrUploadBudget
		}
		b.extend()
	}
	return n, err
}

func (b *deadlineBody) Close() error { return b.r.Close() }

// extend sets the deadline to start + Base + received/MinRate; the
// response gets another Base to be written after it.
func (b *deadlineBody) extend() {
	d := b.start.Add(b.g.Base + time.Duration(float64(b.n)/float64(b.g.MinRate)*float64(time.Second)))
	_ = b.rc.SetReadDeadline(d)
	_ = b.rc.SetWriteDeadline(d.Add(b.g.Base))
}

func tooLargeResponse(w http.ResponseWriter, max int64) {
	uploadRefused(w, http.StatusRequestEntityTooLarge,
		"提交的内容超过 "+strconv.FormatInt(max>>20, 10)+" MB 的上限。",
		"The submission is over the limit of "+strconv.FormatInt(max>>20, 10)+" MB.")
}

// uploadRefused answers a refused upload with a short bilingual page
// (the body was not read: the connection closes after it).
func uploadRefused(w http.ResponseWriter, status int, zh, en string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Connection", "close")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>`+http.StatusText(status)+`</title><p>`+
		zh+`</p><p lang="en">`+en+`</p><p><a href="/">返回 / Back</a></p>`)
}

// MaxFormFields bounds the text fields of a multipart form together.
const MaxFormFields = 1 << 20

// ReadMultipart reads a form part by part, without spooling files to
// memory or temporary files: text fields go to r.PostForm and r.Form (at
// most MaxFormFields bytes together), and every file part is handed to
// file in order, to be read before the next part. A body that is not
// multipart is parsed with ParseForm. file's error stops the reading and
// is returned.
func ReadMultipart(r *http.Request, file func(field, name, contentType string, body io.Reader) error) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return r.ParseForm()
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return err
	}
	vals := url.Values{}
	budget := int64(MaxFormFields)
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if p.FileName() == "" && p.FormName() != "" && !isFilePart(p) {
			b, err := io.ReadAll(io.LimitReader(p, budget+1))
			if err != nil {
				return err
			}
			if budget -= int64(len(b)); budget < 0 {
				return &http.MaxBytesError{Limit: MaxFormFields}
			}
			vals.Add(p.FormName(), string(b))
			continue
		}
		if err := file(p.FormName(), p.FileName(), p.Header.Get("Content-Type"), p); err != nil {
			return err
		}
	}
	r.PostForm = vals
	r.Form = vals
	for k, vs := range r.URL.Query() {
		r.Form[k] = append(r.Form[k], vs...)
	}
	return nil
}

// isFilePart reports whether p is a file input left empty (a filename=""
// parameter with a body of zero bytes still names a file part).
func isFilePart(p *multipart.Part) bool {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return false
	}
	_, ok := params["filename"]
	return ok
}

// UploadError gives an error reading an upload's body its message: over
// limit bytes (413), the address's hourly budget spent (429), or a body
// that could not be read; an apperr error (a refused file) stays as it is.
func UploadError(err error, limit int64) error {
	var mb *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mb):
		return apperr.Wrap(apperr.Invalid, "upload.too_large", err, limit>>20)
	case errors.Is(err, ErrUploadBudget):
		return apperr.Wrap(apperr.Invalid, "upload.budget", err)
	case apperr.KindOf(err) != apperr.Internal:
		return err
	}
	return apperr.Wrap(apperr.Invalid, "upload.unreadable", err)
}
