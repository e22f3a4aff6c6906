package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func newUser(agencyID int64, login string, roles ...account.Role) account.User {
	return account.User{AgencyID: agencyID, Login: login, DisplayName: "张三", Roles: roles,
		PasswordHash: "$argon2id$test", MustChangePassword: true, CreatedAt: testNow}
}

func TestUserStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		u, err := s.CreateUser(ctx, newUser(a.ID, "clerk1", account.Clerk, account.Reviewer))
		if err != nil {
			t.Fatal(err)
		}
		t.Run("round trip", func(t *testing.T) {
			got, err := s.UserByLogin(ctx, "clerk1")
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != u.ID || got.AgencyID != a.ID || !got.MustChangePassword || got.Disabled ||
				len(got.Roles) != 2 || !got.Has(account.Clerk) || !got.Has(account.Reviewer) || got.CreatedAt.IsZero() {
				t.Errorf("UserByLogin = %+v; want what was stored", got)
			}
			if !got.CreatedAt.Equal(u.CreatedAt) {
				t.Errorf("CreatedAt = %v; want %v", got.CreatedAt, u.CreatedAt)
			}
		})
		t.Run("login taken", func(t *testing.T) {
			_, err := s.CreateUser(ctx, newUser(a.ID, "clerk1", account.Clerk))
			if !errors.Is(err, apperr.Conflict) {
				t.Fatalf("err = %v; want Conflict", err)
			}
		})
		t.Run("failed create leaves nothing", func(t *testing.T) {
			_, err := s.CreateUser(ctx, newUser(a.ID, "two-admins", account.SysAdmin, account.AuditAdmin))
			if !errors.Is(err, apperr.Conflict) {
				t.Fatalf("err = %v; want Conflict from the separation-of-duties index", err)
			}
			if _, err := s.UserByLogin(ctx, "two-admins"); !errors.Is(err, apperr.NotFound) {
				t.Fatalf("user row left behind: err = %v; want NotFound", err)
			}
		})
		t.Run("disable", func(t *testing.T) {
			if err := s.SetDisabled(ctx, u.ID, true); err != nil {
				t.Fatal(err)
			}
			got, _ := s.User(ctx, u.ID)
			if !got.Disabled {
				t.Error("Disabled = false after SetDisabled(true)")
			}
			if err := s.SetDisabled(ctx, 9999, true); !errors.Is(err, apperr.NotFound) {
				t.Errorf("SetDisabled(missing) = %v; want NotFound", err)
			}
			_ = s.SetDisabled(ctx, u.ID, false)
		})
		t.Run("failures and lock", func(t *testing.T) {
			// Failures count per source: three from one address lock the
			// account for that address only (#10 item 7).
			now := testNow
			until := now.Add(15 * time.Minute)
			const here, there = "192.0.2.1", "2001:db8::/64"
			for i := 1; i <= 2; i++ {
				n, lu, err := s.RecordLoginFailure(ctx, u.ID, here, 3, until)
				if err != nil || n != i || lu.After(now) {
					t.Fatalf("failure %d: n=%d until=%v err=%v; want n=%d, no lock", i, n, lu, err, i)
				}
			}
			if n, _, err := s.RecordLoginFailure(ctx, u.ID, there, 3, until); err != nil || n != 1 {
				t.Fatalf("failure from another source: n=%d err=%v; want its own count 1", n, err)
			}
			n, lu, err := s.RecordLoginFailure(ctx, u.ID, here, 3, until)
			if err != nil || n != 0 || !lu.Equal(until.Truncate(time.Microsecond)) {
				t.Fatalf("third failure: n=%d until=%v err=%v; want n=0 until=%v", n, lu, err, until)
			}
			if got, _ := s.LoginLockedUntil(ctx, u.ID, here); !got.After(now) {
				t.Errorf("source %s not locked after the threshold", here)
			}
			if got, _ := s.LoginLockedUntil(ctx, u.ID, there); !got.IsZero() {
				t.Errorf("source %s locked until %v; want not locked", there, got)
			}
			got, _ := s.User(ctx, u.ID)
			if !got.Locked(now) {
				t.Error("the account does not show its latest lock")
			}
			if err := s.RecordLoginSuccess(ctx, u.ID, there, now); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.LoginLockedUntil(ctx, u.ID, here); !got.After(now) {
				t.Errorf("a success from %s lifted the lock of %s", there, here)
			}
			got, _ = s.User(ctx, u.ID)
			if got.FailedLogins != 0 || got.LastLoginAt.IsZero() {
				t.Errorf("after success: %+v; want 0 failures, last login set", got)
			}
			if err := s.UnlockLogins(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			got, _ = s.User(ctx, u.ID)
			if lu, _ := s.LoginLockedUntil(ctx, u.ID, here); !lu.IsZero() || got.Locked(now) {
				t.Errorf("after unlock: source locked until %v, account %v; want no lock", lu, got.LockedUntil)
			}
			if _, _, err := s.RecordLoginFailure(ctx, 9999, here, 3, until); !errors.Is(err, apperr.NotFound) {
				t.Errorf("failure of a missing user: %v; want NotFound", err)
			}
		})
		t.Run("password and totp", func(t *testing.T) {
			at := time.Date(2026, 1, 2, 3, 4, 5, 678000, time.UTC)
			if err := s.SetPassword(ctx, u.ID, "$argon2id$new", at, false); err != nil {
				t.Fatal(err)
			}
			if err := s.SetTOTP(ctx, u.ID, "JBSWY3DPEHPK3PXP", true, 42); err != nil {
				t.Fatal(err)
			}
			got, _ := s.User(ctx, u.ID)
			if got.PasswordHash != "$argon2id$new" || got.MustChangePassword || !got.PasswordChangedAt.Equal(at) ||
				got.TOTPSecret != "JBSWY3DPEHPK3PXP" || !got.TOTPEnabled || got.TOTPLastStep != 42 {
				t.Errorf("after SetPassword/SetTOTP: %+v", got)
			}
		})
		t.Run("roles", func(t *testing.T) {
			if err := s.SetRoles(ctx, u.ID, []account.Role{account.Head}); err != nil {
				t.Fatal(err)
			}
			got, _ := s.User(ctx, u.ID)
			if len(got.Roles) != 1 || got.Roles[0] != account.Head {
				t.Errorf("Roles = %v; want [head]", got.Roles)
			}
			err := s.SetRoles(ctx, u.ID, []account.Role{account.SecAdmin, account.SysAdmin})
			if !errors.Is(err, apperr.Conflict) {
				t.Fatalf("SetRoles(two admins) = %v; want Conflict", err)
			}
			got, _ = s.User(ctx, u.ID)
			if len(got.Roles) != 1 || got.Roles[0] != account.Head {
				t.Errorf("Roles after refused change = %v; want [head] (rolled back)", got.Roles)
			}
		})
		t.Run("list and count", func(t *testing.T) {
			b := mustAgency(t, s, "北仑区教育局", 0)
			if _, err := s.CreateUser(ctx, newUser(b.ID, "admin1", account.SysAdmin)); err != nil {
				t.Fatal(err)
			}
			all, err := s.ListUsers(ctx, nil)
			if err != nil || len(all) != 2 {
				t.Fatalf("ListUsers(nil) = %d users, %v; want 2", len(all), err)
			}
			only, err := s.ListUsers(ctx, []int64{b.ID})
			if err != nil || len(only) != 1 || only[0].Login != "admin1" || !only[0].Has(account.SysAdmin) {
				t.Fatalf("ListUsers(b) = %+v, %v; want admin1", only, err)
			}
			n, err := s.CountActiveAdmins(ctx, account.SysAdmin)
			if err != nil || n != 1 {
				t.Fatalf("CountActiveAdmins = %d, %v; want 1", n, err)
			}
		})
	})
}

// TestSeparationOfDutiesInDatabase writes role rows directly, bypassing
// the domain check, and expects the database to refuse a second
// administrator role.
func TestSeparationOfDutiesInDatabase(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "机关", 0)
		u, err := s.CreateUser(ctx, newUser(a.ID, "admin", account.SysAdmin))
		if err != nil {
			t.Fatal(err)
		}
		q := "INSERT INTO user_roles (user_id, role) VALUES (?, ?)"
		if s.Dialect() == "postgres" {
			q = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)"
		}
		for _, r := range []string{"secadmin", "auditadmin"} {
			if _, err := s.DB().ExecContext(ctx, q, u.ID, r); err == nil {
				t.Errorf("raw insert of a second admin role %s succeeded; want a constraint error", r)
			}
		}
		if _, err := s.DB().ExecContext(ctx, q, u.ID, "superuser"); err == nil {
			t.Error("raw insert of an unknown role succeeded; want a check error")
		}
	})
}
