package auth_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }
func cheapSettings(t *testing.T) auth.Settings {
	t.Helper()
	st, err := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
	if err != nil {
		t.Fatal(err)
	}
	st.Hash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
	return st
}

type fixture struct {
	s    *sqlstore.Store
	svc  *auth.Service
	log  *audit.Log
	clk  *clock
	agen agency.Agency
}

func setup(t *testing.T, s *sqlstore.Store) fixture {
	t.Helper()
	clk := newClock()
	log := &audit.Log{Store: s, Now: clk.now}
	svc, err := auth.NewService(s, log, cheapSettings(t))
	if err != nil {
		t.Fatal(err)
	}
	svc.Now = clk.now
	a, err := s.CreateAgency(context.Background(), agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{s, svc, log, clk, a}
}

// actions returns the audit actions recorded so far, oldest first.
func actions(t *testing.T, s *sqlstore.Store) []string {
	t.Helper()
	evs, err := s.AuditEvents(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Action)
	}
	return out
}

func count(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

func TestLockout(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		_, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "Clerk1", Roles: []account.Role{account.Clerk}})
		if err != nil {
			t.Fatal(err)
		}
		wrong := auth.LoginInput{Login: "clerk1", Password: "Wrong-pass-1", IP: "192.0.2.9"}
		for i := 1; i <= 5; i++ {
			_, err := f.svc.Login(ctx, wrong)
			if !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("failure %d: err = %v; want ErrBadCredentials", i, err)
			}
		}
		st, err := f.svc.LockoutState(ctx, "clerk1")
		if err != nil || !st.Locked || !st.Until.Equal(f.clk.t.Add(15*time.Minute)) {
			t.Fatalf("LockoutState = %+v, %v; want locked until +15m", st, err)
		}
		// The correct password while locked gets the very same error.
		_, errLocked := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: pw, IP: "192.0.2.9"})
		_, errUnknown := f.svc.Login(ctx, auth.LoginInput{Login: "nobody", Password: pw})
		for name, e := range map[string]error{"locked": errLocked, "unknown": errUnknown} {
			if e != auth.ErrBadCredentials || e.Error() != auth.ErrBadCredentials.Error() {
				t.Errorf("%s: err = %v; want exactly ErrBadCredentials", name, e)
			}
		}
		f.clk.add(14 * time.Minute)
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: pw, IP: "192.0.2.9"}); err == nil {
			t.Fatal("login succeeded 14 minutes into a 15-minute lock")
		}
		// The lock is the address's: the owner elsewhere signs in (#10
		// item 7), an IPv6 /64 counting as one address.
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "clerk1", Password: pw, IP: "2001:db8::1"}); err != nil {
			t.Fatalf("login from another address during the lock: %v", err)
		}
		f.clk.add(2 * time.Minute)
		res, err := f.svc.Login(ctx, auth.LoginInput{Login: "CLERK1", Password: pw, IP: "192.0.2.9"})
		if err != nil {
			t.Fatalf("login after the lock ended: %v", err)
		}
		if !res.MustChangePassword || res.Complete() {
			t.Errorf("one-time password login: %+v; want MustChangePassword", res)
		}
		got := actions(t, s)
		want := map[string]int{audit.ActUserCreate: 1, audit.ActLoginFail: 5, audit.ActLoginLockout: 1,
			audit.ActLoginLocked: 2, audit.ActLoginOK: 2}
		// 4 plain failures + 1 for the unknown login; the 5th failure is the lockout.
		for a, n := range want {
			if c := count(got, a); c != n {
				t.Errorf("audit %s recorded %d times; want %d (all: %v)", a, c, n, got)
			}
		}
	})
}

