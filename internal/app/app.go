// Package app wires gongkai together: it builds the services on a store,
// the three sites (portal, back office, API) and the operations endpoints
// into one http.Handler, and runs the server for `gongkai serve`.
//
// It is the only package that knows every other one; arch_test.go checks
// that the others keep to the import direction of STYLE.md.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/stationery"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/admin"
	"github.com/gongkai/gongkai/internal/web/api"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"github.com/gongkai/gongkai/internal/web/office"
	"github.com/gongkai/gongkai/internal/web/pagecache"
	"github.com/gongkai/gongkai/internal/web/portal"
	"github.com/gongkai/gongkai/internal/web/supervise"
	"github.com/gongkai/gongkai/internal/website"
)

// Options tune an App beyond the configuration. Whether the site is
// reached over HTTPS and which networks reach the back office are
// configuration (config.Config.HTTPS, AdminAllow), not options.
type Options struct {
	// Log receives the access log and errors; nil discards.
	Log *slog.Logger
	// Now is the clock of the services; nil means time.Now.
	Now func() time.Time
	// LoginBurst and LoginEvery set the per-IP login rate limit; zero
	// means 20 attempts at once and one more every 6 seconds.
	LoginBurst int
	LoginEvery time.Duration
	// ApplyBurst and ApplyEvery set the per-address threshold above which
	// public submissions (POST /apply) are flagged for staff, never
	// refused; ApplyCeiling and ApplyCeilingEvery the hard ceiling that
	// answers 429; LookupBurst and LookupEvery the limit of failed status
	// lookups. Zero means the defaults of portal_limit.go; a negative burst
	// turns the limit off (benchmarks).
	ApplyBurst        int
	ApplyEvery        time.Duration
	ApplyCeiling      int
	ApplyCeilingEvery time.Duration
	LookupBurst       int
	LookupEvery       time.Duration
	// PIIKeys seals applicants' personal data and staff TOTP secrets; nil
	// loads the key of the configuration (see New).
	PIIKeys *pii.Keyring
	// AuditKey keys the audit chain; nil loads the key of the
	// configuration (LoadAuditKey).
	AuditKey *audit.Key
	// Blobs stores attachments (sealed with PIIKeys); nil opens the
	// store of the configuration's blob_url (see New).
	Blobs blob.Store
	// GenerationEvery is how often the page cache reads the public
	// generation when this process wrote nothing: the most a page is
	// stale after a write by another process. Zero: one second
	// (pagecache.DefaultEvery).
	GenerationEvery time.Duration
}

// An App is a wired gongkai server on an open store.
type App struct {
	Store    *sqlstore.Store
	Auth     *auth.Service
	Audit    *audit.Log
	Agencies *agency.Service
	Sessions *scs.SessionManager
	Metrics  *web.Metrics
	Tokens   *apitoken.Service
	Casework *casework.Service
	// Blobs holds the attachments, sealed by Casework.
	Blobs blob.Store
	// PublicUsers runs the optional accounts of the public.
	PublicUsers *publicuser.Service
	// Annual runs annual reports; Stationery the agencies' letter settings.
	Annual     *annual.Service
	Stationery *stationery.Service
	// Catalog runs 主动公开: drafting, review, publication (catalog.md).
	Catalog *catalog.Service
	// Website keeps the site's identity and the agencies' 指南 and 制度.
	Website *website.Service
	// Season sends the report season's reminders and 督办 notices.
	Season *season.Service
	// Pages is the rendered-page cache of the portal's anonymous reads;
	// PublicGeneration the generation it checks (#12).
	Pages            *pagecache.Cache
	PublicGeneration *pagecache.Generation
	Handler          http.Handler

	adminRoutes  []string
	apiRoutes    []string
	routeLimit   func(*http.Request) web.RouteLimit // the limits of the route r matches
	stopSessions func()
	ownBlobs     bool
	keys         *pii.Keyring // seals mail recipients (startMail)
}

