package website_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/website"
)

func newService(t *testing.T, st *sqlstore.Store, now *time.Time) (*website.Service, agency.Agency) {
	t.Helper()
	svc, err := website.NewService(st, &audit.Log{Store: st, Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := website.NewService(nil, &audit.Log{Store: st}); err == nil {
		t.Error("NewService accepted a nil store")
	}
	svc.Now = func() time.Time { return *now }
	a, err := st.CreateAgency(context.Background(), agency.Agency{Name: "北仑区司法局", CreatedAt: *now})
	if err != nil {
		t.Fatal(err)
	}
	return svc, a
}

// TestIdentity: an agency's fields replace the site's one by one; a
// malformed 网站标识码 is refused.
func TestIdentity(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
		svc, a := newService(t, st, &now)
		if id, err := svc.Identity(ctx, a.ID); err != nil || !id.Empty() {
			t.Fatalf("nothing set: %+v %v", id, err)
		}
		site := website.Identity{AgencyID: website.SiteID, SiteName: " 宁波市北仑区人民政府 ", SiteCode: "3302060001",
			ICP: "浙ICP备05001234号", PoliceRecord: "浙公网安备 33020602000123号", Sponsor: "宁波市北仑区人民政府办公室", Contact: "0574-86780000"}
		if err := svc.SetIdentity(ctx, audit.CLI, site); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetIdentity(ctx, audit.CLI, website.Identity{AgencyID: a.ID, Sponsor: "宁波市北仑区司法局", Contact: "0574-86781234"}); err != nil {
			t.Fatal(err)
		}
		got, err := svc.Identity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.SiteName != "宁波市北仑区人民政府" || got.SiteCode != "3302060001" || got.Sponsor != "宁波市北仑区司法局" ||
			got.Contact != "0574-86781234" || got.ICP != site.ICP {
			t.Errorf("merged identity: %+v", got)
		}
		for _, bad := range []website.Identity{{SiteCode: "33020600"}, {SiteCode: "abcdefghij"}, {Sponsor: string(make([]rune, 201))}} {
			if err := svc.SetIdentity(ctx, audit.CLI, bad); apperr.KindOf(err) != apperr.Invalid {
				t.Errorf("%+v: %v; want invalid", bad, err)
			}
		}
		if err := svc.SetIdentity(ctx, audit.CLI, website.Identity{SiteCode: "bm01000001"}); err != nil {
			t.Errorf("a ministry's code: %v", err)
		}
	})
}

// TestDocVersions: each save is a new version; the one in effect on a
// day is the newest not dated after it; versions are append-only.
func TestDocVersions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
		svc, a := newService(t, st, &now)
		if _, err := svc.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: a.ID, Kind: website.Guide}); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("empty guide: %v", err)
		}
		for _, bad := range []website.Doc{
			{AgencyID: a.ID, Kind: website.Guide, Office: "x", Postcode: "31580"},
			{AgencyID: a.ID, Kind: website.Guide, Office: "x", Email: "not mail"},
			{AgencyID: a.ID, Kind: "faq", Body: "x"},
			{AgencyID: a.ID, Kind: website.Rules},
		} {
			if _, err := svc.SaveDoc(ctx, audit.CLI, bad); apperr.KindOf(err) != apperr.Invalid {
				t.Errorf("%+v: %v; want invalid", bad, err)
			}
		}
		d1, err := svc.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: a.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
			Address: "宁波市北仑区新碶街道", Hours: "工作日 8:30–17:00", Phone: "0574-86781234", Postcode: "315800",
			Email: "gk@example.gov.cn", Body: `<p>一、公开的主要内容</p><script>x</script>`})
		if err != nil {
			t.Fatal(err)
		}
		if d1.N != 1 || d1.EffectiveOn != calendar.D(2026, 1, 5) || d1.Body != "<p>一、公开的主要内容</p>" {
			t.Errorf("first version: %+v", d1)
		}
		now = now.AddDate(0, 1, 0)
		d2, err := svc.SaveDoc(ctx, audit.CLI, website.Doc{AgencyID: a.ID, Kind: website.Guide, Office: "北仑区司法局办公室",
			Phone: "0574-86780000", EffectiveOn: calendar.D(2026, 3, 1)})
		if err != nil || d2.N != 2 {
			t.Fatalf("second version: %+v %v", d2, err)
		}
		docs, err := svc.Docs(ctx, a.ID, website.Guide)
		if err != nil || len(docs) != 2 || docs[0].N != 2 || docs[1].Phone != "0574-86781234" {
			t.Fatalf("versions: %+v %v", docs, err)
		}
		if cur, ok := website.Current(docs, calendar.D(2026, 2, 5)); !ok || cur.N != 1 {
			t.Errorf("in effect before version 2's date: %+v", cur)
		}
		if cur, ok := website.Current(docs, calendar.D(2026, 3, 1)); !ok || cur.N != 2 {
			t.Errorf("in effect from version 2's date: %+v", cur)
		}
		if _, ok := website.Current(docs, calendar.D(2025, 1, 1)); ok {
			t.Error("a version before the first")
		}
		// a stale editor's version number conflicts
		stale := docs[0]
		stale.SavedAt = now
		if err := st.AddDoc(ctx, stale); apperr.KindOf(err) != apperr.Conflict {
			t.Errorf("stale version: %v; want conflict", err)
		}
		if _, err := st.DB().ExecContext(ctx, "DELETE FROM agency_docs"); err == nil {
			t.Error("agency_docs accepted a DELETE")
		}
	})
}

