package audit

import "context"

type ctxRequestID struct{}

// WithRequestID returns ctx carrying the id of the HTTP request it serves.
// Record stamps that id on every event that has none, so each audit row
// of a web action can be matched with its access-log line (GB/T
// 22239-2019 8.1.4.3 b; SECURITY.md E-AUD-02 asks for request_id).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxRequestID{}, id)
}

// requestIDFrom returns the request id WithRequestID put in ctx, or "".
func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(ctxRequestID{}).(string)
	return id
}
