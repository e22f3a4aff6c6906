package office

import (
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Permissions of the 依申请公开 pages. Reading needs request.read (business
// roles in their agency, supervisors in their scope); acting needs one of
// the workflow permissions, and casework then decides by role and state;
// registering needs request.handle (经办人); the local calendar is the
// 负责人's (request.approve), because it moves every due date of the
// agency; the compiled report needs report.read.
var (
	canReadRequests = backoffice.Business(auth.RequestRead)
	canActRequests  = backoffice.Either(backoffice.Business(auth.RequestHandle), backoffice.Business(auth.RequestReview), backoffice.Business(auth.RequestApprove))
	canRegister     = backoffice.Business(auth.RequestHandle)
	canEditCalendar = backoffice.Business(auth.RequestApprove)
	canReadReport   = backoffice.Business(auth.ReportRead)
)

// Permissions of the annual-report pages: the 经办人 (report.edit) and
// the 负责人 (report.publish) enter table 二 and the text; only the 负责人
// publishes (条例第四十九条); letter settings belong to the 负责人 of the
// agency (who signs its letters) or a 系统管理员. The 监督员's overview of
// the agencies below is web/supervise's.
var (
	canEditReport     = backoffice.Either(backoffice.Business(auth.ReportEdit), backoffice.Business(auth.ReportPublish))
	canPublishReport  = backoffice.Business(auth.ReportPublish)
	canLetterSettings = backoffice.Either(backoffice.Admin(auth.SettingsManage), backoffice.Business(auth.RequestApprove))
)

// Permissions of the 主动公开 pages: reading needs catalog.read (business
// roles in their agency, supervisors in their scope); drafting needs
// catalog.edit (经办人); a workflow step needs one of the three workflow
// permissions, and catalog then decides by role and state.
var (
	canReadCatalog  = backoffice.Business(auth.CatalogRead)
	canDraftCatalog = backoffice.Business(auth.CatalogEdit)
	canActCatalog   = backoffice.Either(backoffice.Business(auth.CatalogEdit), backoffice.Business(auth.CatalogReview), backoffice.Business(auth.CatalogPublish))
	// The channels' intervals are the 负责人's (catalog.publish), who
	// decides the 公开方式 (条例第二十二条).
	canSetChannels = backoffice.Business(auth.CatalogPublish)
)

// Routes lists every business route: the one place they are declared
// (backoffice.Section). The catalogue's are there only with a Catalog.
func (s *Site) Routes() []backoffice.Route {
	rs := []backoffice.Route{
		{Pattern: "GET /admin/requests", Check: canReadRequests, Handler: s.requestList},
		{Pattern: "GET /admin/requests/new", Check: canRegister, Handler: s.requestNew},
		{Pattern: "POST /admin/requests", Check: canRegister, Handler: s.requestCreate},
		{Pattern: "GET /admin/requests/{id}", Check: canReadRequests, Handler: s.requestShow},
		{Pattern: "POST /admin/requests/{id}/steps/{step}", Check: canActRequests, Handler: s.requestStep},
		{Pattern: "POST /admin/requests/{id}/reveal", Check: canActRequests, Handler: s.requestReveal},
		{Pattern: "GET /admin/requests/{id}/letters/{kind}", Check: canReadRequests, Handler: s.requestLetter},
		{Pattern: "POST /admin/requests/{id}/attachments", Check: canRegister, Handler: s.attachmentAdd,
			Limit: web.RouteLimit{MaxBody: casework.MaxAttachmentSize + 1<<20, Upload: true}},
		{Pattern: "GET /admin/requests/{id}/attachments/{file}", Check: canReadRequests, Handler: s.attachmentOpen},
		{Pattern: "POST /admin/requests/{id}/releases", Check: canRegister, Handler: s.releaseAdd,
			Limit: web.RouteLimit{MaxBody: casework.MaxAttachmentSize + 1<<20, Upload: true}},
		{Pattern: "POST /admin/requests/{id}/releases/{file}/remove", Check: canRegister, Handler: s.releaseRemove},
		{Pattern: "POST /admin/requests/{id}/appeals", Check: canActRequests, Handler: s.appealAdd},
		{Pattern: "POST /admin/requests/{id}/appeals/{appeal}/conclude", Check: canActRequests, Handler: s.appealConclude},
		{Pattern: "GET /admin/appeals", Check: canReadRequests, Handler: s.appealsShow},
		{Pattern: "POST /admin/appeals", Check: canActRequests, Handler: s.appealsAdd},
		{Pattern: "POST /admin/appeals/{id}/conclude", Check: canActRequests, Handler: s.appealsConclude},
		{Pattern: "GET /admin/requests/report", Check: canReadReport, Handler: s.requestReport},
		{Pattern: "GET /admin/requests/report/cell", Check: canReadReport, Handler: s.requestReportCell},
		{Pattern: "POST /admin/notices/{id}/read", Check: canReadRequests, Handler: s.noticeRead},
		{Pattern: "GET /admin/calendar", Check: canReadRequests, Handler: s.calendarShow},
		{Pattern: "POST /admin/calendar", Check: canEditCalendar, Handler: s.calendarSet},
		{Pattern: "POST /admin/calendar/remove", Check: canEditCalendar, Handler: s.calendarRemove},

		{Pattern: "POST /admin/requests/report", Check: canEditReport, Handler: s.reportSave},
		{Pattern: "POST /admin/requests/report/publish", Check: canPublishReport, Handler: s.reportPublish},
		{Pattern: "POST /admin/requests/report/correct", Check: canPublishReport, Handler: s.reportCorrect},
		{Pattern: "POST /admin/requests/report/reopen", Check: canPublishReport, Handler: s.reportReopen},
		{Pattern: "POST /admin/requests/report/relock", Check: canPublishReport, Handler: s.reportRelock},
		{Pattern: "POST /admin/requests/report/area", Check: canEditReport, Handler: s.reportArea},
		{Pattern: "GET /admin/requests/report/download", Check: canReadReport, Handler: s.reportDownload},
		{Pattern: "GET /admin/letter-settings", Check: canLetterSettings, Handler: s.letterSettingsShow},
		{Pattern: "POST /admin/letter-settings", Check: canLetterSettings, Handler: s.letterSettingsSave},
	}
	if s.siteRd != nil {
		rs = append(rs,
			backoffice.Route{Pattern: "GET /admin/site", Check: canSiteSettings, Handler: s.siteHome},
			backoffice.Route{Pattern: "POST /admin/site", Check: canSiteIdentity, Handler: s.siteSaveSiteIdentity},
			backoffice.Route{Pattern: "GET /admin/site/{id}", Check: canSiteSettings, Handler: s.siteShow},
			backoffice.Route{Pattern: "POST /admin/site/{id}/identity", Check: canSiteSettings, Handler: s.siteSaveIdentity},
			backoffice.Route{Pattern: "POST /admin/site/{id}/guide", Check: canSiteDocs, Handler: s.siteSaveGuide},
			backoffice.Route{Pattern: "POST /admin/site/{id}/rules", Check: canSiteDocs, Handler: s.siteSaveRules},
		)
	}
	if s.cp == nil {
		return rs
	}
	return append(rs,
		backoffice.Route{Pattern: "GET /admin/catalog", Check: canReadCatalog, Handler: s.catalogList},
		backoffice.Route{Pattern: "GET /admin/catalog/new", Check: canDraftCatalog, Handler: s.catalogNew},
		backoffice.Route{Pattern: "POST /admin/catalog/channels", Check: canSetChannels, Handler: s.catalogChannelSave},
		backoffice.Route{Pattern: "POST /admin/catalog", Check: canDraftCatalog, Handler: s.catalogCreate},
		backoffice.Route{Pattern: "GET /admin/catalog/{id}", Check: canReadCatalog, Handler: s.catalogShow},
		backoffice.Route{Pattern: "GET /admin/catalog/{id}/edit", Check: canDraftCatalog, Handler: s.catalogEdit},
		backoffice.Route{Pattern: "POST /admin/catalog/{id}", Check: canDraftCatalog, Handler: s.catalogSave},
		backoffice.Route{Pattern: "POST /admin/catalog/{id}/steps/{step}", Check: canActCatalog, Handler: s.catalogStep},
		backoffice.Route{Pattern: "POST /admin/catalog/{id}/attachments", Check: canDraftCatalog, Handler: s.catalogAttach,
			Limit: web.RouteLimit{MaxBody: catalog.MaxAttachmentBytes + 1<<20, Upload: true}},
		backoffice.Route{Pattern: "POST /admin/catalog/{id}/body", Check: canDraftCatalog, Handler: s.catalogWordBody,
			Limit: web.RouteLimit{MaxBody: catalog.MaxWordBody + 1<<20, Upload: true}},
		backoffice.Route{Pattern: "GET /admin/catalog/{id}/attachments/{n}", Check: canReadCatalog, Handler: s.catalogAttachment},
	)
}

// Links lists the navigation entries and dashboard cards
// (backoffice.Section), in the order the navigation shows them.
func (s *Site) Links() []backoffice.Link {
	ls := []backoffice.Link{
		{Href: "/admin/requests", Key: "nav.requests", TextKey: "dashboard.requests.text", Check: canReadRequests},
		{Href: "/admin/requests/report", Key: "nav.requests.report", TextKey: "dashboard.requests.report.text", Check: canReadReport},
		{Href: "/admin/calendar", Key: "nav.calendar", TextKey: "dashboard.calendar.text", Check: canReadRequests},
		{Href: "/admin/appeals", Key: "nav.appeals", TextKey: "dashboard.appeals.text", Check: canReadRequests},
	}
	if s.cp != nil {
		ls = append(ls, backoffice.Link{Href: "/admin/catalog", Key: "nav.catalog", TextKey: "dashboard.catalog.text", Check: canReadCatalog})
	}
	if s.siteRd != nil {
		ls = append(ls, backoffice.Link{Href: "/admin/site", Key: "nav.site", TextKey: "dashboard.site.text", Check: canSiteSettings})
	}
	return append(ls,
		backoffice.Link{Href: "/admin/letter-settings", Key: "nav.letter.settings", TextKey: "dashboard.letter.settings.text", Check: canLetterSettings},
	)
}
