package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestTOTPSecretSealed: with a Sealer the TOTP secret is stored encrypted
// (SM4-GCM; SECURITY.md E-DC-02, 鉴别信息 at rest), enrolment and both
// login paths still work, and a secret stored in clear earlier is read
// and sealed at the next login.
func TestTOTPSecretSealed(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		k, _, err := pii.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		f.svc.Secrets = pii.NewKeyring(k)
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "head", Roles: []account.Role{account.Head}})
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := f.svc.BeginTOTP(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored := func() string {
			t.Helper()
			got, err := s.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.TOTPSecret
		}
		if st := stored(); !strings.HasPrefix(st, "sm4gcm:") || strings.Contains(st, secret) {
			t.Fatalf("stored TOTP secret %q; want it sealed", st)
		}
		code, _ := auth.TOTPCode(secret, f.clk.t)
		if err := f.svc.ConfirmTOTP(ctx, audit.Actor{UserID: u.ID}, u.ID, code); err != nil {
			t.Fatalf("confirm with a sealed secret: %v", err)
		}
		f.clk.add(30 * time.Second)
		code, _ = auth.TOTPCode(secret, f.clk.t)
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "head", Password: pw, Code: code}); err != nil {
			t.Fatalf("login with a sealed secret: %v", err)
		}
		if st := stored(); !strings.HasPrefix(st, "sm4gcm:") {
			t.Fatalf("after login the secret is stored as %q; want sealed", st)
		}

		// A secret stored in clear before sealing was on still works and
		// is sealed by the login.
		if err := s.SetTOTP(ctx, u.ID, secret, true, 0); err != nil {
			t.Fatal(err)
		}
		f.clk.add(30 * time.Second)
		code, _ = auth.TOTPCode(secret, f.clk.t)
		if _, err := f.svc.LoginCode(ctx, u.ID, code, "192.0.2.1"); err != nil {
			t.Fatalf("login with a legacy clear secret: %v", err)
		}
		if st := stored(); !strings.HasPrefix(st, "sm4gcm:") {
			t.Errorf("legacy clear secret not sealed at login: %q", st)
		}

		// Without the key a sealed secret is never taken for a clear one.
		f.svc.Secrets = nil
		f.clk.add(30 * time.Second)
		code, _ = auth.TOTPCode(secret, f.clk.t)
		if _, err := f.svc.LoginCode(ctx, u.ID, code, "192.0.2.1"); err == nil {
			t.Error("login succeeded with a sealed secret and no key")
		}
	})
}
