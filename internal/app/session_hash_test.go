package app

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/web"
)

// TestSessionTableHoldsNoToken: the sessions table is keyed by a hash of
// the cookie's token, so a row read from it cannot be presented as a
// cookie (#10 item 5: 16 of 20 raw tokens read from the table opened
// /admin/). Both the back office's and the portal's sessions share it.
func TestSessionTableHoldsNoToken(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		c := f.login("clerk")
		ck := sessionCookie(c, f)
		if ck == nil {
			t.Fatal("no session cookie after login")
		}
		rows, err := f.app.Store.DB().QueryContext(context.Background(), "SELECT token FROM sessions")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k)
		}
		rows.Close()
		found := false
		for _, k := range keys {
			if k == ck.Value {
				t.Fatalf("the sessions table holds the raw token %q", k)
			}
			found = found || k == web.StoreKey(ck.Value)
		}
		if !found {
			t.Fatalf("no row keyed by the token's hash among %d rows", len(keys))
		}
		// A row's key presented as a cookie opens nothing.
		thief := f.client()
		for _, k := range keys {
			u, _ := url.Parse(f.srv.URL)
			thief.Jar.SetCookies(u, []*http.Cookie{{Name: ck.Name, Value: k}})
			if r := f.do(thief, "GET", "/admin/", "", nil); r.status == http.StatusOK {
				t.Fatalf("the stored key %q opened /admin/", k)
			}
		}
		// The real cookie still works.
		if r := f.do(c, "GET", "/admin/", "", nil); r.status != http.StatusOK {
			t.Fatalf("/admin/ with the real cookie: %d", r.status)
		}
	})
}
