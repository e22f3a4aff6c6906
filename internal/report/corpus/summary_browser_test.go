package corpus

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// TestSummarySortsAndFilters opens summary.html in Chromium, as a reader
// would, sorts the file table by errors and filters it.
func TestSummarySortsAndFilters(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium missing at %s; CI must run browser tests", chromiumPath)
		}
		t.Skipf("chromium missing at %s", chromiumPath)
	}
	dir := t.TempDir()
	if err := WriteDir(dir, runCorpus(t, 2)); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	errorsCol := func() []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#file-table tbody tr")).filter(r => !r.hidden).map(r => r.cells[4].dataset.v)`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	head := `#file-table th:nth-child(5)`
	if err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(dir, "summary.html")),
		chromedp.WaitVisible(chromedp.CSS(head)),
		chromedp.Click(chromedp.CSS(head)),
	); err != nil {
		t.Fatal(err)
	}
	if got, want := errorsCol(), []string{"-1", "-1", "0", "1", "2", "4"}; !slices.Equal(got, want) {
		t.Errorf("after one click on 错误: got %v; want %v (ascending; unreadable files as -1)", got, want)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(head))); err != nil {
		t.Fatal(err)
	}
	if got, want := errorsCol(), []string{"4", "2", "1", "0", "-1", "-1"}; !slices.Equal(got, want) {
		t.Errorf("after two clicks: got %v; want %v (descending)", got, want)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter"), "洪泽")); err != nil {
		t.Fatal(err)
	}
	if got := errorsCol(); !slices.Equal(got, []string{"4"}) {
		t.Errorf("filtered by 洪泽: got %v; want the one 洪泽 row", got)
	}
}