// TestEditPermissions: the 负责人 edits the agency's 指南, 制度 and footer;
// a 系统管理员 the footers and the site's identity but no agency's texts;
// the other roles and other agencies' heads nothing. Refusals are
// audited and change nothing.
func TestEditPermissions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
		svc, a := newService(t, st, &now)
		b, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		subj := func(id int64, login string, agencyID int64, r account.Role) auth.Subject {
			return auth.Subject{UserID: id, Login: login, AgencyID: agencyID, Roles: []account.Role{r}}
		}
		head, clerk, other := subj(1, "head", a.ID, account.Head), subj(2, "clerk", a.ID, account.Clerk), subj(3, "headb", b.ID, account.Head)
		admin, sup := subj(4, "sysadmin", 0, account.SysAdmin), subj(5, "sup", a.ID, account.Supervisor)
		sup.Scope = []int64{a.ID}
		guide := website.Doc{AgencyID: a.ID, Kind: website.Guide, Office: "北仑区司法局办公室"}
		for _, tc := range []struct {
			name     string
			who      auth.Subject
			identity int64 // agency of the identity set; -1: not tried
			doc      bool
			ok       bool
		}{
			{"head: own texts", head, -1, true, true},
			{"head: own footer", head, a.ID, false, true},
			{"head: the site's footer", head, website.SiteID, false, false},
			{"head of another agency: texts", other, -1, true, false},
			{"head of another agency: footer", other, a.ID, false, false},
			{"clerk: texts", clerk, -1, true, false},
			{"clerk: footer", clerk, a.ID, false, false},
			{"supervisor: texts", sup, -1, true, false},
			{"sysadmin: an agency's texts", admin, -1, true, false},
			{"sysadmin: an agency's footer", admin, a.ID, false, true},
			{"sysadmin: the site's footer", admin, website.SiteID, false, true},
		} {
			by := audit.Actor{UserID: tc.who.UserID, Login: tc.who.Login}
			var err error
			if tc.doc {
				_, err = svc.EditDoc(ctx, tc.who, by, guide)
			} else {
				err = svc.EditIdentity(ctx, tc.who, by, website.Identity{AgencyID: tc.identity, SiteName: "站名", Sponsor: tc.name})
			}
			if tc.ok && err != nil {
				t.Errorf("%s: %v; want allowed", tc.name, err)
			}
			if !tc.ok && apperr.KindOf(err) != apperr.Forbidden {
				t.Errorf("%s: %v; want Forbidden", tc.name, err)
			}
		}
		docs, _ := svc.Docs(ctx, a.ID, website.Guide)
		if len(docs) != 1 || docs[0].SavedBy != "head" {
			t.Errorf("guide versions %+v; want one, by the head", docs)
		}
		if own, _ := svc.Stored(ctx, a.ID); own.Sponsor != "sysadmin: an agency's footer" || own.SiteName != "" {
			t.Errorf("agency footer %+v; want the last allowed one, without a site name", own)
		}
		denied, err := st.SearchAudit(ctx, audit.Filter{Result: audit.ResultDenied, Limit: 50})
		if err != nil || len(denied) != 7 {
			t.Errorf("denied attempts audited: %d (%v); want 7", len(denied), err)
		}
	})
}
