package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestInactiveAccount: an account unused for longer than InactiveAfter
// cannot sign in, even with the right password, and gets the generic
// error; a reset by an administrator revives it (GB/T 22239-2019 8.1.4.2
// c, SECURITY.md E-AC-03 b).
func TestInactiveAccount(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		f.svc.Settings.InactiveAfter = 90 * 24 * time.Hour
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "clerk1", Roles: []account.Role{account.Clerk}})
		if err != nil {
			t.Fatal(err)
		}
		const good = "Zq7!mPx9#Lw2"
		if err := f.svc.ChangePassword(ctx, audit.CLI, u.ID, pw, good); err != nil {
			t.Fatal(err)
		}
		f.clk.add(89 * 24 * time.Hour)
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: good}); err != nil {
			t.Fatalf("login after 89 days: %v", err)
		}
		f.clk.add(91 * 24 * time.Hour)
		_, err = f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: good})
		if err != auth.ErrBadCredentials {
			t.Fatalf("login after 91 idle days: err = %v; want ErrBadCredentials", err)
		}
		evs, err := s.AuditEvents(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		last := evs[len(evs)-1]
		if last.Action != audit.ActLoginFail || last.Result != audit.ResultDenied || !strings.Contains(last.Detail, "inactive") {
			t.Errorf("last audit event %s %s %q; want login.fail denied (inactive)", last.Action, last.Result, last.Detail)
		}
		otp, err := f.svc.ResetPassword(ctx, audit.CLI, "clerk1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: otp}); errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("login after an administrator's reset: %v", err)
		}
	})
}

func TestInactive(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		name string
		u    account.User
		now  time.Time
		want bool
	}{
		{"never used, created 91 days ago", account.User{CreatedAt: t0, PasswordChangedAt: t0}, t0.Add(91 * day), true},
		{"never used, created 89 days ago", account.User{CreatedAt: t0, PasswordChangedAt: t0}, t0.Add(89 * day), false},
		{"recent login", account.User{CreatedAt: t0, PasswordChangedAt: t0, LastLoginAt: t0.Add(50 * day)}, t0.Add(120 * day), false},
		{"recent reset", account.User{CreatedAt: t0, LastLoginAt: t0, PasswordChangedAt: t0.Add(100 * day)}, t0.Add(120 * day), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := auth.Inactive(tc.u, tc.now, 90*day); got != tc.want {
				t.Errorf("Inactive = %v; want %v", got, tc.want)
			}
			if auth.Inactive(tc.u, tc.now, 0) {
				t.Error("Inactive with the rule off = true")
			}
		})
	}
}
