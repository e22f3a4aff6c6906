package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeEnv names the environment variable that holds the path of axe-core's
// axe.min.js. CI installs axe-core from npm into a cache directory outside
// the repository and sets it (.ci/run); nothing is downloaded by a test.
const AxeEnv = "GONGKAI_AXE_JS"

// An Axe is axe-core (https://github.com/dequelabs/axe-core), read once
// per test from AxeEnv and injected into each page it checks.
type Axe struct {
	src string
	// Options is the options object passed to axe.run, as JavaScript; ""
	// runs every rule axe enables by default (WCAG 2.0–2.2 A and AA and
	// best practices).
	Options string
}

// LoadAxe reads axe.min.js from the path in AxeEnv. Without it the test
// is skipped, or fails when CI is set: CI must run the accessibility
// checks.
func LoadAxe(t testing.TB) *Axe {
	t.Helper()
	path := os.Getenv(AxeEnv)
	var src []byte
	err := fmt.Errorf("%s is not set", AxeEnv)
	if path != "" {
		src, err = os.ReadFile(path)
	}
	if err == nil && !strings.Contains(string(src[:min(len(src), 4096)]), "axe") {
		err = fmt.Errorf("%s does not look like axe-core", path)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core missing (%v); CI installs it with npm (.ci/run) and sets %s", err, AxeEnv)
		}
		t.Skipf("axe-core missing (%v); install it with `npm install --prefix DIR axe-core@4` and set %s=DIR/node_modules/axe-core/axe.min.js", err, AxeEnv)
	}
	return &Axe{src: string(src)}
}

// A Violation is one rule axe-core found broken on a page, with the
// elements that break it.
type Violation struct {
	ID      string     `json:"id"`
	Impact  string     `json:"impact"`
	Help    string     `json:"help"`
	HelpURL string     `json:"helpUrl"`
	Nodes   []AxeNodes `json:"nodes"`
}

// AxeNodes is one element that breaks a rule: its selector (a list, for
// elements inside frames or shadow roots), its HTML and axe's summary.
type AxeNodes struct {
	Target  json.RawMessage `json:"target"`
	HTML    string          `json:"html"`
	Summary string          `json:"failureSummary"`
}

// String describes v on one line per element, for a test failure.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s — %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		html := n.HTML
		if len(html) > 200 {
			html = html[:200] + "…"
		}
		fmt.Fprintf(&b, "\n\t%s %s\n\t\t%s", n.Target, html, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// Run injects axe-core into the page of ctx (once a document) and returns
// the violations it finds there.
func (a *Axe) Run(ctx context.Context) ([]Violation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](a.src+"\n;typeof window.axe === \"object\"")); err != nil {
			return nil, fmt.Errorf("axe: inject axe-core: %w", err)
		}
	}
	opts := a.Options
	if opts == "" {
		opts = "{}"
	}
	js := `axe.run(document, ` + opts + `).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary || ""}))})))`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe: run: %w", err)
	}
	return vs, nil
}

// Check runs axe-core on the page of ctx and fails t with each violation,
// naming the page (a URL or what the test did to get there).
func (a *Axe) Check(ctx context.Context, t testing.TB, page string) {
	t.Helper()
	vs, err := a.Run(ctx)
	if err != nil {
		t.Errorf("%s: %v", page, err)
		return
	}
	for _, v := range vs {
		t.Errorf("%s: axe-core: %s", page, v)
	}
}
