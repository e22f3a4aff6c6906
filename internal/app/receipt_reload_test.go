package app

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var reSubmissionKey = regexp.MustCompile(`name="submission_key" value="([0-9a-f]{32})"`)

// TestReceiptReload walks the dead end of #9 on the real server: a
// citizen submits the form, reloads the receipt and then sends the form
// again (the browser's back button and submit, or a double click). The
// receipt shows the same tracking number and query code each time and one
// request is stored; a second browser without the receipt cookie gets no
// receipt.
func TestReceiptReload(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		c := f.client()
		form := f.do(c, "GET", "/apply", "", nil)
		m := reSubmissionKey.FindStringSubmatch(form.body)
		if m == nil {
			t.Fatalf("the form has no submission key:\n%s", clip(form.body))
		}
		v := applyForm(f)
		v.Set("submission_key", m[1])
		count := func() int {
			var n int
			if err := f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM requests").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		first := f.do(c, "POST", "/apply", v.Encode(), nil)
		tr, code := reTracking.FindStringSubmatch(first.body), reCode.FindStringSubmatch(first.body)
		if first.status != http.StatusOK || tr == nil || code == nil {
			t.Fatalf("submit: %d\n%s", first.status, clip(first.body))
		}
		reload := f.do(c, "GET", "/apply/receipt", "", nil)
		again := f.do(c, "POST", "/apply", v.Encode(), nil)
		for name, r := range map[string]response{"reload": reload, "submitted again": again} {
			if r.status != http.StatusOK || !strings.Contains(r.body, `id="tracking">`+tr[1]+`<`) || !strings.Contains(r.body, `id="query-code">`+code[1]+`<`) {
				t.Errorf("%s: %d; want the first receipt (%s)\n%s", name, r.status, tr[1], clip(r.body))
			}
		}
		if !strings.Contains(again.body, `id="receipt-again"`) {
			t.Error("the receipt of the repeated submission does not say it was not filed again")
		}
		if n := count(); n != before+1 {
			t.Errorf("%d requests stored; want 1", n-before)
		}
		if other := f.do(f.client(), "GET", "/apply/receipt", "", nil); other.status != http.StatusNotFound || strings.Contains(other.body, code[1]) {
			t.Errorf("another browser's receipt page: %d; want 404 without the code", other.status)
		}
	})
}
