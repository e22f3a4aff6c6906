package app

import (
	"context"
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/website"
)

// The IDOR walk (idor_test.go) covers /admin/site/{id} with 北仑区教育局's
// id; the clerk is refused by the route check, and TestSiteSettings
// below tries the same ids as the 负责人 of 北仑区司法局.
func init() {
	otherAgencyIDs["/admin/site/"] = "{education}"
}

// TestSiteSettings: the 负责人 edits the agency's 指南, 制度 and footer in
// the back office; each save is a new version with its history shown,
// the portal shows the new version and the footer, bad input is refused
// with the reason, another agency's pages are out of reach, and every
// change is audited.
func TestSiteSettings(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		if err := f.app.Website.SetIdentity(ctx, audit.CLI, website.Identity{AgencyID: website.SiteID, SiteName: "宁波市北仑区人民政府",
			SiteCode: "3302060001", ICP: "浙ICP备05001234号"}); err != nil {
			t.Fatal(err)
		}
		guide := func(office, email string) string {
			return url.Values{"office": {office}, "address": {"宁波市北仑区新碶街道中河路400号"}, "hours": {"工作日 8:30-17:00"},
				"phone": {"0574-86781234"}, "email": {email}, "postcode": {"315800"},
				"body": {`<p>一、主动公开</p><script>alert(1)</script>`}}.Encode()
		}
		for _, sc := range []scenario{
			{name: "the head is sent to the agency's page", as: "head", method: "GET", url: "/admin/site", status: 303, location: "/admin/site/{justice}"},
			{name: "the head's page", as: "head", method: "GET", url: "/admin/site/{justice}", status: 200,
				want: []string{`id="identity-form"`, `id="guide-form"`, `id="rules-form"`, "北仑区司法局", "浙ICP备05001234号", "尚无版本"}},
			{name: "a bad e-mail is refused with the reason", as: "head", method: "POST", url: "/admin/site/{justice}/guide", body: guide("司法局办公室", "not-an-email"),
				status: 400, want: []string{"电子邮箱", "not-an-email", `value="司法局办公室"`}},
			{name: "version 1", as: "head", method: "POST", url: "/admin/site/{justice}/guide", body: guide("司法局办公室", "sfj@bl.gov.cn"), status: 303},
			{name: "version 2", as: "head", method: "POST", url: "/admin/site/{justice}/guide", body: guide("司法局政务公开科", "sfj@bl.gov.cn"), status: 303},
			{name: "rules", as: "head", method: "POST", url: "/admin/site/{justice}/rules", body: "body=" + url.QueryEscape("<p>第一条 为规范本局政府信息公开工作……</p>"), status: 303},
			{name: "empty rules are refused", as: "head", method: "POST", url: "/admin/site/{justice}/rules", body: "body=", status: 400, want: []string{"公开制度的正文不能为空"}},
			{name: "a bad site code is refused", as: "head", method: "POST", url: "/admin/site/{justice}/identity", body: "site_code=123", status: 400, want: []string{"网站标识码"}},
			{name: "the footer", as: "head", method: "POST", url: "/admin/site/{justice}/identity",
				body: "sponsor=" + url.QueryEscape("宁波市北仑区司法局") + "&contact=" + url.QueryEscape("0574-86781234"), status: 303},
			{name: "the history", as: "head", method: "GET", url: "/admin/site/{justice}", status: 200,
				want: []string{`id="versions-guide"`, `/catalog/agencies/{justice}/guide?version=2`, `/catalog/agencies/{justice}/guide?version=1`,
					`value="司法局政务公开科"`, `id="versions-rules"`, `value="宁波市北仑区司法局"`}, notWant: []string{"alert(1)"}},
			{name: "the portal shows version 2", as: "", method: "GET", url: "/catalog/agencies/{justice}/guide", status: 200,
				want: []string{"司法局政务公开科", "一、主动公开", "宁波市北仑区司法局", "3302060001"}, notWant: []string{"alert(1)"}},
			{name: "the portal keeps version 1", as: "", method: "GET", url: "/catalog/agencies/{justice}/guide?version=1", status: 200,
				want: []string{"司法局办公室"}},
			{name: "the English page", as: "head", method: "GET", url: "/admin/site/{justice}?lang=en", status: 200,
				want: []string{"Disclosure guide", "Versions"}},
			// Another agency's pages: not found for the head, nothing saved.
			{name: "another agency's page", as: "head", method: "GET", url: "/admin/site/{education}", status: 404, notWant: []string{"北仑区教育局"}},
			{name: "another agency's guide", as: "head", method: "POST", url: "/admin/site/{education}/guide", body: guide("x", "a@b.cn"), status: 403},
			{name: "another agency's footer", as: "head", method: "POST", url: "/admin/site/{education}/identity", body: "sponsor=x", status: 403},
			{name: "the head may not set the site's", as: "head", method: "POST", url: "/admin/site", body: "site_name=x", status: 403},
			// The 系统管理员: footers and the site, no agency's texts.
			{name: "the sysadmin's site page", as: "sysadmin", method: "GET", url: "/admin/site", status: 200,
				want: []string{`id="site_name"`, `value="宁波市北仑区人民政府"`, `id="agency-choice"`}, notWant: []string{`id="guide-form"`}},
			{name: "the sysadmin's agency page", as: "sysadmin", method: "GET", url: "/admin/site/{education}", status: 200,
				want: []string{`id="identity-form"`}, notWant: []string{`id="guide-form"`, `id="rules-form"`}},
			{name: "the sysadmin may not write a guide", as: "sysadmin", method: "POST", url: "/admin/site/{justice}/guide", body: guide("x", "a@b.cn"), status: 403},
			{name: "the sysadmin renames the site", as: "sysadmin", method: "POST", url: "/admin/site", body: "site_name=" + url.QueryEscape("北仑区政府信息公开平台") + "&site_code=3302060001", status: 303},
			{name: "the portal shows the name", as: "", method: "GET", url: "/", status: 200, want: []string{"北仑区政府信息公开平台"}},
			{name: "the reviewer has no page", as: "reviewer", method: "GET", url: "/admin/site/{justice}", status: 403},
		} {
			f.run(t, sc)
		}
		docs, err := f.app.Website.Docs(ctx, f.agencies["education"].ID, website.Guide)
		if err != nil || len(docs) != 0 {
			t.Errorf("education's guide: %d versions (%v); want none", len(docs), err)
		}
		if own, _ := f.app.Website.Stored(ctx, f.agencies["education"].ID); !own.Empty() {
			t.Errorf("education's footer was set: %+v", own)
		}
		evs, err := f.app.Store.SearchAudit(ctx, audit.Filter{Action: "website.guide", Limit: 20})
		if err != nil || len(evs) < 3 {
			t.Errorf("website.guide audit rows: %d (%v); want 2 saved and the refusals", len(evs), err)
		}
	})
}
