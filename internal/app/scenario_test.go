package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// A scenario is one declarative HTTP check (PocketBase's ApiScenario):
// who asks, what, and what must and must not come back. URLs and bodies
// may name fixture ids as {city}, {district}, {justice}, {education},
// {user:LOGIN}.
//
// Each row of a table run by t.Run stands alone: it passes when run by
// itself (go test -run 'TestScenarios/sqlite/granted_role_shows') as in
// the table, so what it needs first is in before, not in an earlier row
// (TestScenariosAlone checks this). Rows that need each other form one
// multi-step scenario run by walk.
type scenario struct {
	name     string
	before   []scenario // steps run (and checked) first, on the same fixture
	as       string     // login of the signed-in user; "" is anonymous
	method   string
	url      string
	body     string
	header   http.Header
	status   int
	location string // expected Location header, when set
	want     []string
	notWant  []string
}

func (f *fixture) expand(s string) string {
	pairs := []string{}
	for k, a := range f.agencies {
		pairs = append(pairs, "{"+k+"}", strconv.FormatInt(a.ID, 10))
	}
	for k, u := range f.users {
		pairs = append(pairs, "{user:"+k+"}", strconv.FormatInt(u.ID, 10))
	}
	pairs = append(pairs, "{token}", f.token)
	for k, v := range f.names {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// run runs sc (after its before steps) and reports what differs from
// the expectations, each message naming the scenario.
func (f *fixture) run(t *testing.T, sc scenario) response {
	t.Helper()
	for _, b := range sc.before {
		b.name = sc.name + " (before: " + b.name + ")"
		f.run(t, b)
	}
	errorf := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{sc.name}, args...)...)
	}
	c := f.client()
	if sc.as != "" {
		c = f.login(sc.as)
	}
	h := http.Header{}
	for k, vs := range sc.header {
		for _, v := range vs {
			h.Add(k, f.expand(v))
		}
	}
	resp := f.do(c, sc.method, f.expand(sc.url), f.expand(sc.body), h)
	if resp.status != sc.status {
		errorf("status %d; want %d (location %q)\n%s", resp.status, sc.status, resp.location, clip(resp.body))
	}
	if loc := f.expand(sc.location); loc != "" && resp.location != loc {
		errorf("location %q; want %q", resp.location, loc)
	}
	for _, w := range sc.want {
		if w = f.expand(w); !strings.Contains(resp.body, w) {
			errorf("body lacks %q\n%s", w, clip(resp.body))
		}
	}
	for _, w := range sc.notWant {
		if w = f.expand(w); strings.Contains(resp.body, w) {
			errorf("body contains %q", w)
		}
	}
	return resp
}

// walk runs the steps of one multi-step scenario in order on t itself:
// each step needs the ones before it, so none is a subtest that -run
// could pick alone. The walk stops at the first step that fails.
func (f *fixture) walk(t *testing.T, steps []scenario) {
	t.Helper()
	for _, sc := range steps {
		f.run(t, sc)
		if t.Failed() {
			t.FailNow()
		}
	}
}

