// Package backoffice is the shell of the back office (/admin/…): staff
// sign-in (with the TOTP step and the forced change of one-time
// passwords), sessions and "my sessions", the guard every route passes,
// the dashboard and the page frame. The pages themselves live in two
// sections mounted on it: web/admin (the 三员: agencies, accounts, roles,
// the audit log, API tokens) and web/office (the business staff:
// requests, letters, appeals, the calendar, annual reports, the
// catalogue). Both import this package and never each other.
//
// The API the sections use is small: a Section declares its Routes (each
// with the Check it needs), Links and Messages; handlers get the
// signed-in user as a *Request and build pages with Site.Page, report
// errors with Site.Fail and leave notices with Site.Flash.
//
// Every route is declared once, in its section's routes file, with the
// permission it needs; the check goes through auth.Can with the agency
// of the object, so a clerk of one agency cannot reach another agency's
// data by changing ids (SECURITY.md E-AC-05, O-AC-02). Sessions live in
// the database (scs); cross-site POSTs are refused by
// http.CrossOriginProtection in front of the whole site.
package backoffice

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
)

//go:embed templates
var templateFS embed.FS

// TemplateFS returns the shell's page templates (sign-in, dashboard,
// password, sessions).
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
	// PasswordPolicy is the password policy, for the hint of the password
	// fields (policyHint writes it in the page's language).
	PasswordPolicy() auth.Policy
	// Bootstrap consumes the one-time bootstrap token and creates the
	// first system administrator in a new or existing agency.
	Bootstrap(ctx context.Context, from audit.Actor, token, agencyName, login, password string) (account.User, error)
	// Logout records the sign-out.
	Logout(ctx context.Context, by audit.Actor) error
	// TakeNotices returns the unseen notices of a user (a lockout of the
	// account from some address) and marks them seen.
	TakeNotices(ctx context.Context, userID int64) ([]account.Notice, error)
}

// AuditRecorder records audit events: refused routes and ended sessions.
type AuditRecorder interface {
	Record(ctx context.Context, e audit.Event) error
}

// Deps are the shell's dependencies, wired by internal/app; the two
// halves (web/admin, web/office) have their own.
type Deps struct {
	Sessions     *scs.SessionManager
	Auth         Authenticator
	Users        account.Store // reads: the signed-in user on each request
	AgencyStore  agency.Store  // reads: the dashboard's agency name, supervisors' scopes
	Audit        AuditRecorder
	Assets       *web.Assets
	Log          *slog.Logger
	ClientIP     func(*http.Request) string
	LoginLimiter *web.RateLimiter // per client IP; nil means no limit
	Now          func() time.Time
	TOTPRequired bool // level-3 profile: a login without TOTP enrolment is refused
	// SessionIndex lists each user's sessions for "my sessions".
	SessionIndex *web.SessionIndex
}

// A Section is one half of the back office mounted on the shell: the
// 三员 administration (web/admin) or the business staff's office
// (web/office). The shell serves its routes behind the session guard,
// shows its links in the navigation and on the dashboard, and adds its
// messages to every page's catalogue.
type Section interface {
	// Routes lists the section's routes: the one place they are declared.
	Routes() []Route
	// Links lists the section's navigation entries, in order.
	Links() []Link
	// Messages are the section's texts, Chinese first.
	Messages() web.Messages
}

// A Panel is a Section that shows a panel on the dashboard, above the
// cards; an empty result shows nothing.
type Panel interface {
	Panel(r *http.Request, rq *Request, p web.Page) template.HTML
}

// Site is the back office's shell: sessions, sign-in, the guard, the
// dashboard and the page frame, with the sections mounted on it.
type Site struct {
	deps     Deps
	rd       *web.Renderer
	cat      *web.Catalog
	log      *slog.Logger
	sections []Section
}

// New parses the shell's templates. It refuses Deps missing a service,
// naming it, so a wiring mistake stops the server at start-up instead of
// leaving pages that answer 404; Log, Now, ClientIP and LoginLimiter have
// defaults.
func New(d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"Sessions", d.Sessions == nil}, {"Auth", d.Auth == nil}, {"Users", d.Users == nil},
		{"AgencyStore", d.AgencyStore == nil}, {"Audit", d.Audit == nil}, {"Assets", d.Assets == nil},
		{"SessionIndex", d.SessionIndex == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("backoffice: %s not set", strings.Join(missing, ", "))
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
	s := &Site{deps: d, rd: rd, log: d.Log}
	s.cat = s.catalog()
	return s, nil
}

// Mount adds sections to the back office, in the order their links
// appear in the navigation. Call it before Register.
func (s *Site) Mount(secs ...Section) {
	s.sections = append(s.sections, secs...)
	s.cat = s.catalog()
}

// catalog is the messages of the shell and of every mounted section.
func (s *Site) catalog() *web.Catalog {
	sets := []web.Messages{web.CommonMessages, web.ErrorMessages, Messages}
	for _, sec := range s.sections {
		sets = append(sets, sec.Messages())
	}
	return web.NewCatalog(sets...)
}

// Catalog returns the messages of every back-office page.
func (s *Site) Catalog() *web.Catalog { return s.cat }
