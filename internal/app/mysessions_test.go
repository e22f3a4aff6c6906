package app

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// sessionIDOf is the "my sessions" id of c's session.
func sessionIDOf(t *testing.T, c *http.Client, f *fixture) string {
	t.Helper()
	ck := sessionCookie(c, f)
	if ck == nil {
		t.Fatal("no session cookie")
	}
	return web.SessionID(ck.Value)
}

// The IDOR walk ends a session of clerk2 (北仑区教育局) as the clerk of
// 北仑区司法局: it must be 404.
func init() {
	otherAgencyIDs["/admin/sessions/"] = "{session:clerk2}"
	idorSetups = append(idorSetups, func(t *testing.T, f *fixture) {
		f.names["session:clerk2"] = sessionIDOf(t, f.login("clerk2"), f)
	})
}

// Declarative checks of the two pages, run by TestScenarios.
func init() {
	scenarios = append(scenarios,
		scenario{name: "my sessions in the navigation", as: "clerk", method: "GET", url: "/admin/", status: 200,
			want: []string{`href="/admin/sessions"`, "我的会话"}},
		scenario{name: "my sessions page", as: "auditadmin", method: "GET", url: "/admin/sessions?lang=en", status: 200,
			want: []string{"My sessions", "This session", "Go-http-client"}},
		scenario{name: "accounts list: last sign-in and filter", as: "sysadmin", method: "GET", url: "/admin/users", status: 200,
			want: []string{"最近登录", "从未登录", `<select id="status" name="status">`, `<option value="inactive">长期未用</option>`}},
		scenario{name: "accounts list: nobody unused yet", as: "sysadmin", method: "GET", url: "/admin/users?status=inactive", status: 200,
			want: []string{`<option value="inactive" selected>`, "暂无"}, notWant: []string{">clerk</a>"}},
	)
}

var endForm = regexp.MustCompile(`/admin/sessions/([0-9a-f]{64})/end`)

// TestMySessions: a user sees only their own sessions, ends one (its
// cookie is dead at once) or all others, and cannot end another user's
// session or their own current one (404) (SECURITY.md O-SES-02).
func TestMySessions(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		a := f.login("clerk")
		b := f.client()
		ua := http.Header{"User-Agent": {"Mozilla/5.0 (X11; Linux x86_64) TestBrowser/2.0 " + strings.Repeat("x", 200)}}
		if r := f.do(b, "POST", "/admin/login", url.Values{"login": {"clerk"}, "password": {testPassword}}.Encode(), ua); r.status != http.StatusSeeOther {
			t.Fatalf("login b: %d", r.status)
		}
		other := f.login("clerk2")
		idA, idB, idOther := sessionIDOf(t, a, f), sessionIDOf(t, b, f), sessionIDOf(t, other, f)

		r := f.do(a, "GET", "/admin/sessions", "", nil)
		if r.status != http.StatusOK {
			t.Fatalf("my sessions: %d", r.status)
		}
		var listed []string
		for _, m := range endForm.FindAllStringSubmatch(r.body, -1) {
			listed = append(listed, m[1])
		}
		if len(listed) != 1 || listed[0] != idB {
			t.Errorf("end buttons for %v; want only b's %s", listed, idB)
		}
		for _, want := range []string{"我的会话", "当前会话", "TestBrowser/2.0", "…", "结束其他所有会话"} {
			if !strings.Contains(r.body, want) {
				t.Errorf("my sessions lacks %q", want)
			}
		}
		if strings.Contains(r.body, idOther) || strings.Contains(r.body, strings.Repeat("x", 200)) {
			t.Error("my sessions shows another user's session or an unshortened user agent")
		}

		// Another user's session, one's own current session and junk are 404.
		for _, tc := range []struct {
			c    *http.Client
			id   string
			name string
		}{{other, idA, "another user's"}, {a, idA, "the current"}, {a, "zz", "a junk"}, {a, strings.Repeat("0", 64), "an unknown"}} {
			if r := f.do(tc.c, "POST", "/admin/sessions/"+tc.id+"/end", "", nil); r.status != http.StatusNotFound {
				t.Errorf("ending %s session: %d; want 404", tc.name, r.status)
			}
		}
		if r := f.do(a, "GET", "/admin/", "", nil); r.status != http.StatusOK {
			t.Fatalf("a after the refused ends: %d", r.status)
		}

		if r := f.do(a, "POST", "/admin/sessions/"+idB+"/end", "", nil); r.status != http.StatusSeeOther || r.location != "/admin/sessions" {
			t.Fatalf("end b: %d %q", r.status, r.location)
		}
		if r := f.do(b, "GET", "/admin/", "", nil); r.status != http.StatusSeeOther || r.location != "/admin/login" {
			t.Errorf("ended session: %d %q; want the login page at once", r.status, r.location)
		}
		if r := f.do(a, "POST", "/admin/sessions/"+idB+"/end", "", nil); r.status != http.StatusNotFound {
			t.Errorf("ending an ended session: %d; want 404", r.status)
		}

		c := f.login("clerk")
		if r := f.do(a, "POST", "/admin/sessions/others/end", "", nil); r.status != http.StatusSeeOther {
			t.Fatalf("end others: %d", r.status)
		}
		if r := f.do(c, "GET", "/admin/", "", nil); r.location != "/admin/login" {
			t.Errorf("other session after end-all-others: %d %q; want login", r.status, r.location)
		}
		for _, cl := range []*http.Client{a, other} {
			if r := f.do(cl, "GET", "/admin/", "", nil); r.status != http.StatusOK {
				t.Errorf("surviving session: %d; want 200", r.status)
			}
		}
		evs, err := f.app.Store.SearchAudit(context.Background(), audit.Filter{Action: "session.end", ActorLogin: "clerk"})
		if err != nil || len(evs) != 2 {
			t.Errorf("session.end audit events: %d, %v; want 2", len(evs), err)
		}

		// Signing out removes the session from the list of the user's others.
		if r := f.do(other, "POST", "/admin/logout", "", nil); r.status != http.StatusSeeOther {
			t.Fatalf("logout: %d", r.status)
		}
		o2 := f.login("clerk2")
		if r := f.do(o2, "GET", "/admin/sessions", "", nil); len(endForm.FindAllString(r.body, -1)) != 0 {
			t.Errorf("signed-out session still listed: %s", clip(r.body))
		}
	})
}

