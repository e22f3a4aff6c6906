package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A target is one backend's server with what the scenarios need: the
// client, the application form, an API token and the receipts so far.
type target struct {
	backend  string
	store    []string // --data DIR or --database-url URL
	logPath  string
	srv      *Server
	client   *Client
	receipts *Receipts
	form     Form
	formWhy  string // why there is no form; "" when there is one
	token    string
	tokenErr error
	drop     func()
}

// startTarget creates a fresh store for backend, starts `serve --demo` on
// it and prepares the form and the token.
func startTarget(ctx context.Context, cfg Config, bin, tmp, backend string) (*target, error) {
	t := &target{backend: backend, logPath: filepath.Join(tmp, backend+"-server.log"), receipts: &Receipts{}, drop: func() {}}
	switch backend {
	case "sqlite":
		t.store = []string{"--data", filepath.Join(tmp, "sqlite")}
	case "postgres":
		dsn, drop, err := createPostgres(ctx, cfg.Postgres)
		if err != nil {
			return nil, err
		}
		t.drop = drop
		t.store = []string{"--database-url", dsn}
		// serve migrates a new SQLite file itself but refuses an
		// unmigrated PostgreSQL database.
		if err := migrate(ctx, bin, t.store...); err != nil {
			drop()
			return nil, err
		}
	}
	srv, err := startServer(ctx, bin, t.logPath, append([]string{"serve", "--demo"}, t.store...)...)
	if err != nil {
		t.drop()
		return nil, err
	}
	t.srv = srv
	t.client = newClient(srv.Base, cfg.Limits.Workers)
	form, found, err := applicationForm(ctx, t.client)
	switch {
	case err != nil:
		t.formWhy = err.Error()
	case !found:
		t.formWhy = "/apply shows no application form (the portal's request service is not wired in this build)"
	default:
		t.form = form
	}
	t.tokenErr = errors.New("serve --demo printed no password for demo-sysadmin")
	if pw, ok := srv.demoPassword("demo-sysadmin"); ok {
		t.token, t.tokenErr = issueToken(ctx, srv.Base, "demo-sysadmin", pw)
	}
	return t, nil
}

// scenario runs one scenario on t, or returns why it is skipped.
func (t *target) scenario(ctx context.Context, lim Limits, s string) *Result {
	skip := func(why string) *Result { return &Result{Backend: t.backend, Scenario: s, Skipped: why} }
	switch s {
	case "home":
		return run(ctx, t.backend, s, lim, getOp(t.client, "/", "<html", nil))
	case "healthz":
		return run(ctx, t.backend, s, lim, getOp(t.client, "/healthz", "", nil))
	case "submit":
		if t.formWhy != "" {
			return skip(t.formWhy)
		}
		return run(ctx, t.backend, s, lim, submitOp(t.client, t.form, t.receipts))
	case "lookup":
		if len(t.receipts.All()) == 0 {
			return skip("no acknowledged submission to look up (the submit scenario did not run or failed)")
		}
		return run(ctx, t.backend, s, lim, lookupOp(t.client, t.receipts))
	case "uploads", "uploads-docx":
		if t.formWhy != "" {
			return skip(t.formWhy)
		}
		return t.uploadsScenario(ctx, lim, s, s == "uploads-docx")
	case "api":
		if t.tokenErr != nil {
			return skip("no API token: " + t.tokenErr.Error())
		}
		return run(ctx, t.backend, s, lim, apiOp(t.client, t.token))
	}
	return skip("unknown scenario")
}

