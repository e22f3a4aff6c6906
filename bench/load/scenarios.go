package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits bound every scenario: it stops at the duration or at MaxRequests
// requests, whichever comes first.
type Limits struct {
	Workers     int
	Duration    time.Duration
	MaxRequests int64
}

// An outcome is what one request came to.
type outcome int

const (
	ok outcome = iota
	failed
	limited
)

// An op makes one request as worker w and says how it went; err explains
// a failure.
type op func(ctx context.Context, w *worker) (outcome, error)

// A worker is one concurrent client with its own random source.
type worker struct {
	id  int
	rng *rand.Rand
	n   int // requests this worker made
}

// run drives op with lim.Workers workers until the duration passes or
// lim.MaxRequests requests were started.
func run(ctx context.Context, backend, scenario string, lim Limits, o op) *Result {
	res := &Result{Backend: backend, Scenario: scenario}
	ctx, cancel := context.WithTimeout(ctx, lim.Duration)
	defer cancel()
	var (
		started atomic.Int64
		mu      sync.Mutex
		wg      sync.WaitGroup
	)
	begin := time.Now()
	for i := 0; i < lim.Workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			w := &worker{id: i, rng: rand.New(rand.NewPCG(uint64(i)+1, uint64(time.Now().UnixNano())))}
			var samples []time.Duration
			var oks, errs, lims int
			var first error
			for ctx.Err() == nil && started.Add(1) <= lim.MaxRequests {
				t0 := time.Now()
				out, err := o(ctx, w)
				d := time.Since(t0)
				w.n++
				if ctx.Err() != nil && err != nil {
					break // cut off by the deadline: neither success nor error
				}
				switch out {
				case ok:
					oks++
					samples = append(samples, d)
				case limited:
					lims++
				default:
					errs++
					if first == nil {
						first = err
					}
				}
			}
			mu.Lock()
			res.Requests += oks
			res.Errors += errs
			res.Limited += lims
			res.Samples = append(res.Samples, samples...)
			if first != nil && res.Note == "" {
				res.Note = "first error: " + first.Error()
			}
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	res.Elapsed = time.Since(begin)
	return res
}

// A Client makes the driver's requests to one server: keep-alive
// connections, no redirects followed, browser-like headers on posts.
type Client struct {
	Base string
	HTTP *http.Client
}

