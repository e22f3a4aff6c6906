package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// An overviewTarget is one page measured.
type overviewTarget struct {
	name string
	url  string
	c    *http.Client
	auth string // bearer token, or "" for the session's cookie
	took []time.Duration
	size int
}

// overviewPhase starts `gongkai serve` on the bench's database and
// measures the supervisor overview of the last year end to end: the API
// with a token of the province's 政务公开办 (the whole province, then
// agency= one county's government) and the back office's HTML page for a
// 监督员 of that office (the same two scopes). Each is asked once to warm
// up, then -repeat times in turn; the median is reported.
func (b *bench) overviewPhase(ctx context.Context) error {
	office := b.ags[1]
	if !office.NoReport || office.Oversees == "" {
		return errors.New("the hierarchy's second agency is not the province's office")
	}
	year := b.cfg.Years[len(b.cfg.Years)-1]
	// A newer binary than the one that set the database up may bring
	// migrations (the overview's own tables among them).
	if _, _, err := b.gongkai(ctx, "migrate"); err != nil {
		return err
	}
	secret, _, err := b.gongkai(ctx, "token", "add", "--agency", office.Name, "--name", "bench-province-"+time.Now().Format("150405"))
	if err != nil {
		return err
	}
	secret = strings.TrimSpace(secret)
	login := "bench" + time.Now().Format("150405")
	out, _, err := b.gongkai(ctx, "user", "add", "--agency", office.Name, "--name", login, "--role", "supervisor")
	if err != nil {
		return err
	}
	m := regexp.MustCompile(`one-time password: (\S+)`).FindStringSubmatch(out)
	if m == nil {
		return fmt.Errorf("no one-time password in %q", out)
	}
	db, err := b.open()
	if err != nil {
		return err
	}
	ids, err := b.ids(ctx, db)
	db.Close()
	if err != nil {
		return err
	}
	var county Agency
	inCounty := 0
	for _, a := range b.ags {
		if a.County == b.cfg.CountyIndex {
			inCounty++
			if a.Level == 3 {
				county = a
			}
		}
	}
	if county.Name == "" {
		return fmt.Errorf("no county %d", b.cfg.CountyIndex)
	}

	base, stop, err := b.serve(ctx)
	if err != nil {
		return err
	}
	defer stop()
	session, err := signIn(ctx, base, login, m[1])
	if err != nil {
		return fmt.Errorf("sign in as the 监督员: %w", err)
	}
	api := &http.Client{Timeout: 2 * time.Minute}
	countyQ := fmt.Sprintf("year=%d&agency=%d", year, ids[county.Name])
	targets := []*overviewTarget{
		{name: fmt.Sprintf("API, province (%d agencies)", len(b.ags)), url: fmt.Sprintf("%s/api/v1/overview?year=%d", base, year), c: api, auth: secret},
		{name: fmt.Sprintf("API, county (%d agencies)", inCounty), url: base + "/api/v1/overview?" + countyQ, c: api, auth: secret},
		{name: "HTML page, province", url: fmt.Sprintf("%s/admin/reports/overview?year=%d", base, year), c: session},
		{name: "HTML page, county", url: base + "/admin/reports/overview?" + countyQ, c: session},
	}
	for round := 0; round <= b.cfg.Repeat; round++ {
		for _, t := range targets {
			d, body, err := fetch(ctx, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			if round == 0 {
				t.size = len(body)
				if t.auth != "" {
					var ov struct {
						Counts map[string]int `json:"counts"`
					}
					if err := json.Unmarshal(body, &ov); err != nil || ov.Counts["agencies"] == 0 {
						return fmt.Errorf("%s: no counts in the answer (%v): %.200s", t.name, err, body)
					}
					fmt.Fprintf(b.out, "%s: counts %v\n", t.name, ov.Counts)
				}
				continue // the warm-up is not recorded
			}
			t.took = append(t.took, d)
		}
	}
	fmt.Fprintf(b.out, "\n| overview (year %d) | median | min | max | bytes | goal | median/goal |\n|---|---|---|---|---|---|---|\n", year)
	for i, t := range targets {
		goal := time.Second
		if i%2 == 1 {
			goal = 100 * time.Millisecond
		}
		lo, hi := t.took[0], t.took[0]
		for _, d := range t.took {
			lo, hi = min(lo, d), max(hi, d)
		}
		fmt.Fprintf(b.out, "| %s | %s | %s | %s | %d | %s | %s |\n", t.name, ms(medianOf(t.took)), ms(lo), ms(hi), t.size, goal, ratio(medianOf(t.took), goal))
	}
	fmt.Fprintf(b.out, "county/province (API): %s; HTML/API: province %s, county %s\n",
		ratio(medianOf(targets[1].took), medianOf(targets[0].took)),
		ratio(medianOf(targets[2].took), medianOf(targets[0].took)), ratio(medianOf(targets[3].took), medianOf(targets[1].took)))
	return nil
}

// fetch GETs t once and returns the time to the last byte.
func fetch(ctx context.Context, t *overviewTarget) (time.Duration, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return 0, nil, err
	}
	if t.auth != "" {
		req.Header.Set("Authorization", "Bearer "+t.auth)
	}
	start := time.Now()
	resp, err := t.c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return 0, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, nil, fmt.Errorf("GET %s: status %d: %.300s", t.url, resp.StatusCode, body)
	}
	return d, body, nil
}

// serve starts `gongkai serve` on a free loopback port and waits for
// /readyz; stop sends SIGTERM and waits.
func (b *bench) serve(ctx context.Context) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := l.Addr().String()
	l.Close()
	logf, err := os.Create(filepath.Join(b.cfg.Work, "serve.log"))
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(b.bin, "--config", b.config, "serve", "--addr", addr)
	cmd.Dir = b.cfg.Work
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		logf.Close()
	}
	base := "http://" + addr
	for deadline := time.Now().Add(60 * time.Second); ; {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, stop, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			stop()
			return "", nil, fmt.Errorf("gongkai serve not ready on %s (see %s)", addr, logf.Name())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// signIn signs in to the back office with a one-time password, sets a new
// one as the server insists, and returns a client holding the session.
func signIn(ctx context.Context, base, login, password string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Jar: jar, Timeout: 2 * time.Minute}
	post := func(path string, form url.Values) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}
	resp, err := post("/admin/login", url.Values{"login": {login}, "password": {password}})
	if err != nil {
		return nil, err
	}
	if resp.Request.URL.Path == "/admin/password" {
		np := "Bench-Province-2026-Zz9"
		if resp, err = post("/admin/password", url.Values{"current": {password}, "new": {np}, "confirm": {np}}); err != nil {
			return nil, err
		}
	}
	if p := resp.Request.URL.Path; p == "/admin/login" || p == "/admin/password" {
		return nil, fmt.Errorf("refused (status %d at %s)", resp.StatusCode, p)
	}
	return c, nil
}
