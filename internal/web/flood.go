package web

import (
	"context"
	"net/http"
)

type floodKey struct{}

// MarkFlood returns r marked as coming from an address above the
// per-address threshold of public applications (SECURITY.md A-06): the
// application is accepted all the same, and flagged for staff.
func MarkFlood(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), floodKey{}, true))
}

// Flooded reports whether MarkFlood marked the request of ctx.
func Flooded(ctx context.Context) bool {
	v, _ := ctx.Value(floodKey{}).(bool)
	return v
}
