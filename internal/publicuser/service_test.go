package publicuser_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

var testKey = func() *pii.Keyring {
	k, err := pii.ParseKey("00112233445566778899aabbccddeeff")
	if err != nil {
		panic(err)
	}
	return pii.NewKeyring(k)
}()

// recorder keeps the audit events in memory, in order.
type recorder struct{ events []audit.Event }

func (r *recorder) Record(_ context.Context, e audit.Event) error {
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) actions() []string {
	var out []string
	for _, e := range r.events {
		out = append(out, e.Action+":"+string(e.Result))
	}
	return out
}

// world is a store with one agency, a request service and a public-account
// service whose clock the test moves.
type world struct {
	t   *testing.T
	st  *sqlstore.Store
	cw  *casework.Service
	svc *publicuser.Service
	rec *recorder
	now time.Time
	ag  agency.Agency
}

const goodPassword = "蓝色的海边有一座白色的灯塔"

func newWorld(t *testing.T, st *sqlstore.Store) *world {
	t.Helper()
	w := &world{t: t, st: st, rec: &recorder{}, now: time.Date(2024, 3, 4, 2, 0, 0, 0, time.UTC)}
	cw, err := casework.New(st, &audit.Log{Store: st}, testKey)
	if err != nil {
		t.Fatal(err)
	}
	w.cw = cw
	w.cw.Now = func() time.Time { return w.now }
	set := publicuser.DefaultSettings
	set.Hash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16} // fast in tests
	svc, err := publicuser.New(st, st, w.cw, testKey, w.rec, set)
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	w.svc.Now = func() time.Time { return w.now }
	if w.ag, err = st.CreateAgency(context.Background(), agency.Agency{Name: "北仑区司法局", CreatedAt: w.now}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) register(login string) publicuser.Account {
	w.t.Helper()
	a, err := w.svc.Register(context.Background(), publicuser.Registration{Login: login, DisplayName: "张三", Password: goodPassword}, "192.0.2.1")
	if err != nil {
		w.t.Fatalf("register %s: %v", login, err)
	}
	return a
}

func (w *world) submit() casework.Receipt {
	w.t.Helper()
	rc, err := w.cw.Submit(context.Background(), casework.Application{AgencyID: w.ag.ID, ApplicantType: "natural_person",
		Name: "张三", IDNumber: "11010519491231002X", Phone: "13812345678", Content: "某路段拓宽工程的环境影响评价文件",
		Form: "电子", Delivery: "电子邮件"}, "192.0.2.1")
	if err != nil {
		w.t.Fatal(err)
	}
	return rc
}

func TestRegister(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		a := w.register(" ZhangSan@Example.CN ")
		if a.Login != "zhangsan@example.cn" || a.PasswordHash != "" {
			t.Fatalf("registered %+v", a)
		}
		stored, err := st.PublicAccount(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored.LoginEnc, "zhangsan") || strings.Contains(stored.LoginKey, "zhangsan") || !strings.HasPrefix(stored.LoginEnc, "sm4gcm:") {
			t.Fatalf("login stored in clear: %q / %q", stored.LoginEnc, stored.LoginKey)
		}
		if !strings.HasPrefix(stored.PasswordHash, "$argon2id$") {
			t.Fatalf("hash %q; want argon2id", stored.PasswordHash)
		}
		cases := []struct {
			name string
			reg  publicuser.Registration
			kind apperr.Kind
		}{
			{"not an e-mail or phone", publicuser.Registration{Login: "zhangsan", DisplayName: "x", Password: goodPassword}, apperr.Invalid},
			{"short password", publicuser.Registration{Login: "13812345678", DisplayName: "x", Password: "Ab1!ab"}, apperr.Invalid},
			{"common password", publicuser.Registration{Login: "13812345678", DisplayName: "x", Password: "Administrator"}, apperr.Invalid},
			{"password holds the phone", publicuser.Registration{Login: "13812345678", DisplayName: "x", Password: "my13812345678!"}, apperr.Invalid},
			{"no name", publicuser.Registration{Login: "13812345678", DisplayName: " ", Password: goodPassword}, apperr.Invalid},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.svc.Register(ctx, c.reg, "192.0.2.1")
				if apperr.KindOf(err) != c.kind {
					t.Fatalf("got %v; want kind %v", err, c.kind)
				}
			})
		}
		if got, err := w.svc.Account(ctx, a.ID); err != nil || got.Login != "zhangsan@example.cn" || got.DisplayName != "张三" {
			t.Fatalf("account: got %+v, %v", got, err)
		}
	})
}

