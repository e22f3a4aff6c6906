package admin

import (
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/web"
)

// Stand-ins for the services a test does not look at: each embeds the
// interface it stands for, so calling one is a test bug (a nil-method
// panic), while New sees every service set.
type (
	stubAuth           struct{ Authenticator }
	stubAccounts       struct{ Accounts }
	stubUsers          struct{ account.Store }
	stubAgencyStore    struct{ agency.Store }
	stubAgencies       struct{ Agencies }
	stubAudit          struct{ AuditLog }
	stubTokens         struct{ Tokens }
	stubReports        struct{ Reports }
	stubLetterSettings struct{ LetterSettings }
	stubSessionRows    struct{ web.SessionRows }
)

// withStubs fills every service d leaves nil with a stand-in, as New
// requires them all.
func withStubs(d Deps) Deps {
	if d.Sessions == nil {
		d.Sessions = scs.New()
	}
	if d.Auth == nil {
		d.Auth = stubAuth{}
	}
	if d.Accounts == nil {
		d.Accounts = stubAccounts{}
	}
	if d.Users == nil {
		d.Users = stubUsers{}
	}
	if d.AgencyStore == nil {
		d.AgencyStore = stubAgencyStore{}
	}
	if d.Agencies == nil {
		d.Agencies = stubAgencies{}
	}
	if d.Audit == nil {
		d.Audit = stubAudit{}
	}
	if d.Tokens == nil {
		d.Tokens = stubTokens{}
	}
	if d.Assets == nil {
		d.Assets, _ = web.NewAssets()
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
	if d.SessionIndex == nil {
		d.SessionIndex = web.NewSessionIndex(stubSessionRows{}, 30*time.Minute, 12*time.Hour)
	}
	return d
}

// TestNewRefusesMissingServices: a back office wired without a service
// fails at start-up, naming it, instead of serving pages that 404.
func TestNewRefusesMissingServices(t *testing.T) {
	if _, err := New(withStubs(Deps{})); err != nil {
		t.Fatalf("New with every service: %v", err)
	}
	for _, tc := range []struct {
		name string
		drop func(d *Deps)
	}{
		{"Sessions", func(d *Deps) { d.Sessions = nil }},
		{"Auth", func(d *Deps) { d.Auth = nil }},
		{"Audit", func(d *Deps) { d.Audit = nil }},
		{"Tokens", func(d *Deps) { d.Tokens = nil }},
		{"Requests", func(d *Deps) { d.Requests = nil }},
		{"LetterSettings", func(d *Deps) { d.LetterSettings = nil }},
		{"SessionIndex", func(d *Deps) { d.SessionIndex = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withStubs(Deps{})
			tc.drop(&d)
			if _, err := New(d); err == nil || !strings.Contains(err.Error(), "Deps."+tc.name) {
				t.Errorf("New without %s: %v; want an error naming Deps.%s", tc.name, err, tc.name)
			}
		})
	}
}
