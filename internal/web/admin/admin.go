// Package admin is the back office: staff sign-in (with the TOTP step and
// the forced change of one-time passwords), the dashboard, agencies,
// accounts, the audit log and the API tokens.
//
// Every route is declared once in routes.go with the permission it needs;
// the check goes through auth.Can with the agency of the object, so a
// clerk of one agency cannot reach another agency's data by changing ids
// (SECURITY.md E-AC-05, O-AC-02). Sessions live in the database (scs);
// cross-site POSTs are refused by http.CrossOriginProtection in front of
// the whole site.
package admin

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

//go:embed templates
var templateFS embed.FS

// TemplateFS returns the back office's page templates.
func TemplateFS() fs.FS {
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// A LoginStep says what a correct password leads to.
type LoginStep int

// The steps after a correct password.
const (
	StepDone           LoginStep = iota // signed in
	StepTOTP                            // the second factor is still needed
	StepEnroll                          // a second factor is required but not yet set up (等保 level 3)
	StepChangePassword                  // signed in, but must choose a new password first (one-time or expired)
)

// Authenticator checks credentials. Every failure of Login — unknown
// login, wrong password, locked or disabled account — must come back as
// the same apperr.Unauthenticated error, so the page cannot tell them
// apart (SECURITY.md E-AUTH-02 a).
type Authenticator interface {
	// Login checks a password and records the attempt in the audit log.
	Login(ctx context.Context, from audit.Actor, login, password string) (account.User, LoginStep, error)
	// VerifyTOTP checks the second factor of a user who passed Login with
	// StepTOTP, and tells whether a password change is still due.
	VerifyTOTP(ctx context.Context, from audit.Actor, userID int64, code string) (LoginStep, error)
	// BeginTOTP creates a new, not yet enabled TOTP secret for the user
	// and returns it with its otpauth:// URL.
	BeginTOTP(ctx context.Context, userID int64) (secret, url string, err error)
	// ConfirmTOTP enables the second factor once code matches.
	ConfirmTOTP(ctx context.Context, by audit.Actor, userID int64, code string) error
	// ChangePassword replaces the password after checking the current one.
	ChangePassword(ctx context.Context, by audit.Actor, userID int64, current, next string) error
	// PolicyText describes the password policy in Chinese and English.
	PolicyText() string
	// Bootstrap consumes the one-time bootstrap token and creates the
	// first system administrator in a new or existing agency.
	Bootstrap(ctx context.Context, from audit.Actor, token, agencyName, login, password string) (account.User, error)
	// Logout records the sign-out.
	Logout(ctx context.Context, by audit.Actor) error
}

// Accounts manages staff accounts on behalf of a system administrator.
type Accounts interface {
	// Create adds an account with a generated one-time password, which it
	// returns (shown once).
	Create(ctx context.Context, by audit.Actor, u account.User) (account.User, string, error)
	// Disable disables an account; its sessions end at their next request.
	Disable(ctx context.Context, by audit.Actor, id int64) error
	// Reset gives an account a new one-time password and returns it.
	Reset(ctx context.Context, by audit.Actor, id int64) (string, error)
	// SetRoles replaces an account's roles after the separation-of-duties
	// check (安全管理员 only).
	SetRoles(ctx context.Context, by audit.Actor, id int64, roles []account.Role) error
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

// Deps are the back office's dependencies, wired by internal/app.
type Deps struct {
	Sessions     *scs.SessionManager
	Auth         Authenticator
	Accounts     Accounts
	Users        account.Store // reads: the signed-in user on each request, lists
	AgencyStore  agency.Store  // reads: names, subtrees, scopes
	Agencies     Agencies
	Audit        AuditLog
	Tokens       Tokens
	Assets       *web.Assets
	Log          *slog.Logger
	ClientIP     func(*http.Request) string
	LoginLimiter *web.RateLimiter // per client IP; nil means no limit
	Now          func() time.Time
	TOTPRequired bool     // level-3 profile: a login without TOTP enrolment is refused
	Requests     Casework // 依申请公开
	// Reports runs annual reports (hand entries, publication, the
	// supervisor's overview).
	Reports Reports
	// LetterSettings edits agencies' letterheads and document numbers.
	LetterSettings LetterSettings
	// SessionIndex lists each user's sessions for "my sessions".
	SessionIndex *web.SessionIndex
	// Catalog runs 主动公开 drafting, review and publication; nil leaves
	// the catalogue pages off.
	Catalog Catalog
	// InactiveAfter is auth's inactivity rule (account_inactive_after),
	// for the 长期未用 badge of the accounts list; 0 turns it off.
	InactiveAfter time.Duration
}

// Site is the back office.
type Site struct {
	deps Deps
	rd   *web.Renderer
	cat  *web.Catalog
	log  *slog.Logger
	req  *requestPages // nil without Deps.Requests
	cp   *catalogPages // nil without Deps.Catalog
}

// New parses the back office's templates. It refuses Deps missing a
// service, naming it, so a wiring mistake stops the server at start-up
// instead of leaving pages that answer 404; Log, Now, ClientIP and
// LoginLimiter have defaults.
func New(d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"Sessions", d.Sessions == nil}, {"Auth", d.Auth == nil}, {"Accounts", d.Accounts == nil}, {"Users", d.Users == nil},
		{"AgencyStore", d.AgencyStore == nil}, {"Agencies", d.Agencies == nil}, {"Audit", d.Audit == nil},
		{"Tokens", d.Tokens == nil}, {"Assets", d.Assets == nil}, {"Requests", d.Requests == nil}, {"Reports", d.Reports == nil},
		{"LetterSettings", d.LetterSettings == nil}, {"SessionIndex", d.SessionIndex == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
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
	if d.ClientIP == nil {
		cip, _ := web.NewClientIP(nil)
		d.ClientIP = cip.Of
	}
	rd, err := web.NewRenderer(TemplateFS(), d.Log)
	if err != nil {
		return nil, err
	}
	req, err := newRequestPages(d)
	if err != nil {
		return nil, err
	}
	cp, err := newCatalogPages(d)
	if err != nil {
		return nil, err
	}
	return &Site{deps: d, rd: rd, cat: web.NewCatalog(web.CommonMessages, web.ErrorMessages, Messages), log: d.Log, req: req, cp: cp}, nil
}
