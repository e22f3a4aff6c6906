package auth

import (
	"testing"

	"github.com/gongkai/gongkai/internal/account"
)

// TestCanMatrix drives every action as every role, on the role's own
// agency, on a subordinate agency and on an unrelated one.
func TestCanMatrix(t *testing.T) {
	const own, below, other = 10, 11, 99
	// allowed[role] = actions allowed on the own agency.
	allowed := map[account.Role][]Action{
		account.Clerk:      {RequestRead, RequestHandle, CatalogRead, CatalogEdit, ReportRead, ReportEdit},
		account.Reviewer:   {RequestRead, RequestReview, CatalogRead, CatalogReview, ReportRead},
		account.Head:       {RequestRead, RequestReview, RequestApprove, CatalogRead, CatalogReview, CatalogPublish, ReportRead, ReportPublish},
		account.Supervisor: {RequestRead, CatalogRead, ReportRead},
		account.SysAdmin:   {UserManage, AgencyManage, SettingsManage, BackupRun},
		account.SecAdmin:   {RoleGrant, PolicyManage},
		account.AuditAdmin: {AuditRead},
	}
	for _, r := range account.AllRoles {
		s := Subject{UserID: 1, AgencyID: own, Roles: []account.Role{r}, Scope: []int64{own, below}}
		for _, a := range AllActions {
			want := false
			for _, x := range allowed[r] {
				want = want || x == a
			}
			if got := Can(s, a, own); got != want {
				t.Errorf("Can(%s, %s, own) = %v; want %v", r, a, got, want)
			}
			// Below: only the supervisor reaches, and administrators
			// (whose actions are installation-wide).
			wantBelow := want && (r == account.Supervisor || a.Admin())
			if got := Can(s, a, below); got != wantBelow {
				t.Errorf("Can(%s, %s, below) = %v; want %v", r, a, got, wantBelow)
			}
			wantOther := want && a.Admin()
			if got := Can(s, a, other); got != wantOther {
				t.Errorf("Can(%s, %s, other) = %v; want %v", r, a, got, wantOther)
			}
		}
	}
}

func TestCanDisabledOrAnonymous(t *testing.T) {
	s := Subject{UserID: 1, AgencyID: 1, Roles: []account.Role{account.Head}, Disabled: true}
	if Can(s, RequestRead, 1) {
		t.Error("a disabled subject may read")
	}
	if Can(Subject{AgencyID: 1, Roles: []account.Role{account.Head}}, RequestRead, 1) {
		t.Error("a subject without a user id may read")
	}
}

func TestSupervisorReadOnly(t *testing.T) {
	s := Subject{UserID: 1, AgencyID: 1, Roles: []account.Role{account.Supervisor}, Scope: []int64{1, 2, 3}}
	for _, a := range []Action{RequestHandle, RequestReview, RequestApprove, CatalogEdit, CatalogPublish, ReportEdit} {
		if Can(s, a, 2) {
			t.Errorf("supervisor may %s", a)
		}
	}
}