func newClient(base string, workers int) *Client {
	tr := &http.Transport{MaxIdleConns: workers * 2, MaxIdleConnsPerHost: workers * 2, IdleConnTimeout: 30 * time.Second}
	return &Client{Base: base, HTTP: &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request and reads the whole answer.
func (c *Client) do(ctx context.Context, method, path string, form url.Values, header http.Header) (int, []byte, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, body)
	if err != nil {
		return 0, nil, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		// What a browser sends when a page posts a form to its own
		// origin: http.CrossOriginProtection lets it through.
		req.Header.Set("Origin", c.Base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Sec-Fetch-Mode", "navigate")
		req.Header.Set("Referer", c.Base+path)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// expect turns an answer into an outcome: want status and, when marker
// is not empty, a body containing it.
func expect(status int, body []byte, err error, want int, marker string) (outcome, error) {
	switch {
	case err != nil:
		return failed, err
	case status == http.StatusTooManyRequests:
		return limited, nil
	case status != want:
		return failed, fmt.Errorf("status %d; want %d: %.200s", status, want, body)
	case marker != "" && !bytes.Contains(body, []byte(marker)):
		return failed, fmt.Errorf("answer lacks %q", marker)
	}
	return ok, nil
}

// getOp is a GET of path expecting 200 and marker.
func getOp(c *Client, path, marker string, header http.Header) op {
	return func(ctx context.Context, _ *worker) (outcome, error) {
		st, b, err := c.do(ctx, http.MethodGet, path, nil, header)
		return expect(st, b, err, http.StatusOK, marker)
	}
}

// A Receipt is an acknowledged application: the server showed its
// tracking number and query code.
type Receipt struct {
	Tracking, Code string
}

// Receipts collects the acknowledged applications of a run.
type Receipts struct {
	mu   sync.Mutex
	list []Receipt
	seq  atomic.Int64
}

func (r *Receipts) add(rc Receipt) {
	r.mu.Lock()
	r.list = append(r.list, rc)
	r.mu.Unlock()
}

// pick returns a random receipt, or false when there is none.
func (r *Receipts) pick(rng *rand.Rand) (Receipt, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.list) == 0 {
		return Receipt{}, false
	}
	return r.list[rng.IntN(len(r.list))], true
}

// All returns a copy of every receipt.
func (r *Receipts) All() []Receipt {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Receipt(nil), r.list...)
}

// applicationForm fetches /apply and returns its form, or ok false when
// the page has no application form (the request service is not wired).
func applicationForm(ctx context.Context, c *Client) (Form, bool, error) {
	st, b, err := c.do(ctx, http.MethodGet, "/apply", nil, nil)
	if err != nil {
		return Form{}, false, fmt.Errorf("get /apply: %w", err)
	}
	if st != http.StatusOK {
		return Form{}, false, fmt.Errorf("get /apply: status %d", st)
	}
	return parseForm(bytes.NewReader(b), "/apply")
}

// submitOp posts the application form like a browser and keeps the
// receipt; only an answer carrying a tracking number and a query code
// counts as acknowledged.
func submitOp(c *Client, f Form, rs *Receipts) op {
	return func(ctx context.Context, w *worker) (outcome, error) {
		v := fillApplication(f, w.rng, int(rs.seq.Add(1)))
		st, b, err := c.do(ctx, http.MethodPost, "/apply", v, nil)
		out, err := expect(st, b, err, http.StatusOK, "")
		if out != ok {
			return out, err
		}
		t, code, found := parseReceipt(b)
		if !found {
			return failed, errors.New("200 without a tracking number and query code")
		}
		rs.add(Receipt{Tracking: t, Code: code})
		return ok, nil
	}
}

// lookupOp follows a random acknowledged application with its tracking
// number and query code, as the applicant does.
func lookupOp(c *Client, rs *Receipts) op {
	return func(ctx context.Context, w *worker) (outcome, error) {
		rc, found := rs.pick(w.rng)
		if !found {
			return failed, errors.New("no receipt to look up")
		}
		return lookup(ctx, c, rc)
	}
}

func lookup(ctx context.Context, c *Client, rc Receipt) (outcome, error) {
	st, b, err := c.do(ctx, http.MethodPost, "/apply/status", url.Values{"tracking": {rc.Tracking}, "code": {rc.Code}}, nil)
	return expect(st, b, err, http.StatusOK, rc.Tracking)
}

// apiOp alternates the two read endpoints of /api/v1 with the token.
func apiOp(c *Client, token string) op {
	h := http.Header{"Authorization": {"Bearer " + token}}
	return func(ctx context.Context, w *worker) (outcome, error) {
		path := "/api/v1/agencies"
		if w.n%2 == 1 {
			path = "/api/v1/me"
		}
		st, b, err := c.do(ctx, http.MethodGet, path, nil, h)
		return expect(st, b, err, http.StatusOK, "")
	}
}

// verify looks up every receipt (after a restart) and returns how many
// were found; 429 answers are retried after a pause.
func verify(ctx context.Context, c *Client, rcs []Receipt, workers int) (int, []string) {
	var (
		found atomic.Int64
		next  atomic.Int64
		mu    sync.Mutex
		bad   []string
		wg    sync.WaitGroup
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(rcs) || ctx.Err() != nil {
					return
				}
				var out outcome
				var err error
				for try := 0; try < 20; try++ {
					if out, err = lookup(ctx, c, rcs[k]); out != limited {
						break
					}
					time.Sleep(time.Second)
				}
				if out == ok {
					found.Add(1)
					continue
				}
				mu.Lock()
				if len(bad) < 5 {
					bad = append(bad, fmt.Sprintf("%s: %v", rcs[k].Tracking, err))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return int(found.Load()), bad
}
