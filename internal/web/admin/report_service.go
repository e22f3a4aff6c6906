package admin

import (
	"context"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"net/url"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/stationery"
)

// Reports is what the annual-report pages need; *annual.Service is one.
// Every method checks the staff member's permission on the agency itself.
type Reports interface {
	Build(ctx context.Context, w casework.Staffer, agencyID int64, year int) (annual.Built, error)
	Save(ctx context.Context, w casework.Staffer, agencyID int64, year int, e annual.Entries) error
	Publish(ctx context.Context, w casework.Staffer, agencyID int64, year int) (annual.Built, error)
	Overview(ctx context.Context, w casework.Staffer, year int) (annual.Overview, error)
}

// LetterSettings reads and saves an agency's letter settings;
// *stationery.Service is one. Save checks stationery.CanEdit itself.
type LetterSettings interface {
	Get(ctx context.Context, agencyID int64, year int) (stationery.Settings, int, error)
	Save(ctx context.Context, subj auth.Subject, by audit.Actor, set stationery.Settings, year, next int) error
}

// Permissions of the annual-report pages: the 经办人 (report.edit) and
// the 负责人 (report.publish) enter table 二 and the text; only the 负责人
// publishes (条例第四十九条); the overview of subordinate agencies is the
// 监督员's; letter settings belong to the 负责人 of the agency (who signs
// its letters) or a 系统管理员.
var (
	canEditReport     = backoffice.Either(backoffice.Business(auth.ReportEdit), backoffice.Business(auth.ReportPublish))
	canPublishReport  = backoffice.Business(auth.ReportPublish)
	canOverview       = func(s auth.Subject) bool { return !s.Disabled && slices.Contains(s.Roles, account.Supervisor) }
	canLetterSettings = backoffice.Either(backoffice.Admin(auth.SettingsManage), backoffice.Business(auth.RequestApprove))
)

// reportRoutes lists the annual-report and letter-settings routes.
func (s *Site) reportRoutes() []backoffice.Route {
	return []backoffice.Route{
		{Pattern: "POST /admin/requests/report", Check: canEditReport, Handler: s.reportSave},
		{Pattern: "POST /admin/requests/report/publish", Check: canPublishReport, Handler: s.reportPublish},
		{Pattern: "GET /admin/requests/report/download", Check: canReadReport, Handler: s.reportDownload},
		{Pattern: "GET /admin/reports/overview", Check: canOverview, Handler: s.reportOverview},
		{Pattern: "GET /admin/letter-settings", Check: canLetterSettings, Handler: s.letterSettingsShow},
		{Pattern: "POST /admin/letter-settings", Check: canLetterSettings, Handler: s.letterSettingsSave},
	}
}

// reportLinks are the navigation entries of the annual-report pages.
var reportLinks = []backoffice.Link{
	{Href: "/admin/reports/overview", Key: "nav.reports.overview", TextKey: "dashboard.reports.overview.text", Check: canOverview},
	{Href: "/admin/letter-settings", Key: "nav.letter.settings", TextKey: "dashboard.letter.settings.text", Check: canLetterSettings},
}

// reportPath is the editor of an agency's year.
func reportPath(agencyID int64, year int) string {
	return "/admin/requests/report?" + url.Values{"agency": {strconv.FormatInt(agencyID, 10)}, "year": {strconv.Itoa(year)}}.Encode()
}
