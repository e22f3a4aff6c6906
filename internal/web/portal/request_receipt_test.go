package portal

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var reFormKey = regexp.MustCompile(`name="submission_key" value="([0-9a-f]{32})"`)

// TestReceiptPostRedirectGet checks the application form's
// post/redirect/get: the form carries a fresh idempotency key (kept when
// the form comes back with errors); the POST answers 303 to
// /apply/receipt with a cookie for that page only; the receipt page shows
// the receipt on every reload; without the cookie it shows no receipt; a
// repeated submission says it was not filed again.
func TestReceiptPostRedirectGet(t *testing.T) {
	fake := &fakeRequests{}
	h := newRequestSite(t, fake)
	send := func(method, target, body string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	form := send("GET", "/apply", "")
	m := reFormKey.FindStringSubmatch(form.Body.String())
	if m == nil {
		t.Fatalf("the form has no idempotency key:\n%s", form.Body.String())
	}
	if m2 := reFormKey.FindStringSubmatch(send("GET", "/apply", "").Body.String()); m2 == nil || m2[1] == m[1] {
		t.Error("two showings of the form share a key")
	}
	key := m[1]
	bad := send("POST", "/apply", with(goodForm, "content", " ", "submission_key", key).Encode())
	if bad.Code != 400 || !strings.Contains(bad.Body.String(), `value="`+key+`"`) {
		t.Errorf("the form shown again after an error lost its key (%d)", bad.Code)
	}

	post := send("POST", "/apply", with(goodForm, "submission_key", key).Encode())
	if post.Code != http.StatusSeeOther || post.Header().Get("Location") != "/apply/receipt" {
		t.Fatalf("POST /apply: %d to %q; want 303 to /apply/receipt", post.Code, post.Header().Get("Location"))
	}
	if fake.got.Key != key {
		t.Errorf("the key reached casework as %q; want %q", fake.got.Key, key)
	}
	if strings.Contains(post.Body.String(), "ABCDEFGHJK") {
		t.Error("the POST's answer carries the query code")
	}
	var c *http.Cookie
	for _, x := range post.Result().Cookies() {
		if x.Name == receiptCookie {
			c = x
		}
	}
	if c == nil || c.Value != key || c.Path != "/apply/receipt" || !c.HttpOnly || c.MaxAge != 900 {
		t.Fatalf("receipt cookie %+v; want the key, Path /apply/receipt, HttpOnly, 15 minutes", c)
	}
	for i := range 2 { // the page and its reload
		rc := send("GET", "/apply/receipt", "", c)
		body := rc.Body.String()
		if rc.Code != 200 || !strings.Contains(body, `id="tracking">2026-0001<`) || !strings.Contains(body, "ABCDEFGHJK") ||
			!strings.Contains(body, "北仑区司法局") || strings.Contains(body, `id="receipt-again"`) {
			t.Errorf("receipt, showing %d: %d\n%s", i+1, rc.Code, body)
		}
		if rc.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("receipt, showing %d: Cache-Control %q; want no-store", i+1, rc.Header().Get("Cache-Control"))
		}
	}
	if rc := send("GET", "/apply/receipt", ""); rc.Code != 404 || strings.Contains(rc.Body.String(), "ABCDEFGHJK") ||
		!strings.Contains(rc.Body.String(), `id="receipt-expired"`) {
		t.Errorf("receipt without the cookie: %d\n%s", rc.Code, rc.Body.String())
	}
	again := send("POST", "/apply", with(goodForm, "submission_key", key, "content", "重复").Encode())
	if again.Code != http.StatusSeeOther || again.Header().Get("Location") != "/apply/receipt?again=1" {
		t.Fatalf("repeated submission: %d to %q", again.Code, again.Header().Get("Location"))
	}
	if rc := send("GET", "/apply/receipt?again=1", "", c); !strings.Contains(rc.Body.String(), `id="receipt-again"`) {
		t.Errorf("the receipt of a repeated submission does not say it was not filed again:\n%s", rc.Body.String())
	}
}
