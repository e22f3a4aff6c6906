// Package portal is the public website of an installation: the home page,
// the 信息公开目录 (proactive-disclosure catalogue), 依申请公开 (applying
// for information) and the list of 年度报告 (annual reports). Pages are
// server-rendered in Chinese by default with an English switch.
//
// Routes are registered in one place (routes.go); later features add
// their pages there, one handler per file named <noun>_<verb>.go.
package portal

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/website"
)

//go:embed all:templates
var templateFS embed.FS

// Agencies is what the portal needs to list the agencies of the
// installation.
type Agencies interface {
	ListAgencies(ctx context.Context) ([]agency.Agency, error)
}

// Deps are the portal's dependencies.
type Deps struct {
	Agencies Agencies
	Assets   *web.Assets
	Log      *slog.Logger
	// Requests files and looks up 依申请公开 applications.
	Requests Requests
	// Reports reads published annual reports.
	Reports Reports
	// Search answers /search (条例第二十四条); *sqlstore.Store is one.
	Search search.Store
	// ClientIP returns the client address recorded with a submission;
	// nil uses the connection's address.
	ClientIP func(*http.Request) string
	// Accounts runs the public accounts.
	Accounts Accounts
	// PublicSessions is the portal's own session manager: a cookie apart
	// from the back office's, so a public sign-in never opens /admin.
	PublicSessions *scs.SessionManager
	// AccountLimiter limits sign-in and registration attempts per client
	// address (SECURITY.md O-AUTH-03); nil means no limit.
	AccountLimiter *web.RateLimiter
	// Now is the clock of the application form's timestamps; nil means
	// time.Now.
	Now func() time.Time
	// Catalog reads the published catalogue for the 专栏 pages, feeds and
	// the sitemap.
	Catalog Catalog
	// Website gives the site's identity (the footer) and the agencies'
	// 公开指南 and 公开制度.
	Website Website
	// PublicURL is the site's public origin (config public_url), which the
	// feeds and the sitemap write absolute links with; empty: the
	// request's own scheme and host.
	PublicURL string
	// SitemapMax lowers the URLs a sitemap file holds below SitemapMax
	// (tests); 0 keeps it.
	SitemapMax int
}

// Site is the public website.
type Site struct {
	deps Deps
	rd   *web.Renderer
	cat  *web.Catalog
	log  *slog.Logger
	// guard signs the application form's timestamps (SECURITY.md A-07).
	guard *formGuard
}

// New parses the portal's templates. It refuses Deps missing a service
// (Agencies, Assets, Requests, Reports, Accounts, PublicSessions, Catalog,
// Website), so a
// wiring mistake stops the server at start-up instead of leaving pages
// that answer 404; Log, ClientIP, AccountLimiter and Now have defaults.
func New(d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"Agencies", d.Agencies == nil}, {"Assets", d.Assets == nil}, {"Requests", d.Requests == nil},
		{"Reports", d.Reports == nil}, {"Search", d.Search == nil}, {"Accounts", d.Accounts == nil}, {"PublicSessions", d.PublicSessions == nil},
		{"Catalog", d.Catalog == nil}, {"Website", d.Website == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("portal: %s not set", strings.Join(missing, ", "))
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	rd, err := web.NewRenderer(sub, d.Log)
	if err != nil {
		return nil, err
	}
	guard := newFormGuard()
	if d.Now != nil {
		guard.now = d.Now
	}
	return &Site{deps: d, rd: rd, cat: web.NewCatalog(web.CommonMessages, web.ErrorMessages, Messages), log: d.Log, guard: guard}, nil
}

// TemplateFS returns the portal's page templates (for tests that parse
// every template).
func TemplateFS() fs.FS {
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// page returns the frame of a portal page with the portal's navigation.
func (s *Site) page(r *http.Request, titleKey string) web.Page {
	p := web.NewPage(r, s.cat, s.deps.Assets, titleKey)
	p.SiteName = p.T("site.portal")
	p.SiteHome = "/"
	p.Search = "/search"
	p.SetNav([]web.NavItem{
		{Href: "/", Label: p.T("nav.home")},
		{Href: "/catalog", Label: p.T("nav.catalog")},
		{Href: "/apply", Label: p.T("nav.apply")},
		{Href: "/reports", Label: p.T("nav.reports")},
	})
	if s.deps.Accounts != nil && s.deps.PublicSessions != nil {
		p.Nav = append(p.Nav, web.NavItem{Href: "/account", Label: p.T("nav.account"), Current: p.Path == "/account" || strings.HasPrefix(p.Path, "/account/")})
	}
	s.setIdentity(r, &p, website.SiteID)
	return p
}

// fail renders the error page for err, logging internal errors.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := web.StatusOf(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "portal", slog.String("request_id", web.RequestID(r.Context())),
			slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	}
	s.rd.Error(w, r, status, s.page(r, "error.title"))
}

// errText translates err's safe message into the language of r's page.
func (s *Site) errText(r *http.Request, err error) string {
	return s.cat.Err(web.PrefsFrom(r.Context()).Lang, err)
}

// notFound renders the portal's 404 page.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	s.rd.Error(w, r, http.StatusNotFound, s.page(r, "error.title"))
}
