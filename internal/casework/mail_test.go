package casework_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestMailQueuedWithNotices(t *testing.T) {
	tests := []struct {
		name   string
		enable bool
		email  string
		want   bool // mails queued
	}{
		{"mail on, applicant gave an address", true, "zhangsan@example.cn", true},
		{"mail off", false, "zhangsan@example.cn", false},
		{"mail on, no address", true, "", false},
		{"mail on, unusable address", true, "zhangsan at example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, func(t *testing.T, w *world) {
				ctx := context.Background()
				if tt.enable {
					w.svc.EnableMail(w.st, "https://gk.example.gov.cn/")
				}
				app := w.application("某小区规划许可文件")
				app.Email = tt.email
				if tt.email == "zhangsan at example" {
					// An address no notice can reach is refused at
					// submission, with a field error (#10 item 7).
					if _, err := w.svc.Submit(ctx, app, "192.0.2.1"); !errors.Is(err, apperr.Invalid) {
						t.Fatalf("unusable address: %v; want Invalid", err)
					}
					return
				}
				rc := w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
				w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, calendar.Date{}))
				mails, err := w.st.RequestMail(ctx, rc.RequestID)
				w.check(err)
				notes, err := w.st.Notifications(ctx, casework.NotificationFilter{RequestID: rc.RequestID, Audience: casework.ToApplicant})
				w.check(err)
				if !tt.want {
					if len(mails) != 0 {
						t.Fatalf("%d mails queued; want none", len(mails))
					}
					return
				}
				if len(notes) < 2 || len(mails) != len(notes) {
					t.Fatalf("%d notices, %d mails; want one mail per applicant notice (at least 2)", len(notes), len(mails))
				}
				var raw []string
				rows, err := w.st.DB().QueryContext(ctx, "SELECT recipient_enc FROM mail_outbox WHERE request_id = "+itoa64(rc.RequestID))
				w.check(err)
				for rows.Next() {
					var s string
					w.check(rows.Scan(&s))
					raw = append(raw, s)
				}
				w.check(rows.Err())
				rows.Close()
				if len(raw) != len(mails) {
					t.Fatalf("raw rows = %d", len(raw))
				}
				for i, m := range mails {
					if strings.Contains(raw[i], "zhangsan") || strings.Contains(raw[i], "example.cn") || !strings.HasPrefix(raw[i], "sm4gcm:") {
						t.Errorf("recipient stored as %q; want pii ciphertext", raw[i])
					}
					if got, err := w.svc.OpenRecipient(m.RecipientEnc); err != nil || got != tt.email {
						t.Errorf("OpenRecipient = %q, %v", got, err)
					}
					if !strings.Contains(m.Body, notes[i].Body) || !strings.Contains(m.Body, rc.Tracking) ||
						!strings.Contains(m.Body, "https://gk.example.gov.cn/apply/status") || !strings.Contains(m.Subject, rc.Tracking) {
						t.Errorf("mail %d = %q / %q; want the notice %q, the tracking number and the status page", i, m.Subject, m.Body, notes[i].Body)
					}
					if !strings.HasPrefix(m.Body, "您好") {
						t.Errorf("mail %d does not start in Chinese: %q", i, m.Body)
					}
					for _, secret := range []string{rc.QueryCode, app.IDNumber, app.Phone, app.Name, "新碶街道", tt.email} {
						if strings.Contains(m.Body, secret) || strings.Contains(m.Subject, secret) {
							t.Errorf("mail %d carries %q:\n%s", i, secret, m.Body)
						}
					}
					if !m.SentAt.IsZero() || m.NextAttempt.IsZero() || m.Attempts != 0 {
						t.Errorf("mail %d state = sent %v next %v attempts %d; want due now", i, m.SentAt, m.NextAttempt, m.Attempts)
					}
				}
			})
		})
	}
}

func itoa64(n int64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		if n /= 10; n == 0 {
			return string(b[i:])
		}
	}
}

// BenchmarkSubmitMail measures durable online submissions on SQLite with
// e-mail off and on: on, each also opens the sealed address and queues a
// mail in the same transaction.
func BenchmarkSubmitMail(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("mail=%v", on), func(b *testing.B) {
			st := sqlstoretest.Open(b, sqlstoretest.SQLite)
			ctx := context.Background()
			ag, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", CreatedAt: time.Now()})
			if err != nil {
				b.Fatal(err)
			}
			svc, err := casework.New(st, &audit.Log{Store: st}, testKey)
			if err != nil {
				b.Fatal(err)
			}
			if on {
				svc.EnableMail(st, "https://gk.example.gov.cn")
			}
			app := casework.Application{AgencyID: ag.ID, ApplicantType: "natural_person", Name: "张三",
				IDNumber: "11010519491231002X", Content: "某小区房屋征收补偿方案", Delivery: "电子邮件", Email: "a@example.cn"}
			for b.Loop() {
				if _, err := svc.Submit(ctx, app, "192.0.2.1"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestReceiptMailsLimitedPerAddress(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.EnableMail(w.st, "https://gk.example.gov.cn")
		mails := func(id int64) int {
			t.Helper()
			ms, err := w.st.RequestMail(ctx, id)
			w.check(err)
			return len(ms)
		}
		var last casework.Receipt
		for i := range casework.MaxReceiptMailsPerDay + 1 {
			app := w.application(fmt.Sprintf("某小区规划许可文件 %d", i))
			app.Email = []string{"Victim@Example.cn", "victim@example.cn "}[i%2]
			last = w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
			want := 1
			if i == casework.MaxReceiptMailsPerDay {
				want = 0
			}
			if got := mails(last.RequestID); got != want {
				t.Fatalf("submission %d: %d receipt mails; want %d", i+1, got, want)
			}
		}
		notes, err := w.st.Notifications(ctx, casework.NotificationFilter{RequestID: last.RequestID, Audience: casework.ToApplicant})
		w.check(err)
		if len(notes) != 1 {
			t.Fatalf("the over-limit submission has %d in-app notices; want its receipt", len(notes))
		}
		other := w.application("另一申请")
		other.Email = "someone@example.cn"
		if rc := w.rc(w.svc.Submit(ctx, other, "192.0.2.1")); mails(rc.RequestID) != 1 {
			t.Error("another address was limited too")
		}
		w.h(w.svc.Confirm(ctx, w.clerk, last.RequestID, calendar.Date{}))
		if got := mails(last.RequestID); got != 1 {
			t.Errorf("after staff confirmed: %d mails; want the step's notice mailed despite the receipt limit", got)
		}
	})
}

func TestMailTextGolden(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	w := newWorld(t, st)
	ctx := context.Background()
	w.svc.EnableMail(w.st, "https://gk.example.gov.cn/")
	rc := w.rc(w.svc.Submit(ctx, w.application("某小区规划许可文件"), "192.0.2.1"))
	w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, calendar.Date{}))
	ms, err := w.st.RequestMail(ctx, rc.RequestID)
	w.check(err)
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "=== %s\nSubject: %s\n\n%s\n", m.Kind, m.Subject, m.Body)
	}
	golden.CheckString(t, filepath.Join("testdata", "mail.golden"), b.String())
}
