package backoffice

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
	stubAuth        struct{ Authenticator }
	stubUsers       struct{ account.Store }
	stubAgencyStore struct{ agency.Store }
	stubAudit       struct{ AuditRecorder }
	stubSessionRows struct{ web.SessionRows }
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
	if d.Users == nil {
		d.Users = stubUsers{}
	}
	if d.AgencyStore == nil {
		d.AgencyStore = stubAgencyStore{}
	}
	if d.Audit == nil {
		d.Audit = stubAudit{}
	}
	if d.Assets == nil {
		d.Assets, _ = web.NewAssets()
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
		{"Users", func(d *Deps) { d.Users = nil }},
		{"AgencyStore", func(d *Deps) { d.AgencyStore = nil }},
		{"Audit", func(d *Deps) { d.Audit = nil }},
		{"Assets", func(d *Deps) { d.Assets = nil }},
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
