package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

// TestUnlockButton: a system administrator lifts the locks of an account
// from its page; the button shows only while a lock lasts (#10 item 7).
func TestUnlockButton(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		target := f.users["target"]
		for range 5 {
			f.app.Auth.Login(t.Context(), auth.LoginInput{Login: "target", Password: "wrong-Password-1", IP: "192.0.2.44"})
		}
		admin := f.login("sysadmin")
		page := "/admin/users/" + strconv.FormatInt(target.ID, 10)
		if r := f.do(admin, "GET", page, "", nil); !strings.Contains(r.body, page+"/unlock") {
			t.Fatalf("locked account's page lacks the unlock button\n%s", clip(r.body))
		}
		if r := f.do(admin, "POST", page+"/unlock", "x=1", nil); r.status != http.StatusSeeOther {
			t.Fatalf("unlock: %d\n%s", r.status, clip(r.body))
		}
		if r := f.do(admin, "GET", page, "", nil); strings.Contains(r.body, page+"/unlock") {
			t.Error("the unlock button is still shown after the unlock")
		}
		if _, err := f.app.Auth.Login(t.Context(), auth.LoginInput{Login: "target", Password: testPassword, IP: "192.0.2.44"}); err != nil {
			t.Errorf("login from the unlocked address: %v", err)
		}
		var n int
		f.app.Store.DB().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM audit_events WHERE action = 'user.unlock'").Scan(&n)
		if n != 1 {
			t.Errorf("user.unlock audited %d times; want 1", n)
		}
	})
}
