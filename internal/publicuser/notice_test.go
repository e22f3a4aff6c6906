package publicuser_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// topics takes the unseen notices of account id and returns their topics.
func (w *world) topics(id int64) []string {
	w.t.Helper()
	ns, err := w.svc.TakeNotices(context.Background(), id)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Topic)
	}
	return out
}

// mails counts the mails of kind queued to address.
func (w *world) mails(address, kind string) int {
	w.t.Helper()
	n, err := w.st.MailCount(context.Background(), testKey.BlindIndex("mail:"+address), kind, w.now.Add(-48*time.Hour))
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

// TestRegisterTakenLooksNew: registering a login that has an account
// answers exactly as for a free one (no error, nothing signed in), while
// the owner is told in-app and by mail, at most three mails a day; the
// attempt is audited as denied (#10 item 7).
func TestRegisterTakenLooksNew(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.EnableMail(st, "https://gk.example.cn/")
		ctx := context.Background()
		owner := w.register("wangwu@example.cn")
		for i := range 5 {
			a, err := w.svc.Register(ctx, publicuser.Registration{Login: "WangWu@Example.CN", DisplayName: "冒名者",
				Password: goodPassword + string(rune(0x7532+i))}, "198.51.100.7")
			if err != nil || a.ID != 0 {
				t.Fatalf("taken login %d: %+v, %v; want no error and no account", i, a, err)
			}
		}
		if got := w.topics(owner.ID); !slices.Equal(got, []string{account.TopicRegistered, account.TopicRegisterTaken,
			account.TopicRegisterTaken, account.TopicRegisterTaken, account.TopicRegisterTaken, account.TopicRegisterTaken}) {
			t.Errorf("owner's notices %v", got)
		}
		if got := w.topics(owner.ID); len(got) != 0 {
			t.Errorf("notices shown twice: %v", got)
		}
		if n := w.mails("wangwu@example.cn", "account_register_taken"); n != publicuser.MaxNoticeMailsPerDay {
			t.Errorf("%d mails to the owner; want %d (the cap)", n, publicuser.MaxNoticeMailsPerDay)
		}
		if n := w.mails("wangwu@example.cn", "account_registered"); n != 1 {
			t.Errorf("%d registration mails; want 1", n)
		}
		if _, err := w.svc.Login(ctx, "wangwu@example.cn", goodPassword, "ip"); err != nil {
			t.Errorf("the owner's password changed: %v", err)
		}
		denied := 0
		for _, e := range w.rec.events {
			if e.Action == "public.register" && e.Result == audit.ResultDenied && e.ObjectID == strconv.FormatInt(owner.ID, 10) {
				denied++
			}
		}
		if denied != 5 {
			t.Errorf("%d denied registrations audited; want 5", denied)
		}
		// A mobile login gets the in-app notice only.
		m := w.register("13912345678")
		if _, err := w.svc.Register(ctx, publicuser.Registration{Login: "139 1234 5678", DisplayName: "x", Password: goodPassword + "乙"}, "ip"); err != nil {
			t.Fatal(err)
		}
		if got := w.topics(m.ID); !slices.Contains(got, account.TopicRegisterTaken) {
			t.Errorf("mobile owner's notices %v", got)
		}
	})
}

// TestLockoutNoticeAndUnlock: the failure that locks a public account
// for one address leaves the owner a notice (in-app and mail) naming the
// address; a system administrator's Unlock lifts the lock at once,
// audited public.unlock (#10 item 7).
func TestLockoutNoticeAndUnlock(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.EnableMail(st, "https://gk.example.cn")
		ctx := context.Background()
		a := w.register("zhaoliu@example.cn")
		w.topics(a.ID)
		for range 5 {
			w.svc.Login(ctx, "zhaoliu@example.cn", "wrong "+goodPassword, "203.0.113.9")
		}
		ns, err := w.svc.TakeNotices(ctx, a.ID)
		if err != nil || len(ns) != 1 || ns[0].Topic != account.TopicLockout || !strings.Contains(ns[0].Detail, "203.0.113.9") {
			t.Fatalf("notices %+v, %v; want one lockout naming the address", ns, err)
		}
		if n := w.mails("zhaoliu@example.cn", "account_lockout"); n != 1 {
			t.Errorf("%d lockout mails; want 1", n)
		}
		if _, err := w.svc.Login(ctx, "zhaoliu@example.cn", goodPassword, "203.0.113.9"); !errors.Is(err, publicuser.ErrBadCredentials) {
			t.Fatalf("locked: %v", err)
		}
		staff := audit.Actor{UserID: 7, Login: "sysadmin", IP: "10.0.0.1"}
		if _, err := w.svc.Unlock(ctx, staff, "nobody@example.cn"); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("unlock of an unknown login: %v", err)
		}
		if got, err := w.svc.Unlock(ctx, staff, " ZhaoLiu@example.cn"); err != nil || got.ID != a.ID {
			t.Fatalf("unlock: %+v, %v", got, err)
		}
		if _, err := w.svc.Login(ctx, "zhaoliu@example.cn", goodPassword, "203.0.113.9"); err != nil {
			t.Errorf("after the unlock: %v", err)
		}
		var unlock *audit.Event
		for i, e := range w.rec.events {
			if e.Action == "public.unlock" {
				unlock = &w.rec.events[i]
			}
		}
		if unlock == nil || unlock.ActorID != 7 || unlock.ObjectID != strconv.FormatInt(a.ID, 10) || !strings.Contains(unlock.Detail, "locked until") {
			t.Errorf("unlock audit %+v", unlock)
		}
	})
}
