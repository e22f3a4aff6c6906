package admin

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// TestEveryPageRenders executes every 三员 template with its typed page
// struct (zero values plus a signed-in viewer), so a template that names
// a missing field fails here rather than in production.
func TestEveryPageRenders(t *testing.T) {
	s, _ := testSite(t, Deps{})
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/admin/", nil)
	p := web.NewPage(r, s.bo.Catalog(), assets, "dashboard.title")
	p.Viewer = &web.Viewer{Name: "测试", Roles: "经办人"}
	p.Errors = []string{"一个错误"}
	pages := samplePages(p)
	for _, name := range s.rd.Names() {
		data, ok := pages[name]
		if !ok {
			t.Errorf("page %q has no typed data in this test", name)
			continue
		}
		rec := httptest.NewRecorder()
		s.rd.Render(rec, r, 200, name, data)
		if rec.Code != 200 {
			t.Errorf("%s: status %d: %s", name, rec.Code, rec.Body.String())
			continue
		}
		body := rec.Body.String()
		for _, want := range []string{`<html lang="zh-CN"`, `href="#main"`, "一个错误", "测试"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: lacks %q", name, want)
			}
		}
		if strings.Contains(body, "ZgotmplZ") {
			t.Errorf("%s: html/template refused a value (ZgotmplZ)", name)
		}
	}
}

// samplePages is every 三员 page with data; agency and person names are
// 甲, 乙, 丙 and 王五.
func samplePages(p web.Page) map[string]any {
	return map[string]any{
		"agencies": AgenciesPage{Page: p, CanAdd: true, Rows: []AgencyRow{{ID: 1, Name: "甲", Parent: "乙", Kind: agency.Department, KindKey: "agencies.kind_department"}}}, "agency": AgencyPage{Page: p, Agency: agency.Agency{Kind: agency.Township}, KindKey: "agencies.kind_township", CanEdit: true, Kinds: kindOptions, Children: []AgencyRow{{ID: 2, Name: "丙"}}},
		"agency_new": AgencyNewPage{Page: p, Kinds: kindOptions, Parents: []AgencyRow{{ID: 1, Name: "甲"}}},
		"users": UsersPage{Page: p, CanAdd: true, Rows: []UserRow{{ID: 1, Login: "a", Name: "王五", Agency: "甲", Locked: true, Inactive: true}},
			Filters: []StatusFilter{{"inactive", "长期未用", true}}}, "user": UserPage{Page: p, CanManage: true, User: UserRow{Login: "a", Name: "王五", Agency: "甲"}},
		"user_new": UserNewPage{Page: p, Roles: []RoleChoice{{"clerk", "经办人", true}}, Agencies: []AgencyRow{{ID: 1, Name: "乙"}}}, "secret": SecretPage{Page: p, Secret: "s3cret"},
		"audit": AuditPage{Page: p, Rows: nil}, "tokens": TokensPage{Page: p, Rows: []TokenRow{{ID: 1, Name: "OA", Agency: "甲"}}, Agencies: []AgencyRow{{ID: 1, Name: "乙"}}},
		"roles":      RolesPage{Page: p, Rows: []UserRow{{ID: 1, Login: "a", Name: "王五", Agency: "甲"}}},
		"user_roles": RolesEditPage{Page: p, Roles: []RoleChoice{{"head", "负责人", false}}}, "error": web.ErrorPage{Page: p, Message: "x"},
	}
}

// TestChineseDataMarked renders every 三员 page in English and checks
// that agency and person names, which exist only as entered (in Chinese),
// carry lang="zh-CN" (WCAG 3.1.2).
func TestChineseDataMarked(t *testing.T) {
	s, _ := testSite(t, Deps{})
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/admin/?lang=en", nil)
	p := web.NewPage(r, s.bo.Catalog(), assets, "dashboard.title")
	p.Lang = web.LangEN
	p.Viewer = &web.Viewer{Name: "测试", Roles: "Clerk"}
	for name, data := range samplePages(p) {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.rd.Render(rec, r, 200, name, data)
			for _, bad := range webtest.ZhUnmarked(rec.Body.String(), "甲", "乙", "丙", "王五", "测试") {
				t.Errorf("%s: %s lacks lang=\"zh-CN\"", name, bad)
			}
		})
	}
}