func TestUserLifecycle(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "head1", Roles: []account.Role{account.Head}})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("sod refused", func(t *testing.T) {
			_, _, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "x", Roles: []account.Role{account.SysAdmin, account.SecAdmin}})
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("two admin roles: err = %v; want Invalid", err)
			}
			_, _, err = f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "y", Roles: []account.Role{account.AuditAdmin, account.Clerk}})
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("admin with business role: err = %v; want Invalid", err)
			}
		})
		t.Run("change password", func(t *testing.T) {
			if err := f.svc.ChangePassword(ctx, audit.Actor{UserID: u.ID}, u.ID, pw, "short"); !errors.Is(err, apperr.Invalid) {
				t.Fatalf("weak new password: err = %v; want Invalid", err)
			}
			if err := f.svc.ChangePassword(ctx, audit.Actor{UserID: u.ID}, u.ID, pw, "Beilun-2026-ok"); err != nil {
				t.Fatal(err)
			}
			res, err := f.svc.Login(ctx, auth.LoginInput{Login: "head1", Password: "Beilun-2026-ok"})
			if err != nil || !res.Complete() {
				t.Fatalf("login after change = %+v, %v; want complete", res, err)
			}
			f.clk.add(91 * 24 * time.Hour)
			res, err = f.svc.Login(ctx, auth.LoginInput{Login: "head1", Password: "Beilun-2026-ok"})
			if err != nil || !res.MustChangePassword {
				t.Fatalf("login after 91 days = %+v, %v; want MustChangePassword (等保 rotation)", res, err)
			}
		})
		t.Run("reset", func(t *testing.T) {
			pw2, err := f.svc.ResetPassword(ctx, audit.CLI, "head1")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "head1", Password: "Beilun-2026-ok"}); err == nil {
				t.Fatal("old password still works after reset")
			}
			res, err := f.svc.Login(ctx, auth.LoginInput{Login: "head1", Password: pw2})
			if err != nil || !res.MustChangePassword {
				t.Fatalf("login with reset password = %+v, %v; want MustChangePassword", res, err)
			}
		})
		t.Run("disable", func(t *testing.T) {
			if _, err := f.svc.DisableUser(ctx, audit.CLI, "head1"); err != nil {
				t.Fatal(err)
			}
			pw3, _ := f.svc.ResetPassword(ctx, audit.CLI, "head1")
			if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "head1", Password: pw3}); err != auth.ErrBadCredentials {
				t.Fatalf("disabled login err = %v; want ErrBadCredentials", err)
			}
			if _, err := f.svc.DisableUser(ctx, audit.CLI, "nobody"); !errors.Is(err, apperr.NotFound) {
				t.Fatalf("disable unknown: %v; want NotFound", err)
			}
		})
		v, err := f.log.Verify(ctx)
		if err != nil || v.Break != nil {
			t.Fatalf("audit chain after the lifecycle: %+v, %v", v, err)
		}
	})
}

