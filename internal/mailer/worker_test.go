package mailer_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/mailer"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// outboxWorld is a store with one agency, a casework service with e-mail
// on, an SMTP server and a worker whose clock the test moves.
type outboxWorld struct {
	st    *sqlstore.Store
	svc   *casework.Service
	srv   *smtpd
	w     *mailer.Worker
	clock time.Time
	logs  *bytes.Buffer
	ag    agency.Agency
}

func newOutboxWorld(t *testing.T, st *sqlstore.Store) *outboxWorld {
	t.Helper()
	key, err := pii.ParseKey("00112233445566778899aabbccddeeff")
	if err != nil {
		t.Fatal(err)
	}
	o := &outboxWorld{st: st, srv: newSMTPD(t, false), clock: time.Now().Add(time.Minute), logs: &bytes.Buffer{}}
	if o.ag, err = st.CreateAgency(context.Background(), agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	svc, err := casework.New(st, &audit.Log{Store: st}, pii.NewKeyring(key))
	if err != nil {
		t.Fatal(err)
	}
	o.svc = svc
	o.svc.EnableMail(st, "https://gk.example.gov.cn")
	o.w = &mailer.Worker{Outbox: st, Open: o.svc.OpenRecipient, Now: func() time.Time { return o.clock },
		Sender: &mailer.Sender{Addr: o.srv.Addr, From: "北仑区司法局 <gk@example.gov.cn>", Timeout: 5 * time.Second},
		Log:    slog.New(slog.NewTextHandler(o.logs, nil))}
	return o
}

func (o *outboxWorld) submit(t *testing.T) casework.Receipt {
	t.Helper()
	rc, err := o.svc.Submit(context.Background(), casework.Application{AgencyID: o.ag.ID, ApplicantType: "natural_person",
		Name: "张三", IDNumber: "11010519491231002X", Phone: "13812345678", Email: "zhangsan@example.cn",
		Content: "某小区规划许可文件", Form: "电子", Delivery: "电子邮件"}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

func (o *outboxWorld) pass(t *testing.T) mailer.Pass {
	t.Helper()
	p, err := o.w.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWorkerRetriesThenDelivers(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		o := newOutboxWorld(t, st)
		rc := o.submit(t)
		o.srv.failNext(1, "451 4.3.0 <zhangsan@example.cn> greylisted, try later")
		if p := o.pass(t); p != (mailer.Pass{Failed: 1}) {
			t.Fatalf("first pass = %+v; want one failure", p)
		}
		if p := o.pass(t); p != (mailer.Pass{}) {
			t.Fatalf("pass before the backoff = %+v; want nothing due", p)
		}
		ms, err := st.RequestMail(context.Background(), rc.RequestID)
		if err != nil || len(ms) != 1 {
			t.Fatalf("RequestMail = %v, %v", ms, err)
		}
		if m := ms[0]; m.Attempts != 1 || !m.SentAt.IsZero() || m.NextAttempt.Before(o.clock.Add(mailer.Backoff(1)-time.Second)) ||
			!strings.Contains(m.LastError, "451") || strings.Contains(m.LastError, "zhangsan@") {
			t.Errorf("after a failure: attempts %d next %v (clock %v) error %q", m.Attempts, m.NextAttempt, o.clock, m.LastError)
		}
		o.clock = o.clock.Add(mailer.Backoff(1) + time.Second)
		if p := o.pass(t); p != (mailer.Pass{Sent: 1}) {
			t.Fatalf("pass after the backoff = %+v; want one sent", p)
		}
		if p := o.pass(t); p != (mailer.Pass{}) {
			t.Fatalf("pass after delivery = %+v; want nothing", p)
		}
		got := o.srv.received()
		if len(got) != 1 || got[0].To != "zhangsan@example.cn" || got[0].From != "gk@example.gov.cn" {
			t.Fatalf("received = %+v", got)
		}
		d := decode(t, got[0].Data)
		for _, want := range []string{"已收到", rc.Tracking, "https://gk.example.gov.cn/apply/status", "查询码不会通过邮件发送"} {
			if !strings.Contains(d.Body, want) {
				t.Errorf("mail body lacks %q:\n%s", want, d.Body)
			}
		}
		for _, secret := range []string{rc.QueryCode, "11010519491231002X", "13812345678", "张三"} {
			if strings.Contains(d.Body, secret) || strings.Contains(d.Subject, secret) {
				t.Errorf("mail carries %q", secret)
			}
		}
		ms, _ = st.RequestMail(context.Background(), rc.RequestID)
		if m := ms[0]; m.Attempts != 2 || m.SentAt.IsZero() || !m.NextAttempt.IsZero() || m.LastError != "" {
			t.Errorf("after delivery: %+v", m)
		}
		logs := o.logs.String()
		if strings.Contains(logs, "zhangsan@example.cn") || !strings.Contains(logs, "z***@example.cn") ||
			!strings.Contains(logs, "mail sent") || !strings.Contains(logs, "will retry") {
			t.Errorf("logs must name the recipient masked only:\n%s", logs)
		}
	})
}

func TestWorkerGivesUp(t *testing.T) {
	tests := []struct {
		name   string
		reply  string
		passes int // passes (each after the backoff) until it gives up
	}{
		{"permanent reply", "550 5.1.1 <zhangsan@example.cn>: no such user", 1},
		{"attempts cap", "451 4.3.0 try later", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
				o := newOutboxWorld(t, st)
				o.w.MaxAttempts = 3
				rc := o.submit(t)
				o.srv.failNext(100, tt.reply)
				for i := 1; i <= tt.passes; i++ {
					p := o.pass(t)
					want := mailer.Pass{Failed: 1}
					if i == tt.passes {
						want = mailer.Pass{GaveUp: 1}
					}
					if p != want {
						t.Fatalf("pass %d = %+v; want %+v", i, p, want)
					}
					o.clock = o.clock.Add(7 * time.Hour)
				}
				if p := o.pass(t); p != (mailer.Pass{}) {
					t.Fatalf("pass after giving up = %+v; want nothing", p)
				}
				ms, _ := st.RequestMail(context.Background(), rc.RequestID)
				if m := ms[0]; m.Attempts != tt.passes || !m.SentAt.IsZero() || !m.NextAttempt.IsZero() || m.LastError == "" ||
					strings.Contains(m.LastError, "zhangsan@") {
					t.Errorf("given up: attempts %d next %v error %q", m.Attempts, m.NextAttempt, m.LastError)
				}
				if len(o.srv.received()) != 0 {
					t.Error("a refused mail arrived")
				}
			})
		})
	}
}

func TestClaimMailOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		o := newOutboxWorld(t, st)
		o.submit(t)
		ctx := context.Background()
		due, err := st.DueMail(ctx, o.clock, 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("DueMail = %v, %v", due, err)
		}
		first, err := st.ClaimMail(ctx, due[0].ID, due[0].Attempts, o.clock.Add(time.Minute))
		if err != nil || !first {
			t.Fatalf("first claim = %v, %v", first, err)
		}
		second, err := st.ClaimMail(ctx, due[0].ID, due[0].Attempts, o.clock.Add(time.Minute))
		if err != nil || second {
			t.Fatalf("second claim of the same attempt = %v, %v; want false", second, err)
		}
		if due, _ := st.DueMail(ctx, o.clock, 10); len(due) != 0 {
			t.Errorf("a claimed mail is due again within its lease: %v", due)
		}
	})
}

// BenchmarkWorkerSend measures the worker draining the outbox on SQLite
// into the test relay over loopback: per mail one claim, one SMTP
// conversation (a new connection) and one update.
func BenchmarkWorkerSend(b *testing.B) {
	st := sqlstoretest.Open(b, sqlstoretest.SQLite)
	key, _ := pii.ParseKey("00112233445566778899aabbccddeeff")
	kr := pii.NewKeyring(key)
	ctx := context.Background()
	ag, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	sealed, err := kr.Seal("zhangsan@example.cn")
	if err != nil {
		b.Fatal(err)
	}
	srv := newSMTPD(b, false)
	w := &mailer.Worker{Outbox: st, Open: kr.Open, Now: func() time.Time { return time.Now().Add(time.Minute) },
		Sender: &mailer.Sender{Addr: srv.Addr, From: "gk@example.gov.cn", Timeout: 5 * time.Second}, Batch: 1}
	for b.Loop() {
		b.StopTimer()
		if err := st.EnqueueMail(ctx, casework.Mail{AgencyID: ag.ID, RecipientEnc: sealed, Subject: "政府信息公开申请 2024-0001 办理通知",
			Body: strings.Repeat("您的申请（编号 2024-0001）已开始办理。\n", 5), CreatedAt: time.Now()}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if p, err := w.RunOnce(ctx); err != nil || p.Sent != 1 {
			b.Fatalf("RunOnce = %+v, %v", p, err)
		}
	}
}
