package admin

import (
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Permissions of the 三员 areas. Seeing an agency needs the right to
// manage agencies (系统管理员) or to read requests there (business roles
// in their own agency, supervisors in their scope).
var (
	canSeeAgencies = backoffice.Either(backoffice.Admin(auth.AgencyManage), backoffice.Business(auth.RequestRead))
	canAddAgency   = backoffice.Admin(auth.AgencyManage)
	canManageUsers = backoffice.Admin(auth.UserManage)
	canReadAudit   = backoffice.Admin(auth.AuditRead)
	canGrantRoles  = backoffice.Admin(auth.RoleGrant)
	canIssueTokens = backoffice.Admin(auth.SettingsManage)
)

// Routes lists every 三员 route: the one place they are declared
// (backoffice.Section).
func (s *Site) Routes() []backoffice.Route {
	return []backoffice.Route{
		{Pattern: "GET /admin/agencies", Check: canSeeAgencies, Handler: s.agenciesList},
		{Pattern: "GET /admin/agencies/new", Check: canAddAgency, Handler: s.agencyNew},
		{Pattern: "POST /admin/agencies", Check: canAddAgency, Handler: s.agencyCreate},
		{Pattern: "GET /admin/agencies/{id}", Check: canSeeAgencies, Handler: s.agencyShow},
		{Pattern: "POST /admin/agencies/{id}/kind", Check: canAddAgency, Handler: s.agencyKind},

		{Pattern: "GET /admin/users", Check: canManageUsers, Handler: s.usersList},
		{Pattern: "GET /admin/users/new", Check: canManageUsers, Handler: s.userNew},
		{Pattern: "POST /admin/users", Check: canManageUsers, Handler: s.userCreate},
		{Pattern: "GET /admin/users/{id}", Check: canManageUsers, Handler: s.userShow},
		{Pattern: "POST /admin/users/{id}/disable", Check: canManageUsers, Handler: s.userDisable},
		{Pattern: "POST /admin/users/{id}/reset", Check: canManageUsers, Handler: s.userReset},
		{Pattern: "POST /admin/users/{id}/unlock", Check: canManageUsers, Handler: s.userUnlock},
		{Pattern: "POST /admin/public-accounts/unlock", Check: canManageUsers, Handler: s.publicUnlock},

		{Pattern: "GET /admin/roles", Check: canGrantRoles, Handler: s.rolesList},
		{Pattern: "GET /admin/roles/{id}", Check: canGrantRoles, Handler: s.rolesEdit},
		{Pattern: "POST /admin/roles/{id}", Check: canGrantRoles, Handler: s.rolesSave},

		{Pattern: "GET /admin/audit", Check: canReadAudit, Handler: s.auditSearch},
		{Pattern: "GET /admin/audit/export.csv", Check: canReadAudit, Handler: s.auditExport},

		{Pattern: "GET /admin/tokens", Check: canIssueTokens, Handler: s.tokensList},
		{Pattern: "POST /admin/tokens", Check: canIssueTokens, Handler: s.tokenCreate},
		{Pattern: "POST /admin/tokens/{id}/revoke", Check: canIssueTokens, Handler: s.tokenRevoke},
	}
}

// links are the 三员 navigation entries and dashboard cards.
var links = []backoffice.Link{
	{Href: "/admin/agencies", Key: "nav.agencies", TextKey: "dashboard.agencies.text", Check: canSeeAgencies},
	{Href: "/admin/users", Key: "nav.users", TextKey: "dashboard.users.text", Check: canManageUsers},
	{Href: "/admin/roles", Key: "nav.roles", TextKey: "dashboard.roles.text", Check: canGrantRoles},
	{Href: "/admin/audit", Key: "nav.audit", TextKey: "dashboard.audit.text", Check: canReadAudit},
	{Href: "/admin/tokens", Key: "nav.tokens", TextKey: "dashboard.tokens.text", Check: canIssueTokens},
}

// Links lists the navigation entries (backoffice.Section).
func (s *Site) Links() []backoffice.Link {
	return links
}
