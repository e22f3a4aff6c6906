package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ShutdownTimeout is how long Serve waits for in-flight requests after
// the context ends before closing their connections.
const ShutdownTimeout = 30 * time.Second

// NewHTTPServer returns an http.Server with timeouts that protect against
// slow clients (a slowloris cannot hold a connection open forever).
func NewHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// Serve serves h on ln until ctx ends, then shuts down gracefully: it
// stops accepting, lets in-flight requests finish (up to ShutdownTimeout)
// and only then returns (SECURITY.md R-GS-01: ListenAndServe returns at
// once on Shutdown, so Serve waits for Shutdown itself).
func Serve(ctx context.Context, ln net.Listener, srv *http.Server, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", slog.Duration("timeout", ShutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", serr)
	}
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}