func clip(s string) string {
	if i := strings.Index(s, `<main`); i > 0 {
		s = s[i:] // the page's own content, not the shared header
	}
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

var bearer = http.Header{"Authorization": {"Bearer {token}"}}

// Rows that other rows need first (before).
var (
	grantReviewer = scenario{name: "secadmin grants a role", as: "secadmin", method: "POST", url: "/admin/roles/{user:clerk2}",
		body: "role=clerk&role=reviewer", status: 303}
	auditSearch = scenario{name: "audit search", as: "auditadmin", method: "GET", url: "/admin/audit?action=login.", status: 200,
		want: []string{"login.ok", "auditadmin"}}
	auditRefused = scenario{name: "audit search by sysadmin refused", as: "sysadmin", method: "GET", url: "/admin/audit", status: 403}
)

var scenarios = []scenario{
	// Public portal, Chinese by default, English on request.
	{name: "portal home", method: "GET", url: "/", status: 200,
		want: []string{`<html lang="zh-CN"`, "首页", "信息公开目录", "依申请公开", "年度报告", `class="skip"`}},
	{name: "portal english", method: "GET", url: "/?lang=en", status: 200, want: []string{`<html lang="en"`, "Annual reports"}},
	{name: "portal reports list", method: "GET", url: "/reports", status: 200, want: []string{"北仑区司法局", "尚未发布"}},
	{name: "portal catalog", method: "GET", url: "/catalog", status: 200, want: []string{"政府信息公开专栏", "北仑区司法局"}},
	{name: "portal site feed", method: "GET", url: "/catalog/feed.atom", status: 200, want: []string{`<feed xmlns="http://www.w3.org/2005/Atom">`}},
	{name: "portal sitemap", method: "GET", url: "/sitemap.xml", status: 200, want: []string{`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, "/catalog/agencies/"}},
	{name: "api items public", method: "GET", url: "/api/v1/items", status: 200, want: []string{`"items": []`, `"next_cursor": ""`}},
	{name: "api item unknown", method: "GET", url: "/api/v1/items/1", status: 404, want: []string{`"not found"`}},
	{name: "portal unknown page", method: "GET", url: "/no-such-page", status: 404, want: []string{"页面不存在"}},
	{name: "no directory listing", method: "GET", url: "/assets/", status: 404},
	{name: "no .git", method: "GET", url: "/.git/config", status: 404},

	// Operations.
	{name: "healthz", method: "GET", url: "/healthz", status: 200, want: []string{"ok"}},
	{name: "readyz", method: "GET", url: "/readyz", status: 200, want: []string{"ready"}},
	{name: "metrics", before: []scenario{{name: "a request to count", method: "GET", url: "/healthz", status: 200}},
		method: "GET", url: "/metrics", status: 200, want: []string{"gongkai_http_requests_total", "go_goroutines"}},

	// Sign-in.
	{name: "login page in english", method: "GET", url: "/admin/login?lang=en", status: 200,
		want: []string{`<html lang="en"`, "Staff sign-in", "Login name"}},
	{name: "login page", method: "GET", url: "/admin/login", status: 200,
		want: []string{`<label for="login">`, `<label for="password">`, `autocomplete="current-password"`}},
	{name: "anonymous dashboard goes to login", method: "GET", url: "/admin/", status: 303, location: "/admin/login"},
	{name: "wrong password", method: "POST", url: "/admin/login", body: "login=clerk&password=nope", status: 401,
		want: []string{"登录名或口令错误"}},
	{name: "unknown login same message", method: "POST", url: "/admin/login", body: "login=nobody&password=nope", status: 401,
		want: []string{"登录名或口令错误"}},
	{name: "no default admin account", method: "POST", url: "/admin/login", body: "login=admin&password=admin", status: 401},
	{name: "dashboard", as: "clerk", method: "GET", url: "/admin/", status: 200,
		want: []string{"工作台", "北仑区司法局", "退出登录"}, notWant: []string{`href="/admin/users"`, `href="/admin/audit"`}},
	{name: "sysadmin dashboard links", as: "sysadmin", method: "GET", url: "/admin/", status: 200,
		want: []string{`href="/admin/users"`, `href="/admin/agencies"`}, notWant: []string{`href="/admin/audit"`}},
	{name: "auditadmin dashboard links", as: "auditadmin", method: "GET", url: "/admin/", status: 200,
		want: []string{`href="/admin/audit"`}, notWant: []string{`href="/admin/users"`, `href="/admin/agencies"`}},

	// Agencies: scope.
	{name: "clerk sees only own agency", as: "clerk", method: "GET", url: "/admin/agencies", status: 200,
		want: []string{"北仑区司法局"}, notWant: []string{"北仑区教育局", "宁波市人民政府"}},
	{name: "supervisor sees subtree", as: "supervisor", method: "GET", url: "/admin/agencies", status: 200,
		want: []string{"北仑区人民政府", "北仑区司法局", "北仑区教育局"}, notWant: []string{"宁波市人民政府"}},
	{name: "sysadmin sees all", as: "sysadmin", method: "GET", url: "/admin/agencies", status: 200,
		want: []string{"宁波市人民政府", "北仑区教育局", "新增机关"}},
	{name: "clerk cannot open another agency by id", as: "clerk", method: "GET", url: "/admin/agencies/{education}", status: 404,
		notWant: []string{"北仑区教育局"}},
	{name: "clerk cannot open parent agency by id", as: "clerk", method: "GET", url: "/admin/agencies/{district}", status: 404},
	{name: "clerk opens own agency", as: "clerk", method: "GET", url: "/admin/agencies/{justice}", status: 200, want: []string{"北仑区司法局"}},
	{name: "supervisor cannot open above", as: "supervisor", method: "GET", url: "/admin/agencies/{city}", status: 404},
	{name: "bad id", as: "sysadmin", method: "GET", url: "/admin/agencies/abc", status: 404},
	{name: "add agency", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=北仑区财政局&parent={district}", status: 303},
	{name: "add duplicate agency", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=北仑区司法局&parent={district}", status: 409,
		want: []string{"已存在"}},
	{name: "add agency empty name", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=&parent=0", status: 400},

	// Users (系统管理员 only).
	{name: "users list", as: "sysadmin", method: "GET", url: "/admin/users", status: 200, want: []string{"clerk2", "北仑区教育局", "经办人"},
		notWant: []string{"argon2id"}},
	{name: "users list in english", as: "sysadmin", method: "GET", url: "/admin/users?lang=en", status: 200,
		want: []string{"Clerk", "System administrator", "Accounts"}},
	{name: "clerk cannot list users", as: "clerk", method: "GET", url: "/admin/users", status: 403},
	{name: "clerk cannot read a user by id", as: "clerk", method: "GET", url: "/admin/users/{user:clerk2}", status: 403, notWant: []string{"clerk2"}},
	{name: "create user shows one-time password once", as: "sysadmin", method: "POST", url: "/admin/users",
		body: "login=newclerk&name=李四&agency={justice}&role=clerk", status: 200, want: []string{"一次性口令", `class="secret"`}},
	{name: "two admin roles refused at creation", as: "sysadmin", method: "POST", url: "/admin/users",
		body: "login=both&agency={city}&role=sysadmin&role=auditadmin", status: 400, want: []string{"三员分立"}},
	{name: "reset password", as: "sysadmin", method: "POST", url: "/admin/users/{user:clerk2}/reset", status: 200, want: []string{"一次性口令"}},

	// Roles (安全管理员 only; 三员分立).
	{name: "secadmin lists accounts for roles", as: "secadmin", method: "GET", url: "/admin/roles", status: 200, want: []string{"clerk2"}},
	grantReviewer,
	{name: "granted role shows", before: []scenario{grantReviewer}, as: "secadmin", method: "GET", url: "/admin/roles/{user:clerk2}", status: 200,
		want: []string{`value="reviewer" checked`}},
	{name: "two admin roles refused", as: "secadmin", method: "POST", url: "/admin/roles/{user:clerk2}", body: "role=sysadmin&role=auditadmin", status: 400,
		want: []string{"三员分立"}},
	{name: "no change of own roles", as: "secadmin", method: "POST", url: "/admin/roles/{user:secadmin}", body: "role=sysadmin", status: 400,
		want: []string{"不能修改自己的角色"}},
	{name: "sysadmin cannot grant roles", as: "sysadmin", method: "GET", url: "/admin/roles", status: 403},

	// Audit log (审计管理员 only).
	auditSearch,
	auditRefused,
	{name: "refusals are in the audit log", before: []scenario{auditRefused}, as: "auditadmin", method: "GET", url: "/admin/audit?action=access.denied", status: 200,
		want: []string{"GET /admin/audit", "sysadmin", "denied"}},
	{name: "audit export", before: []scenario{auditSearch}, as: "auditadmin", method: "GET", url: "/admin/audit/export.csv", status: 200, want: []string{"\ufeff", "audit.search"}},

	// CSRF: a cross-site POST is refused before it reaches a handler.
	{name: "cross-site post refused", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=evil&parent=0",
		header: http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}, status: 403},
	{name: "cross-origin login refused", method: "POST", url: "/admin/login", body: "login=clerk&password=x",
		header: http.Header{"Origin": {"https://evil.example"}}, status: 403},

	// API.
	{name: "api needs a token", method: "GET", url: "/api/v1/agencies", status: 401, want: []string{`"code": "unauthenticated"`}},
	{name: "api bad token", method: "GET", url: "/api/v1/me", header: http.Header{"Authorization": {"Bearer gkapi_nope"}}, status: 401},
	{name: "api me", method: "GET", url: "/api/v1/me", header: bearer, status: 200, want: []string{"测试系统", "北仑区司法局"}},
	{name: "api agencies in scope", method: "GET", url: "/api/v1/agencies", header: bearer, status: 200,
		want: []string{"北仑区司法局"}, notWant: []string{"北仑区教育局"}},
	{name: "api agency outside scope", method: "GET", url: "/api/v1/agencies/{education}", header: bearer, status: 404},
	{name: "api agency in scope", method: "GET", url: "/api/v1/agencies/{justice}", header: bearer, status: 200},
	{name: "api overview needs a supervising office", method: "GET", url: "/api/v1/overview?year=2025", header: bearer, status: 403},
	{name: "api openapi public", method: "GET", url: "/api/v1/openapi.json", status: 200, want: []string{`"openapi": "3.0.3"`}},
	{name: "api unknown", method: "GET", url: "/api/v1/nope", status: 404, want: []string{`"request_id"`}},
}

// TestScenarios runs every row of the table on one fixture per backend,
// in order: no row may break another.
func TestScenarios(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
		}
	})
}

// TestScenariosAlone runs every row of the table on a fixture of its
// own, as go test -run of that one row does: no row may need another
// (what it needs goes in before). SQLite only; TestScenarios covers both
// backends.
func TestScenariosAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("a fresh fixture per row")
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := newFixture(t, sqlstoretest.Open(t, sqlstoretest.SQLite))
			f.run(t, sc)
		})
	}
}
