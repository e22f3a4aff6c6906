package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/gongkai/gongkai/internal/audit"
)

// RequestIDHeader is the response header that carries the request id, so
// that a user reporting an error page can quote it and an operator can find
// the matching log line.
const RequestIDHeader = "X-Request-Id"

// NewRequestID returns a fresh random request id (16 hex characters).
func NewRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// WithRequestID gives every request a new random id, stored in its
// context (where audit.Log.Record finds it for the audit rows the request
// writes) and echoed in the X-Request-Id response header. An id sent by the
// client is ignored: it could be used to forge log lines.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := NewRequestID()
		w.Header().Set(RequestIDHeader, id)
		ctx := audit.WithRequestID(context.WithValue(r.Context(), ctxRequestID, id), id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
