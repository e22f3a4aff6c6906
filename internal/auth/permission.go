// Package auth decides who may do what and checks credentials: the
// staff permission model (roles → actions, scoped by agency), argon2id
// password hashes and the password policy, login with lockout, the TOTP
// second factor and the one-time bootstrap token for the first
// administrator. HTTP sessions are not here: the web layer keeps them.
package auth

import (
	"slices"

	"github.com/gongkai/gongkai/internal/account"
)

// An Action is something a staff member may be allowed to do.
type Action string

// Business actions, scoped to agencies.
const (
	RequestRead    Action = "request.read"    // see requests and their files
	RequestHandle  Action = "request.handle"  // register, handle, draft replies (经办)
	RequestReview  Action = "request.review"  // review a draft reply (审核)
	RequestApprove Action = "request.approve" // sign off replies and approve extensions (负责人, 条例第三十三条)
	CatalogRead    Action = "catalog.read"    // see 主动公开 items, published or not
	CatalogEdit    Action = "catalog.edit"    // draft and edit items
	CatalogReview  Action = "catalog.review"  // 保密审查 / review before publication
	CatalogPublish Action = "catalog.publish" // publish and withdraw
	ReportRead     Action = "report.read"     // see annual reports and statistics
	ReportEdit     Action = "report.edit"     // compile and edit the annual report
	ReportPublish  Action = "report.publish"  // publish the annual report (条例第四十九条)
)

// Administrative actions, installation-wide (GB/T 22239-2019 8.1.5).
const (
	UserManage     Action = "user.manage"     // create, disable, reset accounts (系统管理员)
	AgencyManage   Action = "agency.manage"   // add agencies (系统管理员)
	SettingsManage Action = "settings.manage" // system settings (系统管理员)
	BackupRun      Action = "backup.run"      // run and restore backups (系统管理员)
	RoleGrant      Action = "role.grant"      // change the roles of an account (安全管理员)
	PolicyManage   Action = "policy.manage"   // password, lockout, labels (安全管理员)
	AuditRead      Action = "audit.read"      // search and export the audit log (审计管理员)
)

// AllActions lists every action, for matrix tests and the back office.
var AllActions = []Action{
	RequestRead, RequestHandle, RequestReview, RequestApprove,
	CatalogRead, CatalogEdit, CatalogReview, CatalogPublish,
	ReportRead, ReportEdit, ReportPublish,
	UserManage, AgencyManage, SettingsManage, BackupRun, RoleGrant, PolicyManage, AuditRead,
}

// grants is the permission table: which role may do which action.
var grants = map[account.Role][]Action{
	account.Clerk:      {RequestRead, RequestHandle, CatalogRead, CatalogEdit, ReportRead, ReportEdit},
	account.Reviewer:   {RequestRead, RequestReview, CatalogRead, CatalogReview, ReportRead},
	account.Head:       {RequestRead, RequestReview, RequestApprove, CatalogRead, CatalogReview, CatalogPublish, ReportRead, ReportPublish},
	account.Supervisor: {RequestRead, CatalogRead, ReportRead},
	account.SysAdmin:   {UserManage, AgencyManage, SettingsManage, BackupRun},
	account.SecAdmin:   {RoleGrant, PolicyManage},
	account.AuditAdmin: {AuditRead},
}

// Admin reports whether a is an installation-wide administrative action,
// which ignores the agency of the object.
func (a Action) Admin() bool {
	switch a {
	case UserManage, AgencyManage, SettingsManage, BackupRun, RoleGrant, PolicyManage, AuditRead:
		return true
	}
	return false
}

// RoleAllows reports whether role r grants action a, regardless of scope.
func RoleAllows(r account.Role, a Action) bool { return slices.Contains(grants[r], a) }

// A Subject is a signed-in staff member as the permission check sees them:
// the account and the agencies a supervisor may look into.
type Subject struct {
	UserID   int64
	Login    string
	AgencyID int64
	Roles    []account.Role
	// Scope holds the agencies a supervisor sees read-only: the subtree of
	// AgencyID and of the agency it oversees (agency.Scope). It is ignored
	// for the other roles, whose scope is their own agency.
	Scope []int64
	// Disabled subjects may do nothing.
	Disabled bool
}

// NewSubject returns the subject for u with the supervisor scope given.
func NewSubject(u account.User, scope []int64) Subject {
	return Subject{UserID: u.ID, Login: u.Login, AgencyID: u.AgencyID, Roles: slices.Clone(u.Roles),
		Scope: slices.Clone(scope), Disabled: u.Disabled}
}

// Can reports whether s may do a on an object of agency agencyID:
//
//   - administrative actions (Action.Admin) need the administrator role
//     that owns them and ignore agencyID (三员分立: 系统管理员 manages
//     accounts, agencies, settings and backups; 安全管理员 roles and
//     policy; 审计管理员 only the audit log);
//   - 经办人, 审核人 and 负责人 act only on objects of their own agency;
//   - 监督员 reads (request.read, catalog.read, report.read) objects of any
//     agency in its Scope and changes nothing.
func Can(s Subject, a Action, agencyID int64) bool {
	if s.Disabled || s.UserID == 0 {
		return false
	}
	for _, r := range s.Roles {
		if !RoleAllows(r, a) {
			continue
		}
		switch {
		case a.Admin():
			return true
		case r == account.Supervisor:
			if slices.Contains(s.Scope, agencyID) {
				return true
			}
		case agencyID == s.AgencyID:
			return true
		}
	}
	return false
}
