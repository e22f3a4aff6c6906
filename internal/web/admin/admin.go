// Package admin is the 三员 side of the back office: agencies, staff
// accounts, role grants, the audit log and the API tokens, the pages of
// the 系统管理员, 安全管理员 and 审计管理员. It is a section mounted on
// web/backoffice, which owns sign-in, sessions, the guard and the frame.
package admin

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

//go:embed templates
var templateFS embed.FS

// TemplateFS returns the 三员 pages' templates.
func TemplateFS() fs.FS {
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// Accounts manages staff accounts on behalf of a system administrator.
type Accounts interface {
	// Create adds an account with a generated one-time password, which it
	// returns (shown once).
	Create(ctx context.Context, by audit.Actor, u account.User) (account.User, string, error)
	// Disable disables an account; its sessions end at their next request.
	Disable(ctx context.Context, by audit.Actor, id int64) error
	// Unlock lifts every sign-in lock of an account, from every address.
	Unlock(ctx context.Context, by audit.Actor, id int64) error
	// Reset gives an account a new one-time password and returns it.
	Reset(ctx context.Context, by audit.Actor, id int64) (string, error)
	// SetRoles replaces an account's roles after the separation-of-duties
	// check (安全管理员 only).
	SetRoles(ctx context.Context, by audit.Actor, id int64, roles []account.Role) error
}

// PublicAccounts lifts the sign-in locks of a public account
// (*publicuser.Service): the holder gives staff their login (an e-mail
// address or mobile number) by telephone or at the counter.
type PublicAccounts interface {
	// Unlock lifts every lock of the account with that login, audited
	// public.unlock; an unknown login is apperr.NotFound.
	Unlock(ctx context.Context, by audit.Actor, login string) (publicuser.Account, error)
}

// Agencies adds agencies and sets their kind.
type Agencies interface {
	Create(ctx context.Context, by audit.Actor, a agency.Agency) (agency.Agency, error)
	SetKind(ctx context.Context, by audit.Actor, id int64, k agency.Kind, noReport bool) error
}

// AuditLog records events and searches and exports the audit log; search
// and export are themselves audited.
type AuditLog interface {
	Record(ctx context.Context, e audit.Event) error
	Search(ctx context.Context, by audit.Actor, f audit.Filter) ([]audit.Event, error)
	ExportCSV(ctx context.Context, by audit.Actor, w io.Writer, f audit.Filter) error
}

// Tokens issues, lists and revokes API tokens, auditing each change;
// *apitoken.Service is one.
type Tokens interface {
	Issue(ctx context.Context, by audit.Actor, name string, agencyID int64) (apitoken.Token, string, error)
	List(ctx context.Context) ([]apitoken.Token, error)
	Revoke(ctx context.Context, by audit.Actor, id int64) error
}

// Deps are the 三员 pages' dependencies, wired by internal/app.
type Deps struct {
	Accounts Accounts
	// PublicAccounts unlocks public accounts; nil hides the form.
	PublicAccounts PublicAccounts
	Users          account.Store // reads: lists
	AgencyStore    agency.Store  // reads: names, subtrees
	Agencies       Agencies
	Audit          AuditLog
	Tokens         Tokens
	Log            *slog.Logger
	Now            func() time.Time
	// RequestTracking returns the tracking number of request id, for the
	// audit page to name requests; nil shows their ids.
	RequestTracking func(ctx context.Context, id int64) (string, error)
	// InactiveAfter is auth's inactivity rule (account_inactive_after),
	// for the 长期未用 badge of the accounts list; 0 turns it off.
	InactiveAfter time.Duration
}

// Site is the 三员 section of the back office.
type Site struct {
	bo   *backoffice.Site
	deps Deps
	rd   *web.Renderer
}

// New parses the 三员 pages' templates for the shell bo. It refuses Deps
// missing a service, naming it; Log and Now have defaults.
func New(bo *backoffice.Site, d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"Accounts", d.Accounts == nil}, {"Users", d.Users == nil}, {"AgencyStore", d.AgencyStore == nil},
		{"Agencies", d.Agencies == nil}, {"Audit", d.Audit == nil}, {"Tokens", d.Tokens == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
	}
	if bo == nil {
		missing = append(missing, "the back-office shell")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("admin: %s not set", strings.Join(missing, ", "))
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	rd, err := web.NewRenderer(TemplateFS(), d.Log)
	if err != nil {
		return nil, err
	}
	return &Site{bo: bo, deps: d, rd: rd}, nil
}

// Messages returns the 三员 pages' texts (backoffice.Section).
func (s *Site) Messages() web.Messages { return Messages }