// New builds the services and the HTTP handler on st, which must be at
// the current schema.
func New(ctx context.Context, st *sqlstore.Store, cfg config.Config, o Options) (*App, error) {
	if st == nil {
		return nil, errors.New("app.New: nil sqlstore.Store")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	// HTTPS: session cookies get Secure and the __Host- prefix, responses
	// carry HSTS. AdminAllow admits to the back office (/admin/…) and to
	// /metrics (request counts, Go runtime and version) only clients in
	// those networks (SECURITY.md E-IP-03); the portal, the API and the
	// health probes stay open.
	https := cfg.HTTPS
	adminNets, err := cfg.AdminNetworks()
	if err != nil {
		return nil, err // apperr.Invalid naming the entry
	}
	settings, err := auth.NewSettings(cfg.PasswordProfile, cfg.LockoutThreshold, cfg.LockoutDuration.D(), cfg.RequireTOTP)
	if err != nil {
		return nil, err
	}
	settings.InactiveAfter = cfg.AccountInactiveAfter.D()
	if o.PIIKeys == nil {
		// The key of the configuration (GONGKAI_PII_KEY, the file of
		// GONGKAI_PII_KEY_FILE or pii_key_file, else pii.key beside the
		// SQLite file or in the data directory, created on first start
		// only): the same one the command line's request commands use,
		// checked against the database's key check value.
		if o.PIIKeys, err = LoadPIIKeys(ctx, st, cfg, os.LookupEnv, time.Now()); err != nil {
			return nil, err
		}
	}
	if o.AuditKey == nil {
		if o.AuditKey, err = LoadAuditKey(ctx, st, cfg, os.LookupEnv, time.Now()); err != nil {
			return nil, err
		}
	}
	ownBlobs := o.Blobs == nil
	if ownBlobs {
		// Attachments: blob_url, else the blobs directory beside the
		// SQLite file or in the data directory.
		dir := cfg.DataDir
		if st.Dialect() == "sqlite" {
			dir = filepath.Dir(st.Where())
		}
		if o.Blobs, err = blob.Open(ctx, cfg.BlobURL, filepath.Join(dir, "blobs")); err != nil {
			return nil, fmt.Errorf("app: attachment store: %w", err)
		}
	}
	a := &App{Store: st, Metrics: web.NewMetrics(), Blobs: o.Blobs, ownBlobs: ownBlobs}
	a.Audit = &audit.Log{Store: st, Now: o.Now, Key: o.AuditKey}
	if a.Auth, err = auth.NewService(st, a.Audit, settings); err != nil {
		return nil, err
	}
	a.Auth.Now = o.Now
	// TOTP secrets are 鉴别信息: sealed at rest with the personal-data key
	// (GB/T 22239-2019 8.1.4.8 b, SECURITY.md E-DC-02).
	a.Auth.Secrets = o.PIIKeys
	if a.Agencies, err = agency.NewService(st, a.Audit); err != nil {
		return nil, err
	}
	a.Agencies.Now = o.Now
	if a.Casework, err = newCasework(st, a.Audit, o.PIIKeys, o.Now); err != nil {
		return nil, err
	}
	a.Casework.Blobs = blob.Seal(o.Blobs, o.PIIKeys)
	if a.Tokens, err = apitoken.NewService(st, a.Audit); err != nil {
		return nil, err
	}
	a.Tokens.Now = o.Now
	if a.Annual, a.Stationery, err = newAnnual(st, a.Audit, a.Casework, o.Now); err != nil {
		return nil, err
	}
	a.Casework.Stationery = stationeryAdapter{st: st, stat: a.Stationery}
	// The records behind a published report are locked (#13).
	a.Casework.Periods = a.Annual
	if a.Catalog, err = catalog.NewService(st, a.Audit); err != nil {
		return nil, err
	}
	a.Catalog.Scanner, a.Catalog.Now = catalog.DocScanner{}, o.Now
	// Published attachments are public documents: the attachment store,
	// unsealed, under keys of their own (catalog/…), which the request
	// attachment sweep never touches.
	a.Catalog.Blobs = o.Blobs
	// Table 二 of the report editor comes from the 主动公开 records of an
	// agency that keeps them (catalog.md §3); hand entries override it
	// with a reason.
	a.Annual.Records = a.Catalog
	if a.Website, err = website.NewService(st, a.Audit); err != nil {
		return nil, err
	}
	a.Website.Now = o.Now
	if a.Season, err = season.New(st, a.Audit); err != nil {
		return nil, err
	}
	a.Season.Now, a.keys = o.Now, o.PIIKeys
	cwa := a.Casework

	var store scs.Store
	if st.Dialect() == "postgres" {
		ps := postgresstore.New(st.DB())
		store, a.stopSessions = ps, ps.StopCleanup
	} else {
		ss := sqlite3store.New(st.DB())
		store, a.stopSessions = ss, ss.StopCleanup
	}
	// Rows are keyed by a hash of the token, never the token (#10 item 5).
	store = web.HashedStore{Inner: store}
	a.Sessions = web.NewSessions(store, web.SessionOptions{Secure: https, IdleTimeout: cfg.SessionIdleTimeout.D()})
	if a.PublicUsers, err = newPublicUsers(st, a.Audit, a.Casework, o.PIIKeys, cfg, settings.Hash, o.Now); err != nil {
		return nil, err
	}
	pubSessions := publicSessions(store, https, cfg.SessionIdleTimeout.D())

	cip, bad := web.NewClientIP(cfg.TrustedProxies)
	if len(bad) > 0 {
		return nil, fmt.Errorf("app: trusted_proxies: cannot parse %v", bad)
	}
	httpsOnly := func(h http.Handler) http.Handler { return h }
	if https {
		// gongkai speaks plain HTTP behind a TLS-terminating proxy; only
		// that proxy's X-Forwarded-Proto says a request came over HTTPS.
		if len(cfg.TrustedProxies) == 0 {
			return nil, apperr.New(apperr.Invalid, "config.https_proxies")
		}
		// Plain-HTTP GETs go to the configured public host (public_url),
		// never to the Host header a client sent.
		var host string
		if u, err := url.Parse(cfg.PublicURL); err == nil {
			host = u.Host
		}
		httpsOnly = web.RequireHTTPS(cip, host, "/healthz", "/readyz", "/metrics")
	}
	assets, err := web.NewAssets()
	if err != nil {
		return nil, fmt.Errorf("app: assets: %w", err)
	}
	burst, every := o.LoginBurst, o.LoginEvery
	if burst == 0 {
		burst, every = 20, 6*time.Second
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}

	ps, err := portal.New(portal.Deps{Agencies: st, Assets: assets, Log: o.Log, Requests: cwa, Reports: a.Annual, Search: st, ClientIP: cip.Of,
		Accounts: a.PublicUsers, PublicSessions: pubSessions, AccountLimiter: web.NewRateLimiter(burst, every), Now: now,
		Catalog: a.Catalog, Website: a.Website, PublicURL: cfg.PublicURL})
	if err != nil {
		return nil, err
	}
	bo, err := backoffice.New(backoffice.Deps{
		Sessions: a.Sessions, Auth: authAdapter{svc: a.Auth}, Users: st, AgencyStore: st, Audit: a.Audit,
		Assets: assets, Log: o.Log, ClientIP: cip.Of, LoginLimiter: web.NewRateLimiter(burst, every), Now: now,
		SessionIndex: web.NewSessionIndex(sessionRows{st}, a.Sessions.IdleTimeout, a.Sessions.Lifetime),
	})
	if err != nil {
		return nil, err
	}
	adm, err := admin.New(bo, admin.Deps{
		Accounts: accountsAdapter{svc: a.Auth}, PublicAccounts: a.PublicUsers, Users: st, AgencyStore: st, Agencies: a.Agencies, Audit: a.Audit,
		Tokens: a.Tokens, Log: o.Log, Now: now, InactiveAfter: settings.InactiveAfter,
		RequestTracking: func(ctx context.Context, id int64) (string, error) {
			rec, err := st.Request(ctx, id)
			return rec.Tracking, err
		},
	})
	if err != nil {
		return nil, err
	}
	off, err := office.New(bo, office.Deps{AgencyStore: st, Requests: cwa, Reports: a.Annual,
		LetterSettings: a.Stationery, Catalog: a.Catalog, Website: a.Website, Log: o.Log, Now: now})
	if err != nil {
		return nil, err
	}
	charts, err := board.New(st)
	if err != nil {
		return nil, err
	}
	charts.Now = now
	sup, err := supervise.New(bo, supervise.Deps{AgencyStore: st, Reports: a.Annual, Season: a.Season, Board: charts, Blobs: o.Blobs, Log: o.Log, Now: now})
	if err != nil {
		return nil, err
	}
	// The business pages' links lead the navigation, the supervisor's
	// follow, then the 三员's.
	bo.Mount(off, sup, adm)
	as := bo
	// Search is public (条例第二十四条): 60 searches at once per address,
	// then 2 a second, far above a reader's pace, below a scraper's.
	apis, err := api.New(api.Deps{Tokens: a.Tokens, Agencies: st, Search: st, Reports: a.Annual, Overviews: a.Annual, Items: a.Catalog, Log: o.Log,
		SearchLimiter: web.NewRateLimiter(60, 500*time.Millisecond), ClientIP: cip.Of, Audit: a.Audit})
	if err != nil {
		return nil, err
	}
	for _, rt := range as.Routes() {
		a.adminRoutes = append(a.adminRoutes, rt.Pattern)
	}
	for p := range apis.Routes() {
		a.apiRoutes = append(a.apiRoutes, p)
	}

	// Each site declares its routes' limits (body size, uploads, rate);
	// routeLimit finds those of the route a request matches.
	limits := map[string]web.RouteLimit{}
	for _, rt := range ps.Routes() {
		limits[rt.Pattern] = rt.Limit
	}
	for _, rt := range as.Routes() {
		limits[rt.Pattern] = rt.Limit
	}
	mux := http.NewServeMux()
	routeLimit := func(r *http.Request) web.RouteLimit {
		_, pattern := mux.Handler(r)
		return limits[pattern]
	}
	a.routeLimit = routeLimit
	mux.HandleFunc("GET /healthz", web.Healthz)
	mux.HandleFunc("GET /readyz", web.Readyz(st.DB()))
	mux.Handle("GET /metrics", a.Metrics.Handler())
	mux.Handle("GET /assets/", assets)
	mux.Handle("GET /favicon.ico", http.RedirectHandler(assets.URL("favicon.svg"), http.StatusMovedPermanently))
	ps.Register(mux)
	as.Register(mux)
	apis.Register(mux)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("跨站请求已被拒绝 / cross-site request refused\n"))
	}))
	// Anonymous reads of the portal's pages are served from the page
	// cache, right after the HTTPS redirect: no route lookup, rate limit,
	// session or database work for a page that has not changed (#12).
	cacheable := map[string]bool{}
	for _, rt := range ps.Routes() {
		cacheable[rt.Pattern] = rt.Cache
	}
	a.PublicGeneration = pagecache.NewGeneration(st.PublicGeneration, o.GenerationEvery)
	st.OnCommit(a.PublicGeneration.Touch)
	a.Pages = pagecache.New(pagecache.Options{
		Generation: a.PublicGeneration,
		Route: func(r *http.Request) (string, bool) {
			_, pattern := mux.Handler(r)
			return pattern, cacheable[pattern]
		},
		SessionCookies: []string{a.Sessions.Cookie.Name, pubSessions.Cookie.Name},
		Observe:        a.Metrics.Observe,
		Now:            o.Now,
	})
	a.Handler = web.Chain(a.Metrics.Instrument(mux),
		web.WithRequestID,
		web.AccessLog(o.Log, cip.Of),
		web.Recover(o.Log),
		web.SecurityHeaders(https),
		httpsOnly,
		a.Pages.Middleware,
		limitBody(routeLimit),
		adminAllow(adminNets, cip.Of),
		portalLimits(newLimiter(o.ApplyBurst, o.ApplyEvery, defaultApplyBurst, defaultApplyEvery),
			newLimiter(o.ApplyCeiling, o.ApplyCeilingEvery, defaultApplyCeiling, defaultApplyCeilingEvery),
			newLimiter(o.LookupBurst, o.LookupEvery, defaultLookupBurst, defaultLookupEvery), cip.Of, routeLimit),
		cop.Handler,
		uploads(web.NewUploadGuard(cfg.UploadSlots, int64(cfg.UploadMiBPerHour)<<20, cip.Of), routeLimit),
		web.WithPrefs(https),
	)
	return a, nil
}