func TestLoginLockout(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		a := w.register("+86 138-1234-5678")
		if a.Login != "13812345678" {
			t.Fatalf("login %q; want the bare number", a.Login)
		}
		_, errUnknown := w.svc.Login(ctx, "13900000000", goodPassword, "ip")
		if !errors.Is(errUnknown, publicuser.ErrBadCredentials) {
			t.Fatalf("unknown login: got %v", errUnknown)
		}
		for i := 1; i <= 5; i++ {
			_, err := w.svc.Login(ctx, "13812345678", "wrong password "+goodPassword, "ip")
			if err == nil || err.Error() != errUnknown.Error() {
				t.Fatalf("wrong password %d: got %v; want %v", i, err, errUnknown)
			}
		}
		w.now = w.now.Add(14 * time.Minute)
		if _, err := w.svc.Login(ctx, "13812345678", goodPassword, "ip"); err == nil || err.Error() != errUnknown.Error() {
			t.Fatalf("right password while locked: got %v; want the same message %v", err, errUnknown)
		}
		w.now = w.now.Add(time.Minute + time.Second)
		got, err := w.svc.Login(ctx, "138 1234 5678", goodPassword, "ip")
		if err != nil || got.ID != a.ID {
			t.Fatalf("after the lock: got %+v, %v", got, err)
		}
		want := []string{"public.register:ok", "public.login.fail:fail", "public.login.fail:fail", "public.login.fail:fail",
			"public.login.fail:fail", "public.login.fail:fail", "public.login.lockout:denied", "public.login.locked:denied", "public.login.ok:ok"}
		if got := w.rec.actions(); !slices.Equal(got, want) {
			t.Fatalf("audit: got %v; want %v", got, want)
		}
		for _, e := range w.rec.events {
			if strings.Contains(e.ActorLogin+e.Detail, "13812345678") || e.ActorID != 0 {
				t.Fatalf("audit row names the phone or a staff id: %+v", e)
			}
		}
	})
}

func TestChangePassword(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		a := w.register("lisi@example.cn")
		if _, err := w.svc.ChangePassword(ctx, a.ID, "not it at all", "另一个足够长的新的登录密码", "ip"); apperr.KindOf(err) != apperr.Invalid {
			t.Fatalf("wrong current: got %v; want Invalid", err)
		}
		if s, _ := st.PublicAccount(ctx, a.ID); s.FailedLogins != 1 {
			t.Fatalf("failures %d; want 1 (a wrong current password counts)", s.FailedLogins)
		}
		at, err := w.svc.ChangePassword(ctx, a.ID, goodPassword, "另一个足够长的新的登录密码", "ip")
		if err != nil || at.IsZero() {
			t.Fatalf("change: %v", err)
		}
		if _, err := w.svc.Login(ctx, "lisi@example.cn", goodPassword, "ip"); !errors.Is(err, publicuser.ErrBadCredentials) {
			t.Fatalf("old password: got %v", err)
		}
		if _, err := w.svc.Login(ctx, "lisi@example.cn", "另一个足够长的新的登录密码", "ip"); err != nil {
			t.Fatalf("new password: %v", err)
		}
	})
}

func TestClaimAndStatus(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		a := w.register("zhangsan@example.cn")
		b := w.register("13812345678")
		rc := w.submit()
		other := w.submit()

		if _, err := w.svc.Claim(ctx, a.ID, rc.Tracking, "WRONGCODE2", "ip"); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("wrong code: got %v; want NotFound", err)
		}
		if _, err := w.svc.Claim(ctx, a.ID, "2099-9999", rc.QueryCode, "ip"); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("unknown number: got %v; want NotFound", err)
		}
		if list, _ := w.svc.Requests(ctx, a.ID); len(list) != 0 {
			t.Fatalf("a wrong code linked %v", list)
		}
		l, err := w.svc.Claim(ctx, a.ID, rc.Tracking, strings.ToLower(rc.QueryCode), "ip")
		if err != nil || l.RequestID != rc.RequestID {
			t.Fatalf("claim: got %+v, %v", l, err)
		}
		if _, err := w.svc.Claim(ctx, a.ID, rc.Tracking, rc.QueryCode, "ip"); err != nil {
			t.Fatalf("claiming again: %v", err)
		}
		if _, err := w.svc.Claim(ctx, b.ID, rc.Tracking, rc.QueryCode, "ip"); apperr.KindOf(err) != apperr.Conflict {
			t.Fatalf("claim by another account: got %v; want Conflict", err)
		}
		if err := w.svc.LinkSubmitted(ctx, b.ID, other.RequestID, "ip"); err != nil {
			t.Fatal(err)
		}
		list, err := w.svc.Requests(ctx, a.ID)
		if err != nil || len(list) != 1 || list[0].Tracking != rc.Tracking || list[0].Agency != "北仑区司法局" ||
			list[0].How != publicuser.LinkClaim || publicuser.StateLabel(list[0].State) != "待确认" {
			t.Fatalf("requests of a: %+v, %v", list, err)
		}

		got, err := w.svc.Status(ctx, a.ID, rc.RequestID)
		if err != nil {
			t.Fatal(err)
		}
		want, err := w.cw.Lookup(ctx, rc.Tracking, rc.QueryCode)
		if err != nil {
			t.Fatal(err)
		}
		if got.Tracking != want.Tracking || got.StateLabel != want.StateLabel || got.Due != want.Due ||
			got.Submitted != want.Submitted || len(got.Notices) != len(want.Notices) || got.AgencyID != want.AgencyID {
			t.Fatalf("status: got %+v; want what the lookup shows %+v", got, want)
		}
		for _, c := range []struct {
			name    string
			account int64
			request int64
		}{{"another account's request", a.ID, other.RequestID}, {"request of a seen by b", b.ID, rc.RequestID}, {"unknown request", a.ID, 99999}} {
			if _, err := w.svc.Status(ctx, c.account, c.request); !errors.Is(err, apperr.NotFound) {
				t.Errorf("%s: got %v; want NotFound", c.name, err)
			}
		}
		var claims []string
		for _, e := range w.rec.events {
			if e.Action == "public.request.claim" {
				claims = append(claims, string(e.Result))
			}
		}
		if want := []string{"fail", "fail", "ok", "denied"}; !slices.Equal(claims, want) {
			t.Fatalf("claim audit: got %v; want %v", claims, want)
		}
	})
}
