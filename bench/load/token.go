package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

var secretRe = regexp.MustCompile(`id="secret"[^>]*>([^<]+)<`)

// issueToken gets an /api/v1 token the way a 系统管理员 does, since the
// CLI has no command for it: sign in to the back office with the demo
// one-time password, set a new password (the server insists), and issue
// a token in 后台 → 集成令牌; the secret is read from the page that shows
// it once.
func issueToken(ctx context.Context, base, login, password string) (string, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", err
	}
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	post := func(path string, extra url.Values) ([]byte, *http.Response, error) {
		page, err := get(ctx, c, base+path)
		if err != nil {
			return nil, nil, err
		}
		f, found, err := parseForm(bytes.NewReader(page), path)
		if err != nil {
			return nil, nil, err
		}
		if !found {
			return nil, nil, fmt.Errorf("no form posting to %s on %s", path, path)
		}
		for k, vs := range extra {
			f.Values[k] = vs
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(f.Values.Encode()))
		if err != nil {
			return nil, nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Referer", base+path)
		resp, err := c.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return b, resp, err
	}
	_, resp, err := post("/admin/login", url.Values{"login": {login}, "password": {password}})
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	if resp.Request.URL.Path == "/admin/password" {
		// The 等保 profile: 8+ characters of three classes.
		np := "Bench-" + randomHex(6) + "-Zz9"
		_, resp, err = post("/admin/password", url.Values{"current": {password}, "new": {np}, "confirm": {np}})
		if err != nil {
			return "", fmt.Errorf("change the one-time password: %w", err)
		}
		if resp.Request.URL.Path == "/admin/password" {
			return "", errors.New("change the one-time password: refused")
		}
	} else if resp.Request.URL.Path == "/admin/login" {
		return "", fmt.Errorf("sign in as %s: refused (status %d)", login, resp.StatusCode)
	}
	b, resp, err := post("/admin/tokens", url.Values{"name": {"bench-" + randomHex(3)}})
	if err != nil {
		return "", fmt.Errorf("issue token: %w", err)
	}
	m := secretRe.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("issue token: no secret on the answer (status %d, %s)", resp.StatusCode, resp.Request.URL.Path)
	}
	return strings.TrimSpace(html.UnescapeString(string(m[1]))), nil
}

// get returns the body of a 200 answer.
func get(ctx context.Context, c *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: status %d", u, resp.StatusCode)
	}
	return b, nil
}
