package app

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestApplicationRefusesUnstorableText: a NUL byte or invalid UTF-8 in
// any field of an application is a field error on the form (400, what the
// applicant typed kept), never a 500 that loses the application
// (PostgreSQL refuses NUL in text), and a malformed e-mail or phone is
// refused the same way (#10 item 7).
func TestApplicationRefusesUnstorableText(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		var before int
		f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM requests").Scan(&before)
		for field, v := range map[string]string{
			"name": "张\x00三", "content": "公开\x00内容", "address": "明州路\xff1号", "id_number": "1101\x0005",
			"phone": "138 1234 5678\x00", "email": "bad-address", "other": "",
		} {
			form := applyForm(f)
			if field == "other" {
				form.Set("phone", "138abcd5678")
			} else {
				form.Set(field, v)
			}
			r := f.do(f.client(), "POST", "/apply", form.Encode(), nil)
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, "张") && field != "name" {
				t.Errorf("%s %q: %d; want 400 with the form again\n%s", field, v, r.status, clip(r.body))
			}
			if strings.Contains(r.body, `id="query-code"`) {
				t.Errorf("%s %q: a receipt was issued", field, v)
			}
		}
		var after int
		f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM requests").Scan(&after)
		if after != before {
			t.Errorf("%d requests stored from refused forms", after-before)
		}
	})
}

// TestFormsRefuseUnstorableText: a NUL byte or invalid UTF-8 in the
// fields of the other forms (staff, public accounts, lookups) answers 400
// on both dialects, never a 500 (PostgreSQL 22021): the store refuses
// such text in every statement (sqlstore.ErrBadText) (#10 item 7).
func TestFormsRefuseUnstorableText(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.app.PublicUsers.Settings.Hash = fastHash
		admin := f.login("sysadmin")
		tests := []struct {
			name   string
			c      *http.Client
			path   string
			form   url.Values
			status []int
		}{
			{"agency name", admin, "/admin/agencies", url.Values{"name": {"新局\x00"}, "parent": {"0"}}, []int{http.StatusBadRequest}},
			{"agency name, bad UTF-8", admin, "/admin/agencies", url.Values{"name": {"新局\xff"}, "parent": {"0"}}, []int{http.StatusBadRequest}},
			{"user login", admin, "/admin/users", url.Values{"login": {"new\x00user"}, "agency": {strconv.FormatInt(f.agencies["justice"].ID, 10)}, "roles": {"clerk"}}, []int{http.StatusBadRequest}},
			{"public display name", f.client(), "/account/register", url.Values{"login": {"nul@example.cn"}, "name": {"张\x00三"},
				"password": {publicPassword}, "password2": {publicPassword}}, []int{http.StatusBadRequest}},
			// A lookup with a NUL finds nothing: 404 like any wrong number.
			{"status lookup", f.client(), "/apply/status", url.Values{"tracking": {"YSQ\x00"}, "code": {"ABC\x00"}}, []int{http.StatusBadRequest, http.StatusNotFound}},
			{"admin login", f.client(), "/admin/login", url.Values{"login": {"sys\x00admin"}, "password": {"x\x00"}}, []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusOK}},
		}
		for _, tt := range tests {
			r := f.do(tt.c, "POST", tt.path, tt.form.Encode(), nil)
			if !slices.Contains(tt.status, r.status) {
				t.Errorf("%s: %d; want one of %v\n%s", tt.name, r.status, tt.status, clip(r.body))
			}
		}
	})
}
