package app

import (
	"testing"

	"github.com/gongkai/gongkai/internal/casework"
)

// TestRegisterReload: the staff registration form sent again with its key
// (a reload of the receipt, a double click) shows the first receipt and
// registers nothing; a changed application under the same key, or the
// form without a key, is registered anew (#9 dead ends).
func TestRegisterReload(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		form := applyForm(f)
		form.Del("agency")
		form.Set("channel", "in_person")
		form.Set("submitted", f.app.Casework.Today().String())
		form.Set("key", casework.NewSubmissionKey())
		changed := applyForm(f)
		changed.Del("agency")
		changed.Set("channel", "in_person")
		changed.Set("submitted", f.app.Casework.Today().String())
		changed.Set("key", form.Get("key"))
		changed.Set("content", "另一份申请：2025年人民调解案件统计")
		nokey := changed
		f.walk(t, []scenario{
			{name: "the form carries a key", as: "clerk", method: "GET", url: "/admin/requests/new", status: 200, want: []string{`name="key" value="`}},
			{name: "registered", as: "clerk", method: "POST", url: "/admin/requests", body: form.Encode(), status: 200,
				want: []string{`id="query-code"`, "-0001"}, notWant: []string{`id="receipt-repeated"`}},
			{name: "sent again: the first receipt", as: "clerk", method: "POST", url: "/admin/requests", body: form.Encode(), status: 200,
				want: []string{`id="receipt-repeated"`, "-0001", `id="query-code"`}, notWant: []string{"-0002"}},
			{name: "a changed application under the key is new", as: "clerk", method: "POST", url: "/admin/requests", body: changed.Encode(), status: 200,
				want: []string{"-0002"}, notWant: []string{`id="receipt-repeated"`}},
		})
		nokey.Del("key")
		f.walk(t, []scenario{
			{name: "without a key each post registers", as: "clerk", method: "POST", url: "/admin/requests", body: nokey.Encode(), status: 200, want: []string{"-0003"}},
			{name: "resubmission audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=request.resubmit", status: 200, want: []string{"重复登记"}},
		})
		if rs, err := f.app.Store.ListRequests(t.Context(), casework.Filter{AgencyID: f.agencies["justice"].ID}); err != nil || len(rs) != 3 {
			t.Errorf("%d requests, %v; want 3", len(rs), err)
		}
	})
}