func TestTOTPLogin(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		f.svc.Settings.RequireTOTP = true
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "rev", Roles: []account.Role{account.Reviewer}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.svc.Login(ctx, auth.LoginInput{Login: "rev", Password: pw})
		if err != nil || !res.NeedEnrollment || res.Complete() {
			t.Fatalf("first login with TOTP required = %+v, %v; want NeedEnrollment", res, err)
		}
		secret, url, err := f.svc.BeginTOTP(ctx, u.ID)
		if err != nil || secret == "" || url == "" {
			t.Fatalf("BeginTOTP = %q, %q, %v", secret, url, err)
		}
		code, _ := auth.TOTPCode(secret, f.clk.t)
		if err := f.svc.ConfirmTOTP(ctx, audit.Actor{UserID: u.ID}, u.ID, code); err != nil {
			t.Fatal(err)
		}
		res, err = f.svc.Login(ctx, auth.LoginInput{Login: "rev", Password: pw})
		if err != nil || !res.NeedCode {
			t.Fatalf("login without code = %+v, %v; want NeedCode", res, err)
		}
		// The code used to confirm cannot be replayed.
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "rev", Password: pw, Code: code}); err != auth.ErrBadCredentials {
			t.Fatalf("replayed code: err = %v; want ErrBadCredentials", err)
		}
		f.clk.add(30 * time.Second)
		code2, _ := auth.TOTPCode(secret, f.clk.t)
		res, err = f.svc.Login(ctx, auth.LoginInput{Login: "rev", Password: pw, Code: code2})
		if err != nil || res.NeedCode || res.NeedEnrollment || !res.MustChangePassword {
			t.Fatalf("login with code = %+v, %v; want only MustChangePassword left", res, err)
		}
		if res.User.PasswordHash != "" || res.User.TOTPSecret != "" {
			t.Error("LoginResult carries the password hash or TOTP secret")
		}

		// The two-page flow: password first, then LoginCode with the id.
		f.clk.add(30 * time.Second)
		res, err = f.svc.Login(ctx, auth.LoginInput{Login: "rev", Password: pw})
		if err != nil || !res.NeedCode {
			t.Fatalf("login step 1 = %+v, %v; want NeedCode", res, err)
		}
		if _, err := f.svc.LoginCode(ctx, u.ID, "000000", "192.0.2.5"); err != auth.ErrBadCredentials {
			t.Fatalf("LoginCode(wrong) err = %v; want ErrBadCredentials", err)
		}
		if st, _ := f.svc.LockoutState(ctx, "rev"); st.Failures != 1 {
			t.Errorf("failures after a wrong code = %d; want 1", st.Failures)
		}
		code3, _ := auth.TOTPCode(secret, f.clk.t)
		res, err = f.svc.LoginCode(ctx, u.ID, code3, "192.0.2.5")
		if err != nil || res.NeedCode || res.User.ID != u.ID {
			t.Fatalf("LoginCode(right) = %+v, %v", res, err)
		}
		if _, err := f.svc.LoginCode(ctx, u.ID, code3, "192.0.2.5"); err != auth.ErrBadCredentials {
			t.Fatalf("LoginCode(replayed) err = %v; want ErrBadCredentials", err)
		}
	})
}

func TestBootstrap(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		first, err := f.svc.IssueBootstrapToken(ctx)
		if err != nil || first == "" {
			t.Fatalf("IssueBootstrapToken = %q, %v; want a token", first, err)
		}
		token, _ := f.svc.IssueBootstrapToken(ctx) // a restart prints a new one
		in := auth.BootstrapInput{Token: first, AgencyName: "宁波市人民政府办公厅", Login: "sysadmin1", Password: "Ningbo-2026-admin"}
		if _, err := f.svc.Bootstrap(ctx, in); !errors.Is(err, apperr.Unauthenticated) {
			t.Fatalf("superseded token: err = %v; want Unauthenticated", err)
		}
		in.Token = token
		in.Password = "admin"
		if _, err := f.svc.Bootstrap(ctx, in); !errors.Is(err, apperr.Invalid) {
			t.Fatalf("weak password: err = %v; want Invalid", err)
		}
		in.Password = "Ningbo-2026-admin"
		u, err := f.svc.Bootstrap(ctx, in)
		if err != nil || !u.Has(account.SysAdmin) || u.MustChangePassword {
			t.Fatalf("Bootstrap = %+v, %v; want a sysadmin with the chosen password", u, err)
		}
		in.Login = "sysadmin2"
		if _, err := f.svc.Bootstrap(ctx, in); err == nil {
			t.Fatal("a bootstrap token worked twice")
		}
		if tok, err := f.svc.IssueBootstrapToken(ctx); err != nil || tok != "" {
			t.Fatalf("IssueBootstrapToken with an admin = %q, %v; want none", tok, err)
		}
		res, err := f.svc.Login(ctx, auth.LoginInput{Login: "sysadmin1", Password: "Ningbo-2026-admin"})
		if err != nil || !res.Complete() {
			t.Fatalf("admin login = %+v, %v", res, err)
		}
		if _, err := f.svc.DisableUser(ctx, audit.CLI, "sysadmin1"); !errors.Is(err, apperr.Conflict) {
			t.Fatalf("disabling the last sysadmin: err = %v; want Conflict", err)
		}
	})
}

