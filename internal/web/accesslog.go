package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// AccessLog writes one structured log line per request: method, path
// (without the query string, which may carry personal data), status, bytes,
// duration, client address and request id. Header and query values are
// never logged, so session cookies and passwords cannot reach the log
// (SECURITY.md O-LOG-01); slog's JSON handler escapes control characters
// (O-LOG-03).
func AccessLog(log *slog.Logger, clientIP func(*http.Request) string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w}
			next.ServeHTTP(rec, r)
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(r.Context(), level, "http request",
				slog.String("request_id", RequestID(r.Context())),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", rec.status),
				slog.Int("bytes", rec.bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("remote", clientIP(r)),
			)
		})
	}
}

// Recover turns a panic in a handler into a 500 page that shows only the
// request id (SECURITY.md O-LOG-04: no stack trace to the client); the
// panic value is logged with the same id.
func Recover(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				id := RequestID(r.Context())
				log.ErrorContext(r.Context(), "panic in handler",
					slog.String("request_id", id), slog.String("panic", fmt.Sprint(v)))
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprintf(w, internalErrorHTML, id)
			}()
			next.ServeHTTP(w, r)
		})
	}
}

const internalErrorHTML = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>服务器错误</title>
<h1>服务器内部错误 / Internal server error</h1><p>请稍后再试。如需报告问题，请提供编号 / Please quote this id: <code>%s</code></p>`
