package casework_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// world is a store with two agencies, a supervisor above both, staff in
// every role and a service whose clock the test moves.
type world struct {
	t       testing.TB
	st      *sqlstore.Store
	svc     *casework.Service
	blobs   *blob.Dir // the attachments' directory, under the sealing
	log     *audit.Log
	today   calendar.Date
	a, b    agency.Agency // 北仑区司法局, 北仑区教育局
	clerk   casework.Staffer
	rev     casework.Staffer
	head    casework.Staffer
	clerkB  casework.Staffer
	super   casework.Staffer
	sysadm  casework.Staffer
	combo   casework.Staffer // clerk+reviewer+head of a small office (agency a)
	counter int
}

var testKey = func() *pii.Keyring {
	k, err := pii.ParseKey("00112233445566778899aabbccddeeff")
	if err != nil {
		panic(err)
	}
	return pii.NewKeyring(k)
}()

func newWorld(t testing.TB, st *sqlstore.Store) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, st: st, log: &audit.Log{Store: st}, today: calendar.D(2024, 3, 4)}
	svc, err := casework.New(st, w.log, testKey)
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	dir, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w.blobs = dir
	w.svc.Blobs = blob.Seal(dir, testKey)
	w.svc.Now = func() time.Time { return w.today.Time().Add(10 * time.Hour) }
	district, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	w.a, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: district.ID, CreatedAt: time.Now()})
	w.b, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", ParentID: district.ID, CreatedAt: time.Now()})
	w.clerk = w.user(w.a.ID, "clerk", nil, account.Clerk)
	w.rev = w.user(w.a.ID, "rev", nil, account.Reviewer)
	w.head = w.user(w.a.ID, "head", nil, account.Head)
	w.clerkB = w.user(w.b.ID, "clerkb", nil, account.Clerk)
	w.super = w.user(district.ID, "super", []int64{district.ID, w.a.ID, w.b.ID}, account.Supervisor)
	w.sysadm = w.user(district.ID, "sysadm", nil, account.SysAdmin)
	w.combo = w.user(w.a.ID, "combo", nil, account.Clerk, account.Reviewer, account.Head)
	return w
}

func (w *world) user(agencyID int64, login string, scope []int64, roles ...account.Role) casework.Staffer {
	w.t.Helper()
	u, err := w.st.CreateUser(context.Background(), account.User{AgencyID: agencyID, Login: login, Roles: roles,
		PasswordHash: "$argon2id$test", PasswordChangedAt: time.Now(), CreatedAt: time.Now()})
	if err != nil {
		w.t.Fatalf("create user %s: %v", login, err)
	}
	return casework.Staffer{Subject: auth.NewSubject(u, scope), IP: "127.0.0.1"}
}

// application returns a valid application of a natural person.
func (w *world) application(content string) casework.Application {
	return casework.Application{AgencyID: w.a.ID, ApplicantType: "natural_person", Name: "张三",
		IDNumber: "11010519491231002X", Phone: "13812345678", Address: "浙江省宁波市北仑区新碶街道明州路1号",
		Email: "zhangsan@example.cn", Content: content, Form: "电子", Delivery: casework.DeliveryPost}
}

func (w *world) check(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) v(v casework.View, err error) casework.View { w.t.Helper(); w.check(err); return v }

func (w *world) rc(r casework.Receipt, err error) casework.Receipt {
	w.t.Helper()
	w.check(err)
	return r
}

func (w *world) h(h casework.Hints, err error) casework.Hints { w.t.Helper(); w.check(err); return h }

func (w *world) pv(v casework.PublicView, err error) casework.PublicView {
	w.t.Helper()
	w.check(err)
	return v
}

func (w *world) reg(r casework.Receipt, _ casework.Hints, err error) casework.Receipt {
	w.t.Helper()
	w.check(err)
	return r
}

func run(t *testing.T, fn func(t *testing.T, w *world)) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) { fn(t, newWorld(t, st)) })
}

func casework_Filter(agencyID int64) casework.Filter { return casework.Filter{AgencyID: agencyID} }
