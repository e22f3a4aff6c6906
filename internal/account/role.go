package account

import (
	"slices"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A Role is what a staff account may do. An account may hold several
// business roles (a small office's clerk is often also its reviewer), but
// an administrator account holds exactly one administrator role and no
// business role.
type Role string

// Business roles. Their scope is the account's own agency, except the
// supervisor's, which is read-only over the agency's subtree.
const (
	Clerk      Role = "clerk"      // 经办人: registers and handles requests, drafts replies
	Reviewer   Role = "reviewer"   // 审核人: reviews replies and publications
	Head       Role = "head"       // 负责人: head of the disclosure office, approves extensions and replies (条例第三十三条)
	Supervisor Role = "supervisor" // 监督员: read-only across subordinate agencies (条例第三条)
)

// The three administrators of 等保 (GB/T 22239-2019 8.1.5.1–8.1.5.3):
// 三员分立, no account may hold two of them (8.1.4.2 d).
const (
	SysAdmin   Role = "sysadmin"   // 系统管理员: accounts, agencies, settings, backup
	SecAdmin   Role = "secadmin"   // 安全管理员: role grants, security policy
	AuditAdmin Role = "auditadmin" // 审计管理员: the audit log only
)

// AllRoles lists every role in display order.
var AllRoles = []Role{Clerk, Reviewer, Head, Supervisor, SysAdmin, SecAdmin, AuditAdmin}

var roleNames = map[Role]string{
	Clerk:      "经办人",
	Reviewer:   "审核人",
	Head:       "负责人",
	Supervisor: "监督员",
	SysAdmin:   "系统管理员",
	SecAdmin:   "安全管理员",
	AuditAdmin: "审计管理员",
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleNames[r]; return ok }

// Admin reports whether r is one of the three administrator roles.
func (r Role) Admin() bool { return r == SysAdmin || r == SecAdmin || r == AuditAdmin }

// Label returns the Chinese name of r, e.g. 经办人.
func (r Role) Label() string {
	if n, ok := roleNames[r]; ok {
		return n
	}
	return string(r)
}

// ParseRole accepts a role by its code (clerk) or Chinese name (经办人).
func ParseRole(s string) (Role, error) {
	if r := Role(s); r.Valid() {
		return r, nil
	}
	for r, n := range roleNames {
		if n == s {
			return r, nil
		}
	}
	return "", apperr.New(apperr.Invalid, "role.unknown_choices", s)
}

// CheckRoles enforces separation of duties on a set of roles: at least one
// role, all known, no duplicates, and an administrator role only alone —
// never two of the three administrators (三员分立, GB/T 22239-2019
// 8.1.4.2 d) and never an administrator together with a business role
// (business roles are separate from the 三员, SECURITY.md E-SMC-03). The
// database enforces the first half again with a unique partial index.
func CheckRoles(roles []Role) error {
	if len(roles) == 0 {
		return apperr.New(apperr.Invalid, "role.required")
	}
	admins := 0
	for i, r := range roles {
		if !r.Valid() {
			return apperr.New(apperr.Invalid, "role.unknown", string(r))
		}
		if slices.Contains(roles[:i], r) {
			return apperr.New(apperr.Invalid, "role.repeated", string(r))
		}
		if r.Admin() {
			admins++
		}
	}
	if admins > 1 {
		return apperr.New(apperr.Invalid, "role.two_admin")
	}
	if admins == 1 && len(roles) > 1 {
		return apperr.New(apperr.Invalid, "role.admin_and_business")
	}
	return nil
}