// TestUsersListInactiveAndLocked: the accounts list shows the last
// sign-in and badges 长期未用 (auth.Inactive) and 已锁定, with a filter.
func TestUsersListInactiveAndLocked(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		old := time.Now().Add(-200 * 24 * time.Hour)
		if _, err := f.app.Store.CreateUser(context.Background(), account.User{AgencyID: f.agencies["justice"].ID,
			Login: "dormant", Roles: []account.Role{account.Clerk}, PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			CreatedAt: old}); err != nil {
			t.Fatalf("create dormant: %v", err)
		}
		for range 5 {
			f.do(f.client(), "POST", "/admin/login", "login=clerk2&password=wrong", nil)
		}
		admin := f.login("sysadmin")
		row := func(body, login string) string {
			i := strings.Index(body, ">"+login+"</a>")
			if i < 0 {
				return ""
			}
			j := strings.Index(body[i:], "</tr>")
			return body[i : i+j]
		}
		all := f.do(admin, "GET", "/admin/users", "", nil)
		for _, tc := range []struct{ login, want, not string }{
			{"dormant", "长期未用", "已锁定"},
			{"clerk2", "已锁定", "长期未用"},
			{"clerk", "正常", "长期未用"},
			{"sysadmin", "正常", "从未登录"},
			{"target", "从未登录", "已锁定"},
		} {
			got := row(all.body, tc.login)
			if got == "" || !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
				t.Errorf("row of %s = %q; want %q, not %q", tc.login, got, tc.want, tc.not)
			}
		}
		for _, tc := range []struct {
			status   string
			want     []string
			excluded []string
		}{
			{"inactive", []string{"dormant"}, []string{"clerk2", "sysadmin"}},
			{"locked", []string{"clerk2"}, []string{"dormant", "sysadmin"}},
			{"active", []string{"sysadmin", "clerk"}, []string{"dormant", "clerk2"}},
			{"bogus", []string{"dormant", "clerk2", "sysadmin"}, nil},
		} {
			r := f.do(admin, "GET", "/admin/users?status="+tc.status, "", nil)
			if r.status != http.StatusOK {
				t.Fatalf("filter %s: %d", tc.status, r.status)
			}
			for _, l := range tc.want {
				if row(r.body, l) == "" {
					t.Errorf("filter %s: %s missing", tc.status, l)
				}
			}
			for _, l := range tc.excluded {
				if row(r.body, l) != "" {
					t.Errorf("filter %s: %s listed", tc.status, l)
				}
			}
		}
	})
}
