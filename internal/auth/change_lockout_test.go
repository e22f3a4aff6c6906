package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestChangePasswordLockout: the change-password form of a session left
// open is no unlimited oracle for the current password: wrong answers
// count towards the lockout, and while locked even the right one fails
// (SECURITY.md O-AUTH-03, E-AUTH-02 a).
func TestChangePasswordLockout(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "clerk1", Roles: []account.Role{account.Clerk}})
		if err != nil {
			t.Fatal(err)
		}
		by := audit.Actor{UserID: u.ID, Login: "clerk1"}
		for i := 1; i <= 5; i++ {
			if err := f.svc.ChangePassword(ctx, by, u.ID, "Wrong-pass-1", "Zq7!mPx9#Lw2"); err == nil {
				t.Fatalf("attempt %d with a wrong current password succeeded", i)
			}
		}
		if st, _ := f.svc.LockoutState(ctx, "clerk1"); !st.Locked {
			t.Fatalf("after 5 wrong current passwords: %+v; want locked", st)
		}
		if err := f.svc.ChangePassword(ctx, by, u.ID, pw, "Zq7!mPx9#Lw2"); err == nil {
			t.Fatal("change with the right current password while locked succeeded")
		}
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: pw}); err != auth.ErrBadCredentials {
			t.Fatalf("login while locked: %v; want ErrBadCredentials", err)
		}
		f.clk.add(16 * time.Minute)
		if err := f.svc.ChangePassword(ctx, by, u.ID, pw, "Zq7!mPx9#Lw2"); err != nil {
			t.Fatalf("change after the lock ended: %v", err)
		}
	})
}
