package webtest

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAxeFindsViolations: the helper reports what axe-core finds (an
// image without alt text, a field without a label) and nothing on a
// clean page, so a test using it can fail.
func TestAxeFindsViolations(t *testing.T) {
	axe := LoadAxe(t)
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium missing at %s", chromium)
		}
		t.Skipf("chromium missing at %s", chromium)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()))
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main><h1>T</h1>`
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"clean", `<p>Hello</p><label for="a">Name</label><input id="a">`, nil},
		{"broken", `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input id="b">`, []string{"image-alt", "label"}},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html;charset=utf-8,"+url.PathEscape(head+tc.body+"</main></body></html>"))); err != nil {
			t.Fatal(err)
		}
		vs, err := axe.Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, v := range vs {
			got[v.ID] = true
		}
		for _, id := range tc.want {
			if !got[id] {
				t.Errorf("%s: axe did not report %s (got %v)", tc.name, id, vs)
			}
		}
		if tc.want == nil && len(vs) > 0 {
			t.Errorf("%s: violations on a clean page: %v", tc.name, vs)
		}
	}
}
