package app

import (
	"net/http"
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