// finish stops the server with SIGTERM (exit status 0 required),
// restarts it on the same store, looks up every acknowledged
// application, stops it again and drops a PostgreSQL database.
func (t *target) finish(ctx context.Context, cfg Config, bin string, out io.Writer) error {
	defer t.drop()
	if n, err := metricsCount(ctx, t.client, "POST /apply", "200"); err == nil {
		fmt.Fprintf(out, "%s: /metrics counts %d answers 200 to POST /apply; the driver holds %d receipts (answers cut off by a deadline are not kept)\n",
			t.backend, n, len(t.receipts.All()))
	} else {
		fmt.Fprintf(out, "%s: /metrics: %v\n", t.backend, err)
	}
	t.client.HTTP.CloseIdleConnections()
	if err := t.srv.Stop(45 * time.Second); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: server stopped by SIGTERM, exit status 0\n", t.backend)
	rcs := t.receipts.All()
	if len(rcs) == 0 {
		return nil
	}
	srv, err := startServer(ctx, bin, t.logPath, append([]string{"serve"}, t.store...)...)
	if err != nil {
		return fmt.Errorf("restart for verification: %w", err)
	}
	vc := newClient(srv.Base, cfg.Limits.Workers)
	found, bad := verify(ctx, vc, rcs, cfg.Limits.Workers)
	vc.HTTP.CloseIdleConnections()
	stopErr := srv.Stop(45 * time.Second)
	fmt.Fprintf(out, "%s: after a restart, %d of %d acknowledged applications found by status lookup\n", t.backend, found, len(rcs))
	if found != len(rcs) {
		return fmt.Errorf("%d acknowledged applications missing after restart, e.g. %s", len(rcs)-found, strings.Join(bad, "; "))
	}
	return stopErr
}

// runAll starts one server per backend, then runs each scenario on every
// backend back to back (the first backend alternates by round, so drift
// in the machine's load hits both alike), merges the rounds and finishes
// every target.
func runAll(ctx context.Context, cfg Config, bin, tmp string, backends []string, out io.Writer) ([]*Result, []string) {
	var failures []string
	var targets []*target
	for _, b := range backends {
		t, err := startTarget(ctx, cfg, bin, tmp, b)
		if err != nil {
			failures = append(failures, b+": "+err.Error())
			fmt.Fprintf(out, "%s: FAILED to start: %v\n", b, err)
			continue
		}
		fmt.Fprintf(out, "%s: server ready at %s (log %s)\n", b, t.srv.Base, t.logPath)
		// A short warm-up, not recorded: connections, template and
		// statement caches.
		run(ctx, b, "warm-up", Limits{Workers: cfg.Limits.Workers, Duration: 500 * time.Millisecond, MaxRequests: 500},
			getOp(t.client, "/", "<html", nil))
		targets = append(targets, t)
	}
	merged := map[string]*Result{}
	var order []*Result
	for round := 0; round < cfg.Rounds; round++ {
		for _, s := range allScenarios {
			if !cfg.Scenarios[s] {
				continue
			}
			for i := range targets {
				t := targets[(i+round)%len(targets)]
				if ctx.Err() != nil {
					break
				}
				r := t.scenario(ctx, cfg.Limits, s)
				fmt.Fprintf(out, "round %d: %s\n", round+1, summaryLine(r))
				key := t.backend + "/" + s
				if m, ok := merged[key]; ok {
					m.merge(r)
				} else {
					merged[key] = r
				}
			}
		}
	}
	// Report in backend order, then scenario order.
	for _, t := range targets {
		for _, s := range allScenarios {
			if r, ok := merged[t.backend+"/"+s]; ok {
				order = append(order, r)
			}
		}
	}
	for _, t := range targets {
		if err := t.finish(ctx, cfg, bin, out); err != nil {
			failures = append(failures, t.backend+": "+err.Error())
			fmt.Fprintf(out, "%s: FAILED: %v\n", t.backend, err)
		}
	}
	return order, failures
}

// metricsCount sums gongkai_http_requests_total for a route pattern and
// status code from /metrics.
func metricsCount(ctx context.Context, c *Client, route, code string) (int64, error) {
	st, b, err := c.do(ctx, http.MethodGet, "/metrics", nil, nil)
	if err != nil {
		return 0, err
	}
	if st != http.StatusOK {
		return 0, fmt.Errorf("status %d", st)
	}
	var n int64
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "gongkai_http_requests_total{") ||
			!strings.Contains(line, `route="`+route+`"`) || !strings.Contains(line, `code="`+code+`"`) {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("read %q: %w", line, err)
		}
		n += int64(v)
	}
	return n, nil
}
