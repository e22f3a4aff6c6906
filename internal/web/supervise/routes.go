package supervise

import (
	"slices"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// MaxUpload is the largest zip of reports a supervisor uploads (the
// entries are bounded by reportfile.DefaultLimits).
const MaxUpload = 200 << 20

// Permissions: the overview, the import and the 督办 are the 监督员's
// (条例第五十条: the supervising office oversees and urges the agencies
// below it); acknowledging a notice is for any member of the agency it
// went to, which the season service checks.
var (
	canSupervise = func(s auth.Subject) bool { return !s.Disabled && slices.Contains(s.Roles, account.Supervisor) }
	canAck       = func(s auth.Subject) bool { return !s.Disabled && s.AgencyID != 0 }
)

// Routes lists the section's routes: the one place they are declared
// (backoffice.Section).
func (s *Site) Routes() []backoffice.Route {
	return []backoffice.Route{
		{Pattern: "GET /admin/reports/overview", Check: canSupervise, Handler: s.overviewShow},
		{Pattern: "GET /admin/reports/overview/cell", Check: canSupervise, Handler: s.overviewCell},
		{Pattern: "GET /admin/reports/season", Check: canSupervise, Handler: s.chartsShow},
		{Pattern: "POST /admin/reports/urge", Check: canSupervise, Handler: s.urgeSend},
		{Pattern: "GET /admin/reports/import", Check: canSupervise, Handler: s.importShow},
		{Pattern: "POST /admin/reports/import", Check: canSupervise, Handler: s.importUpload,
			Limit: web.RouteLimit{MaxBody: MaxUpload + 1<<20, Upload: true}},
		{Pattern: "GET /admin/reports/import/{id}", Check: canSupervise, Handler: s.importJobShow},
		{Pattern: "GET /admin/reports/import/{id}/progress", Check: canSupervise, Handler: s.importJobProgress},
		{Pattern: "POST /admin/season/notices/{id}/ack", Check: canAck, Handler: s.noticeAck},
	}
}

// Links lists the navigation entries and dashboard cards
// (backoffice.Section).
func (s *Site) Links() []backoffice.Link {
	return []backoffice.Link{
		{Href: "/admin/reports/overview", Key: "nav.reports.overview", TextKey: "dashboard.reports.overview.text", Check: canSupervise},
		{Href: "/admin/reports/season", Key: "nav.reports.season", TextKey: "dashboard.reports.season.text", Check: canSupervise},
		{Href: "/admin/reports/import", Key: "nav.reports.import", TextKey: "dashboard.reports.import.text", Check: canSupervise},
	}
}
