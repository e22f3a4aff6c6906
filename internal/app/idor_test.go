package app

import (
	"net/http"
	"strings"
	"testing"
)

// otherAgencyIDs gives, for each kind of {id} in a back-office route, an
// object of 北仑区教育局 — an agency the clerk of 北仑区司法局 must not see.
// Later features add their prefix in an init function of their own test
// file, with a placeholder their fixtureHooks entry fills in.
var otherAgencyIDs = map[string]string{
	"/admin/agencies/": "{education}",
	"/admin/users/":    "{user:clerk2}",
	"/admin/roles/":    "{user:clerk2}",
	"/admin/tokens/":   "1",
}

// idorSetups add the objects of 北仑区教育局 that otherAgencyIDs names
// (only for this test, so other tests keep their fixture as it is).
var idorSetups []func(t *testing.T, f *fixture)

// TestClerkCannotReachOtherAgencyByID walks the router table: every
// back-office route with an {id}, called by the clerk of one agency with
// the id of another agency's object, must answer 403 or 404 and show
// nothing of it (SECURITY.md E-AC-05, O-AC-02).
func TestClerkCannotReachOtherAgencyByID(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		for _, setup := range idorSetups {
			setup(t, f)
		}
		clerk := f.login("clerk")
		checked := 0
		for _, p := range f.app.AdminRoutes() {
			method, path, _ := strings.Cut(p, " ")
			if !strings.Contains(path, "{id}") {
				continue
			}
			id := ""
			for prefix, v := range otherAgencyIDs {
				if strings.HasPrefix(path, prefix) {
					id = v
				}
			}
			if id == "" {
				t.Errorf("route %s has an {id} of unknown kind: add it to otherAgencyIDs", p)
				continue
			}
			url := f.expand(strings.Replace(path, "{id}", id, 1))
			r := f.do(clerk, method, url, "", nil)
			if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
				t.Errorf("%s %s as the clerk of 北仑区司法局: %d; want 403 or 404", method, url, r.status)
			}
			for _, secret := range []string{"北仑区教育局", "clerk2"} {
				if strings.Contains(r.body, secret) {
					t.Errorf("%s %s shows %q", method, url, secret)
				}
			}
			checked++
		}
		if checked < 5 {
			t.Errorf("checked %d routes with ids; want at least 5", checked)
		}
		// The clerk's own agency opens: the check is not simply "deny all".
		if r := f.do(clerk, "GET", f.expand("/admin/agencies/{justice}"), "", nil); r.status != http.StatusOK {
			t.Errorf("own agency: %d; want 200", r.status)
		}
	})
}