// TestNoDefaultAccounts: a fresh database has no account at all, so
// admin/admin and friends cannot log in (E-AC-01, E-AC-02).
func TestNoDefaultAccounts(t *testing.T) {
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := setup(t, s)
	for _, login := range []string{"admin", "root", "sa", "administrator", "sysadmin"} {
		if _, err := f.svc.Login(context.Background(), auth.LoginInput{Login: login, Password: login}); err != auth.ErrBadCredentials {
			t.Errorf("login %s: err = %v; want ErrBadCredentials", login, err)
		}
	}
	users, _ := s.ListUsers(context.Background(), nil)
	if len(users) != 0 {
		t.Errorf("fresh database has %d users; want 0", len(users))
	}
}

// TestAuditFailsClosed: when the audit log cannot be written, the action
// it records is refused and leaves nothing behind (GB/T 22239-2019
// 8.1.4.3 d, E-AUD-04).
func TestAuditFailsClosed(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		block := []string{`CREATE TRIGGER audit_block BEFORE INSERT ON audit_events
			BEGIN SELECT RAISE(ABORT, 'audit storage unavailable'); END`}
		if s.Dialect() == "postgres" {
			block = []string{
				`CREATE FUNCTION audit_block() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`,
				`CREATE TRIGGER audit_block BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_block()`,
			}
		}
		for _, q := range block {
			if _, err := s.DB().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "ghost", Roles: []account.Role{account.Clerk}})
		if err == nil {
			t.Fatal("AddUser succeeded while the audit log refused writes")
		}
		if _, err := s.UserByLogin(ctx, "ghost"); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("user created without its audit event: %v", err)
		}
	})
}

// TestLockoutPerSource: failures from one address lock the account for
// that address only; failures from many addresses of one IPv6 /64 count
// together; an administrator's unlock lifts every lock and is audited
// (#10 item 7).
func TestLockoutPerSource(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := setup(t, s)
		u, pw, err := f.svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: f.agen.ID, Login: "owner", Roles: []account.Role{account.Clerk}})
		if err != nil {
			t.Fatal(err)
		}
		// An attacker rotating addresses inside one /64 is one source.
		for i := 1; i <= 5; i++ {
			in := auth.LoginInput{Login: "owner", Password: "Wrong-pass-1", IP: fmt.Sprintf("2001:db8:1:2::%x", i)}
			if _, err := f.svc.Login(ctx, in); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "owner", Password: pw, IP: "2001:db8:1:2::99"}); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("right password from the locked /64: %v; want ErrBadCredentials", err)
		}
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "owner", Password: pw, IP: "203.0.113.5"}); err != nil {
			t.Fatalf("the owner from another address: %v; want signed in", err)
		}
		// The unlock lifts the attacker's lock too (the owner may share it).
		if _, err := f.svc.Unlock(ctx, audit.Actor{Login: "sysadmin", IP: "192.0.2.1"}, "owner"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: "owner", Password: pw, IP: "2001:db8:1:2::99"}); err != nil {
			t.Fatalf("login from the unlocked /64: %v", err)
		}
		if c := count(actions(t, s), audit.ActUserUnlock); c != 1 {
			t.Errorf("user.unlock recorded %d times; want 1", c)
		}
		if got, _ := s.User(ctx, u.ID); !got.LockedUntil.IsZero() {
			t.Errorf("locked until %v after the unlock", got.LockedUntil)
		}
	})
}

func TestSource(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1": "192.0.2.1", "::ffff:192.0.2.1": "192.0.2.1", "2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"fe80::1%eth0": "fe80::/64", "": "", "not an address": "not an address",
	} {
		if got := auth.Source(in); got != want {
			t.Errorf("Source(%q) = %q; want %q", in, got, want)
		}
	}
}
