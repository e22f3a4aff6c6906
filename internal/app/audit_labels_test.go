package app

import "testing"

// TestAuditPageLabels: the audit log shows actions, results and objects
// by label and name, in Chinese and in English, with the raw code kept
// beside each label for the action filter.
func TestAuditPageLabels(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.login("clerk")
		f.run(t, scenario{name: "labels", as: "auditadmin", method: "GET", url: "/admin/audit?action=login.ok", status: 200,
			want:    []string{"登录成功", `<code class="muted">login.ok</code>`, `title="login.ok"`, "成功", `title="user {user:clerk}"`, "账户 <span lang=\"zh-CN\">"},
			notWant: []string{`>user {user:clerk}<`}})
		f.run(t, scenario{name: "labels in English", as: "auditadmin", method: "GET", url: "/admin/audit?action=login.ok&lang=en", status: 200,
			want: []string{"Signed in", "login.ok", "Account <span lang=\"zh-CN\">", ">Done<"}})
	})
}
