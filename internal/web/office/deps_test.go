package office

import (
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Stand-ins for the services a test does not look at: each embeds the
// interface it stands for, so calling one is a test bug (a nil-method
// panic), while New sees every service set.
type (
	stubAuth           struct{ backoffice.Authenticator }
	stubUsers          struct{ account.Store }
	stubAgencyStore    struct{ agency.Store }
	stubAudit          struct{ backoffice.AuditRecorder }
	stubReports        struct{ Reports }
	stubLetterSettings struct{ LetterSettings }
	stubSessionRows    struct{ web.SessionRows }
)

// withStubs fills every service d leaves nil with a stand-in, as New
// requires them all.
func withStubs(d Deps) Deps {
	if d.AgencyStore == nil {
		d.AgencyStore = stubAgencyStore{}
	}
	if d.Requests == nil {
		d.Requests = nopCasework{}
	}
	if d.Reports == nil {
		d.Reports = stubReports{}
	}
	if d.LetterSettings == nil {
		d.LetterSettings = stubLetterSettings{}
	}
	return d
}

// testShell is a back-office shell on stand-ins, with its session
// manager (a page pops its flash notice from the session).
func testShell(t *testing.T) (*backoffice.Site, *scs.SessionManager) {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	sm := scs.New()
	bo, err := backoffice.New(backoffice.Deps{Sessions: sm, Auth: stubAuth{}, Users: stubUsers{}, AgencyStore: stubAgencyStore{},
		Audit: stubAudit{}, Assets: assets, SessionIndex: web.NewSessionIndex(stubSessionRows{}, 30*time.Minute, 12*time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return bo, sm
}

// testSite is the section on stand-ins for what d leaves nil, mounted on
// a test shell.
func testSite(t *testing.T, d Deps) (*Site, *scs.SessionManager) {
	t.Helper()
	bo, sm := testShell(t)
	s, err := New(bo, withStubs(d))
	if err != nil {
		t.Fatal(err)
	}
	bo.Mount(s)
	return s, sm
}

// TestNewRefusesMissingServices: a section wired without a service fails
// at start-up, naming it, instead of serving pages that 404.
func TestNewRefusesMissingServices(t *testing.T) {
	bo, _ := testShell(t)
	if _, err := New(bo, withStubs(Deps{})); err != nil {
		t.Fatalf("New with every service: %v", err)
	}
	for _, tc := range []struct {
		name string
		drop func(d *Deps)
	}{
		{"AgencyStore", func(d *Deps) { d.AgencyStore = nil }},
		{"Requests", func(d *Deps) { d.Requests = nil }},
		{"Reports", func(d *Deps) { d.Reports = nil }},
		{"LetterSettings", func(d *Deps) { d.LetterSettings = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withStubs(Deps{})
			tc.drop(&d)
			if _, err := New(bo, d); err == nil || !strings.Contains(err.Error(), "Deps."+tc.name) {
				t.Errorf("New without %s: %v; want an error naming Deps.%s", tc.name, err, tc.name)
			}
		})
	}
	if _, err := New(nil, withStubs(Deps{})); err == nil {
		t.Error("New without a shell succeeded")
	}
}
