package app

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
)

// matrixRow says how to call one back-office route and which roles may.
// "all" stands for every signed-in role.
type matrixRow struct {
	method, url, body string
	allow             []string
}

// matrix has one row per back-office route (the key is the pattern as
// registered). TestAuthorizationMatrix fails when a route has no row, so a
// new route cannot be added without deciding who may use it
// (SECURITY.md E-AC-04, E-SMC-01..03).
var matrix = map[string]matrixRow{
	"GET /admin/{$}":       {"GET", "/admin/", "", []string{"all"}},
	"GET /admin/password":  {"GET", "/admin/password", "", []string{"all"}},
	"POST /admin/password": {"POST", "/admin/password", "current=x&new=y&confirm=z", []string{"all"}},
	// My sessions: every user, own sessions only (an unknown id is 404).
	"GET /admin/sessions":             {"GET", "/admin/sessions", "", []string{"all"}},
	"POST /admin/sessions/{id}/end":   {"POST", "/admin/sessions/0000000000000000000000000000000000000000000000000000000000000000/end", "", []string{"all"}},
	"POST /admin/sessions/others/end": {"POST", "/admin/sessions/others/end", "", []string{"all"}},

	"GET /admin/agencies":            {"GET", "/admin/agencies", "", []string{"clerk", "reviewer", "head", "supervisor", "sysadmin"}},
	"GET /admin/agencies/{id}":       {"GET", "/admin/agencies/{justice}", "", []string{"clerk", "reviewer", "head", "supervisor", "sysadmin"}},
	"GET /admin/agencies/new":        {"GET", "/admin/agencies/new", "", []string{"sysadmin"}},
	"POST /admin/agencies":           {"POST", "/admin/agencies", "name=&parent=0", []string{"sysadmin"}},
	"POST /admin/agencies/{id}/kind": {"POST", "/admin/agencies/{justice}/kind", "kind=department", []string{"sysadmin"}},

	"GET /admin/users":                   {"GET", "/admin/users", "", []string{"sysadmin"}},
	"GET /admin/users/new":               {"GET", "/admin/users/new", "", []string{"sysadmin"}},
	"POST /admin/users":                  {"POST", "/admin/users", "login=&agency=0", []string{"sysadmin"}},
	"GET /admin/users/{id}":              {"GET", "/admin/users/{user:target}", "", []string{"sysadmin"}},
	"POST /admin/users/{id}/disable":     {"POST", "/admin/users/{user:target}/disable", "", []string{"sysadmin"}},
	"POST /admin/users/{id}/unlock":      {"POST", "/admin/users/{user:target}/unlock", "", []string{"sysadmin"}},
	"POST /admin/users/{id}/reset":       {"POST", "/admin/users/{user:target}/reset", "", []string{"sysadmin"}},
	"POST /admin/public-accounts/unlock": {"POST", "/admin/public-accounts/unlock", "login=nobody%40example.cn", []string{"sysadmin"}},

	"GET /admin/roles":       {"GET", "/admin/roles", "", []string{"secadmin"}},
	"GET /admin/roles/{id}":  {"GET", "/admin/roles/{user:target}", "", []string{"secadmin"}},
	"POST /admin/roles/{id}": {"POST", "/admin/roles/{user:target}", "role=clerk", []string{"secadmin"}},

	"GET /admin/audit":            {"GET", "/admin/audit", "", []string{"auditadmin"}},
	"GET /admin/audit/export.csv": {"GET", "/admin/audit/export.csv", "", []string{"auditadmin"}},

	"GET /admin/tokens":              {"GET", "/admin/tokens", "", []string{"sysadmin"}},
	"POST /admin/tokens":             {"POST", "/admin/tokens", "name=&agency=0", []string{"sysadmin"}},
	"POST /admin/tokens/{id}/revoke": {"POST", "/admin/tokens/999999/revoke", "", []string{"sysadmin"}},

	// 依申请公开 (web/office/request_*.go): 999999 is no request, so an
	// allowed role gets 404 from casework and a refused one 403 from the
	// route check; cross-agency ids are in casework_scenario_test.go.
	"GET /admin/requests":                                 {"GET", "/admin/requests", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/requests/new":                             {"GET", "/admin/requests/new", "", []string{"clerk"}},
	"POST /admin/requests":                                {"POST", "/admin/requests", "name=", []string{"clerk"}},
	"GET /admin/requests/{id}":                            {"GET", "/admin/requests/999999", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/requests/{id}/steps/{step}":              {"POST", "/admin/requests/999999/steps/start", "", []string{"clerk", "reviewer", "head"}},
	"GET /admin/requests/{id}/letters/{kind}":             {"GET", "/admin/requests/999999/letters/reply", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/requests/{id}/attachments":               {"POST", "/admin/requests/999999/attachments", "", []string{"clerk"}},
	"GET /admin/requests/{id}/attachments/{file}":         {"GET", "/admin/requests/999999/attachments/1", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/requests/{id}/releases":                  {"POST", "/admin/requests/999999/releases", "", []string{"clerk"}},
	"POST /admin/requests/{id}/releases/{file}/remove":    {"POST", "/admin/requests/999999/releases/1/remove", "", []string{"clerk"}},
	"POST /admin/requests/{id}/reveal":                    {"POST", "/admin/requests/999999/reveal", "reason=x", []string{"clerk", "reviewer", "head"}},
	"POST /admin/requests/{id}/appeals":                   {"POST", "/admin/requests/999999/appeals", "kind=review", []string{"clerk", "reviewer", "head"}},
	"POST /admin/requests/{id}/appeals/{appeal}/conclude": {"POST", "/admin/requests/999999/appeals/1/conclude", "", []string{"clerk", "reviewer", "head"}},
	// Appeals about 主动公开 not tied to a request (条例第五十一条): the
	// agency's own, read like its requests, recorded by its staff.
	"GET /admin/appeals":                {"GET", "/admin/appeals", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/appeals":               {"POST", "/admin/appeals", "kind=review", []string{"clerk", "reviewer", "head"}},
	"POST /admin/appeals/{id}/conclude": {"POST", "/admin/appeals/999999/conclude", "", []string{"clerk", "reviewer", "head"}},
	"GET /admin/requests/report":        {"GET", "/admin/requests/report", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/requests/report/cell":   {"GET", "/admin/requests/report/cell?cell=none", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/notices/{id}/read":     {"POST", "/admin/notices/999999/read", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/calendar":               {"GET", "/admin/calendar", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/calendar":              {"POST", "/admin/calendar", "date=&reason=", []string{"head"}},
	"POST /admin/calendar/remove":       {"POST", "/admin/calendar/remove", "date=", []string{"head"}},

	// Annual reports (web/office/report_*.go): the 经办人 and the 负责人
	// enter table 二 and the text; only the 负责人 publishes (an empty
	// report is refused with 400, past the check); the overview is the
	// 监督员's; letter settings are the 负责人's or a 系统管理员's.
	"POST /admin/requests/report":         {"POST", "/admin/requests/report", "overview=x", []string{"clerk", "head"}},
	"POST /admin/requests/report/publish": {"POST", "/admin/requests/report/publish", "", []string{"head"}},
	"POST /admin/requests/report/correct": {"POST", "/admin/requests/report/correct", "", []string{"head"}},
	"POST /admin/requests/report/reopen":  {"POST", "/admin/requests/report/reopen", "", []string{"head"}},
	"POST /admin/requests/report/relock":  {"POST", "/admin/requests/report/relock", "", []string{"head"}},
	"POST /admin/requests/report/area":    {"POST", "/admin/requests/report/area", "", []string{"clerk", "head"}},
	"GET /admin/requests/report/download": {"GET", "/admin/requests/report/download?format=json", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/reports/overview":         {"GET", "/admin/reports/overview", "", []string{"supervisor"}},
	// The supervising office's pages (web/supervise): the overview's
	// drill-down, the season board, the zip import and the 督办 are the 监督员's; any member
	// of an agency acknowledges the notices sent to it (999999 is none).
	"GET /admin/reports/overview/cell": {"GET", "/admin/reports/overview/cell?cell=requests.new.total", "", []string{"supervisor"}},
	"GET /admin/reports/season":        {"GET", "/admin/reports/season", "", []string{"supervisor"}},
	"POST /admin/reports/urge":         {"POST", "/admin/reports/urge", "body=", []string{"supervisor"}},
	"GET /admin/reports/import":        {"GET", "/admin/reports/import", "", []string{"supervisor"}},
	"POST /admin/reports/import":       {"POST", "/admin/reports/import", "", []string{"supervisor"}},
	// An upload being read (no such import: 404 for the supervisor).
	"GET /admin/reports/import/{id}":          {"GET", "/admin/reports/import/nope", "", []string{"supervisor"}},
	"GET /admin/reports/import/{id}/progress": {"GET", "/admin/reports/import/nope/progress", "", []string{"supervisor"}},
	"POST /admin/season/notices/{id}/ack":     {"POST", "/admin/season/notices/999999/ack", "", []string{"all"}},
	"GET /admin/letter-settings":              {"GET", "/admin/letter-settings", "", []string{"head", "sysadmin"}},
	"POST /admin/letter-settings":             {"POST", "/admin/letter-settings", "prefix=", []string{"head", "sysadmin"}},

	// 主动公开 (web/office/catalog_*.go): 999999 is no item, so an allowed
	// role gets 404 from catalog and a refused one 403 from the route
	// check; cross-agency ids are in catalog_scenario_test.go.
	"GET /admin/catalog":                      {"GET", "/admin/catalog", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/catalog/new":                  {"GET", "/admin/catalog/new", "", []string{"clerk"}},
	"POST /admin/catalog":                     {"POST", "/admin/catalog", "title=", []string{"clerk"}},
	"GET /admin/catalog/{id}":                 {"GET", "/admin/catalog/999999", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"GET /admin/catalog/{id}/edit":            {"GET", "/admin/catalog/999999/edit", "", []string{"clerk"}},
	"POST /admin/catalog/{id}":                {"POST", "/admin/catalog/999999", "title=x", []string{"clerk"}},
	"POST /admin/catalog/{id}/attachments":    {"POST", "/admin/catalog/999999/attachments", "", []string{"clerk"}},
	"POST /admin/catalog/{id}/body":           {"POST", "/admin/catalog/999999/body", "", []string{"clerk"}},
	"GET /admin/catalog/{id}/attachments/{n}": {"GET", "/admin/catalog/999999/attachments/1", "", []string{"clerk", "reviewer", "head", "supervisor"}},
	"POST /admin/catalog/{id}/steps/{step}":   {"POST", "/admin/catalog/999999/steps/submit", "", []string{"clerk", "reviewer", "head"}},
	// A channel's expected interval is the 负责人's (catalog.md §6).
	"POST /admin/catalog/channels": {"POST", "/admin/catalog/channels", "code=wechat&interval=7", []string{"head"}},

	// Site settings (web/office/site_settings.go): an agency's 指南 and 制度
	// are its 负责人's; its footer the 负责人's or a 系统管理员's; the site's
	// own identity the 系统管理员's (a 负责人 is sent on to their agency).
	"GET /admin/site":                {"GET", "/admin/site", "", []string{"head", "sysadmin"}},
	"POST /admin/site":               {"POST", "/admin/site", "site_code=bad", []string{"sysadmin"}},
	"GET /admin/site/{id}":           {"GET", "/admin/site/{justice}", "", []string{"head", "sysadmin"}},
	"POST /admin/site/{id}/identity": {"POST", "/admin/site/{justice}/identity", "site_code=bad", []string{"head", "sysadmin"}},
	"POST /admin/site/{id}/guide":    {"POST", "/admin/site/{justice}/guide", "email=bad", []string{"head"}},
	"POST /admin/site/{id}/rules":    {"POST", "/admin/site/{justice}/rules", "body=", []string{"head"}},

	// Logout is driven last: it ends the session.
	"POST /admin/logout": {"POST", "/admin/logout", "", []string{"all"}},
}

// publicRoutes need no session; they are tested by the scenarios.
var publicRoutes = []string{
	"GET /admin/login", "POST /admin/login", "GET /admin/login/totp", "POST /admin/login/totp",
	"GET /admin/login/enroll", "POST /admin/login/enroll", "GET /admin/bootstrap", "POST /admin/bootstrap",
}

// TestAuthorizationMatrix drives every back-office route as every role
// and as an anonymous visitor and checks the allow/deny table: denied
// means 403 for a signed-in user and a trip to the login page for an
// anonymous one; allowed means anything else (a 400 for an empty form is
// allowed: it got past the permission check).
func TestAuthorizationMatrix(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		var patterns []string
		for _, p := range f.app.AdminRoutes() {
			if slices.Contains(publicRoutes, p) {
				continue
			}
			if _, ok := matrix[p]; !ok {
				t.Errorf("route %q has no row in the authorization matrix", p)
				continue
			}
			patterns = append(patterns, p)
		}
		for p := range matrix {
			if !slices.Contains(f.app.AdminRoutes(), p) {
				t.Errorf("matrix row %q names no registered route", p)
			}
		}
		sort.Slice(patterns, func(i, j int) bool { // logout last
			li, lj := strings.Contains(patterns[i], "logout"), strings.Contains(patterns[j], "logout")
			if li != lj {
				return lj
			}
			return patterns[i] < patterns[j]
		})
		for _, role := range append([]string{""}, roles...) {
			name := role
			if name == "" {
				name = "anonymous"
			}
			c := f.client()
			if role != "" {
				c = f.login(role)
			}
			for _, p := range patterns {
				row := matrix[p]
				resp := f.do(c, row.method, f.expand(row.url), f.expand(row.body), nil)
				allowed := role != "" && (slices.Contains(row.allow, "all") || slices.Contains(row.allow, role))
				toLogin := resp.location == "/admin/login" && (resp.status == http.StatusSeeOther || resp.status == http.StatusUnauthorized)
				denied := resp.status == http.StatusForbidden || toLogin
				switch {
				case role == "" && !toLogin:
					t.Errorf("%s %s: anonymous got %d (location %q); want the login page", name, p, resp.status, resp.location)
				case role != "" && allowed && denied:
					t.Errorf("%s %s: denied with %d; want allowed", name, p, resp.status)
				case role != "" && !allowed && resp.status != http.StatusForbidden:
					t.Errorf("%s %s: got %d; want 403", name, p, resp.status)
				}
			}
		}
	})
}
