package portal

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
)

// A Route is one public page: its pattern, its handler, and the limits
// its requests go through (body size, rate), declared here rather than
// matched on paths in middleware.
type Route struct {
	Pattern string
	Handler http.HandlerFunc
	Limit   web.RouteLimit
	// Cache marks a page the same for every anonymous reader until
	// something public changes: the page cache (internal/web/pagecache)
	// may keep its answers.
	Cache bool
}

// Routes are the portal's routes, the one place every public page is
// declared; Register adds them to the server's mux.
func (s *Site) Routes() []Route {
	// The application form carries its attachments (条例第二十九条); the
	// status lookups and the claim check a query code, so a failed check
	// spends the lookup limit (SECURITY.md O-BL-01).
	apply := web.RouteLimit{MaxBody: MaxApplicationBody, Upload: true, Rate: web.RateApply}
	lookup := web.RouteLimit{Rate: web.RateLookup}
	return []Route{
		{Pattern: "GET /{$}", Handler: s.homeShow, Cache: true},
		{Pattern: "GET /catalog", Handler: s.catalogShow, Cache: true},
		{Pattern: "GET /catalog/feed.atom", Handler: s.siteFeed, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}", Handler: s.agencyShow, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}/guide", Handler: s.guideShow, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}/rules", Handler: s.rulesShow, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}/items", Handler: s.itemsList, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}/reports", Handler: s.agencyReports, Cache: true},
		{Pattern: "GET /catalog/agencies/{id}/feed.atom", Handler: s.agencyFeed, Cache: true},
		{Pattern: "GET /catalog/items/{index...}", Handler: s.itemShow, Cache: true},
		{Pattern: "GET /catalog/files/{n}/{index...}", Handler: s.fileDownload},
		{Pattern: "GET /sitemap.xml", Handler: s.sitemapShow, Cache: true},
		{Pattern: "GET /sitemaps/{file}", Handler: s.sitemapPart, Cache: true},
		{Pattern: "GET /search", Handler: s.searchShow, Cache: true},
		{Pattern: "GET /apply", Handler: s.requestNew},
		{Pattern: "POST /apply", Handler: s.requestCreate, Limit: apply},
		{Pattern: "GET /apply/receipt", Handler: s.requestReceipt},
		{Pattern: "GET /apply/status", Handler: s.requestLookup},
		{Pattern: "POST /apply/status", Handler: s.requestStatus, Limit: lookup},
		{Pattern: "POST /apply/status/letter", Handler: s.requestLetter, Limit: lookup},
		{Pattern: "POST /apply/status/file", Handler: s.requestRelease, Limit: lookup},
		{Pattern: "GET /reports", Handler: s.reportsList, Cache: true},
		{Pattern: "GET /reports/{agency}/{year}", Handler: s.reportShow, Cache: true},
		{Pattern: "GET /reports/{agency}/{year}/{format}", Handler: s.reportDownload, Cache: true},
		{Pattern: "GET /account", Handler: s.accountShow},
		{Pattern: "GET /account/requests/{id}", Handler: s.accountRequestShow},
		{Pattern: "GET /account/requests/{id}/files/{file}", Handler: s.accountRelease},
		{Pattern: "GET /account/register", Handler: s.accountRegisterShow},
		{Pattern: "POST /account/register", Handler: s.accountRegisterSubmit},
		{Pattern: "GET /account/login", Handler: s.accountLoginShow},
		{Pattern: "POST /account/login", Handler: s.accountLoginSubmit},
		{Pattern: "POST /account/logout", Handler: s.accountLogout},
		{Pattern: "GET /account/claim", Handler: s.accountClaimShow},
		{Pattern: "POST /account/claim", Handler: s.accountClaimSubmit, Limit: lookup},
		{Pattern: "GET /account/password", Handler: s.accountPasswordShow},
		{Pattern: "POST /account/password", Handler: s.accountPasswordSubmit},
	}
}

// Register adds the portal's routes to mux, plus the catch-all that
// renders the portal's 404 page for unknown paths.
func (s *Site) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Pattern, s.withSession(rt.Pattern, rt.Handler))
	}
	mux.HandleFunc("/", s.notFound)
}
