package web

// DefaultMaxBody caps the body of every request whose route declares no
// larger one: forms and API calls are small.
const DefaultMaxBody = 1 << 20

// A RouteLimit is what a route declares about the requests it takes,
// beside its pattern, so that limits follow the route table rather than
// path strings matched in middleware. The server reads the declarations
// of every site and applies them to the route a request matches.
type RouteLimit struct {
	// MaxBody caps the request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Upload says the body carries files: it passes the server's upload
	// guard (slots, a per-address budget, a deadline growing with the
	// bytes) under MaxBody.
	Upload bool
	// Rate names the per-address rate limit the route's requests spend;
	// RateNone spends none.
	Rate Rate
}

// A Rate names one of the server's per-address rate limits.
type Rate int

// The rate limits a route may spend.
const (
	// RateNone is no rate limit.
	RateNone Rate = iota
	// RateApply is the limit of public applications (POST /apply): one
	// token a submission.
	RateApply
	// RateLookup is the limit of query-code checks (status lookups, claiming
	// a request for an account): one token a failed check (404), refused
	// while none is left.
	RateLookup
)

// Body returns the body limit l declares, DefaultMaxBody when none.
func (l RouteLimit) Body() int64 {
	if l.MaxBody > 0 {
		return l.MaxBody
	}
	return DefaultMaxBody
}