// AdminRoutes lists the patterns of every back-office route (for the
// authorization matrix test).
func (a *App) AdminRoutes() []string { return a.adminRoutes }

// Close stops the session cleanup goroutine and closes the blob store New
// opened. The database store is the caller's.
func (a *App) Close() {
	if a.stopSessions != nil {
		a.stopSessions()
	}
	if a.ownBlobs {
		_ = a.Blobs.Close()
	}
}

// adminAllow refuses back-office and /metrics requests from outside the
// allowed networks, before any session or password is looked at.
func adminAllow(nets []netip.Prefix, clientIP func(*http.Request) string) web.Middleware {
	return func(next http.Handler) http.Handler {
		if len(nets) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/admin" || strings.HasPrefix(r.URL.Path, "/admin/") || r.URL.Path == "/metrics" {
				ip, err := netip.ParseAddr(clientIP(r))
				allowed := false
				for _, n := range nets {
					if err == nil && n.Contains(ip.Unmap()) {
						allowed = true
						break
					}
				}
				if !allowed {
					w.Header().Set("Content-Type", "text/plain; charset=utf-8")
					w.WriteHeader(http.StatusForbidden)
					_, _ = w.Write([]byte("后台只允许从指定网络访问 / the back office is not reachable from this network\n"))
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// limitBody caps request bodies at what the matched route declares
// (web.RouteLimit.Body: a form's 1 MiB); the routes that take files are
// left to uploads.
func limitBody(route func(*http.Request) web.RouteLimit) web.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if l := route(r); r.Body != nil && !l.Upload {
				r.Body = http.MaxBytesReader(w, r.Body, l.Body())
			}
			next.ServeHTTP(w, r)
		})
	}
}

// uploads puts the routes that declare files (web.RouteLimit.Upload)
// behind g: their body limit (413), server-wide slots, the per-address
// byte budget and a read deadline that grows with the bytes received.
func uploads(g *web.UploadGuard, route func(*http.Request) web.RouteLimit) web.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if l := route(r); l.Upload {
				g.Limit(l.Body(), next).ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
