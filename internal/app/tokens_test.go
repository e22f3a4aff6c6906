package app

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var tokenRE = regexp.MustCompile(`gkapi_[a-z0-9]+`)

// TestAPITokenLifecycle: a 系统管理员 issues a token in the back office
// (the secret is shown once, only its hash is stored), the API accepts
// it, and after revocation refuses it.
func TestAPITokenLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		admin := f.login("sysadmin")
		r := f.do(admin, "POST", "/admin/tokens", f.expand("name=省政务公开平台&agency={district}"), nil)
		secret := tokenRE.FindString(r.body)
		if r.status != http.StatusOK || secret == "" {
			t.Fatalf("issue: %d, secret %q", r.status, secret)
		}
		list := f.do(admin, "GET", "/admin/tokens", "", nil)
		if !strings.Contains(list.body, "省政务公开平台") || strings.Contains(list.body, secret) {
			t.Errorf("token list must name the token and never show its secret")
		}
		ts, err := f.app.Tokens.List(t.Context())
		if err != nil || len(ts) != 2 || ts[0].Hash == secret || strings.Contains(ts[0].Hash, secret) {
			t.Fatalf("stored tokens %+v, %v; want the hash only", ts, err)
		}
		auth := http.Header{"Authorization": {"Bearer " + secret}}
		me := f.do(f.client(), "GET", "/api/v1/agencies", "", auth)
		if me.status != 200 || !strings.Contains(me.body, "北仑区教育局") || strings.Contains(me.body, "宁波市人民政府") {
			t.Errorf("agencies with the district token: %d %s", me.status, clip(me.body))
		}
		if ts, err := f.app.Tokens.List(t.Context()); err != nil || ts[0].LastUsedAt.IsZero() {
			t.Errorf("after a call the token's last use is recorded: %+v, %v", ts, err)
		}
		rv := f.do(admin, "POST", "/admin/tokens/"+itoa(int(ts[0].ID))+"/revoke", "", nil)
		if rv.status != http.StatusSeeOther {
			t.Fatalf("revoke: %d", rv.status)
		}
		if r := f.do(f.client(), "GET", "/api/v1/me", "", auth); r.status != http.StatusUnauthorized {
			t.Errorf("revoked token: %d; want 401", r.status)
		}
		if r := f.do(admin, "POST", "/admin/tokens/"+itoa(int(ts[0].ID))+"/revoke", "", nil); r.status != http.StatusNotFound {
			t.Errorf("second revoke: %d; want 404", r.status)
		}
	})
}
