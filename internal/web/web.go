// Package web is the HTTP plumbing shared by the public portal
// (web/portal), the back office (web/backoffice, with its sections
// web/admin and web/office) and the integration API
// (web/api): middleware (request ids, JSON access logs, panic recovery,
// security headers, metrics), language and large-text preferences,
// embedded templates and assets, the per-IP login rate limit, sessions and
// the server lifecycle with graceful shutdown.
//
// The package never imports the store: the sites get the small interfaces
// they need from internal/app, which wires everything.
package web

import (
	"context"
	"net/http"
)

type ctxKey int

const (
	ctxRequestID ctxKey = iota
	ctxPrefs
)

// RequestID returns the id that the RequestID middleware gave the request,
// or "" outside it.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxRequestID).(string)
	return id
}

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies the middlewares so that the first one listed is the
// outermost: Chain(h, a, b) serves a(b(h)).
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
