package pagecache

import "net/http"

// A recorder holds a response while it is rendered on a miss. Up to max
// bytes it only buffers; a larger body is passed through to w as it
// comes and never kept.
type recorder struct {
	w       http.ResponseWriter
	header  http.Header
	status  int
	buf     []byte
	max     int
	through bool // passing through to w: too large to keep
}

func (rc *recorder) Header() http.Header { return rc.header }

func (rc *recorder) WriteHeader(code int) {
	if rc.status == 0 {
		rc.status = code
	}
}

func (rc *recorder) Write(b []byte) (int, error) {
	if rc.status == 0 {
		rc.status = http.StatusOK
	}
	if rc.through {
		return rc.w.Write(b)
	}
	if len(rc.buf)+len(b) > rc.max {
		rc.through = true
		rc.finish()
		return rc.w.Write(b)
	}
	rc.buf = append(rc.buf, b...)
	return len(b), nil
}

// keep reports whether the response may be cached: a complete 200 that
// sets no cookie and no caching policy of its own.
func (rc *recorder) keep() bool {
	return !rc.through && (rc.status == http.StatusOK || rc.status == 0) &&
		rc.header["Set-Cookie"] == nil && rc.header["Cache-Control"] == nil
}

// finish sends what was recorded to w as it is.
func (rc *recorder) finish() {
	h := rc.w.Header()
	for k, v := range rc.header {
		h[k] = v
	}
	if rc.status == 0 {
		rc.status = http.StatusOK
	}
	rc.w.WriteHeader(rc.status)
	if len(rc.buf) > 0 {
		_, _ = rc.w.Write(rc.buf)
		rc.buf = nil
	}
}
