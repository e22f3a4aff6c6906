package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestMailOutbox(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		r, err := s.CreateRequest(ctx, newRecord(a.ID, "2024-0001"))
		if err != nil {
			t.Fatal(err)
		}
		m := casework.Mail{AgencyID: a.ID, RequestID: r.ID, Kind: "start", RecipientEnc: "sm4gcm:k:CIPHER", RecipientKey: "blind1",
			Subject: "政府信息公开申请 2024-0001 办理通知", Body: "您好：\n已开始办理。", CreatedAt: testNow}
		// Rolled back with its transaction: no mail without its notice.
		boom := errors.New("boom")
		if err := s.InTx(ctx, func(ctx context.Context) error {
			if err := s.EnqueueMail(ctx, m); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatalf("InTx = %v", err)
		}
		if err := s.InTx(ctx, func(ctx context.Context) error { return s.EnqueueMail(ctx, m) }); err != nil {
			t.Fatal(err)
		}
		now := testNow.Add(time.Second)
		if due, err := s.DueMail(ctx, now.Add(-time.Hour), 10); err != nil || len(due) != 0 {
			t.Fatalf("DueMail before it was queued = %v, %v", due, err)
		}
		due, err := s.DueMail(ctx, now, 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("DueMail = %v, %v; want the committed mail only", due, err)
		}
		q := due[0]
		if q.RequestID != r.ID || q.AgencyID != a.ID || q.RecipientEnc != m.RecipientEnc || q.Subject != m.Subject ||
			q.Body != m.Body || q.Kind != "start" || q.Attempts != 0 || q.CreatedAt.IsZero() {
			t.Fatalf("queued = %+v", q)
		}
		steps := []struct {
			name string
			do   func() error
			at   time.Time // when DueMail is asked
			due  int
		}{
			{"claimed", func() error {
				ok, err := s.ClaimMail(ctx, q.ID, 0, now.Add(time.Minute))
				if err == nil && !ok {
					err = errors.New("not claimed")
				}
				return err
			}, now, 0},
			{"failed, retry in 10m", func() error { return s.MailFailed(ctx, q.ID, now.Add(10*time.Minute), "451 later") }, now.Add(9 * time.Minute), 0},
			{"due after the backoff", func() error { return nil }, now.Add(10 * time.Minute), 1},
			{"stale claim refused", func() error {
				if ok, err := s.ClaimMail(ctx, q.ID, 0, now.Add(time.Hour)); err != nil || ok {
					return errors.New("a claim with an old attempt count succeeded")
				}
				return nil
			}, now.Add(10 * time.Minute), 1},
			{"sent", func() error {
				if ok, err := s.ClaimMail(ctx, q.ID, 1, now.Add(11*time.Minute)); err != nil || !ok {
					return errors.New("second claim failed")
				}
				return s.MailSent(ctx, q.ID, now.Add(10*time.Minute))
			}, now.Add(24 * time.Hour), 0},
			{"failure after sending ignored", func() error { return s.MailFailed(ctx, q.ID, now.Add(time.Hour), "late") }, now.Add(24 * time.Hour), 0},
		}
		for _, st := range steps {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if due, err := s.DueMail(ctx, st.at, 10); err != nil || len(due) != st.due {
				t.Fatalf("%s: DueMail = %d, %v; want %d", st.name, len(due), err, st.due)
			}
		}
		ms, err := s.RequestMail(ctx, r.ID)
		if err != nil || len(ms) != 1 {
			t.Fatalf("RequestMail = %v, %v", ms, err)
		}
		if got := ms[0]; got.Attempts != 2 || got.SentAt.IsZero() || !got.NextAttempt.IsZero() || got.LastError != "" {
			t.Errorf("sent mail = %+v", got)
		}
		// Given up: neither sent nor due.
		if err := s.EnqueueMail(ctx, m); err != nil {
			t.Fatal(err)
		}
		due, _ = s.DueMail(ctx, now, 10)
		if len(due) != 1 {
			t.Fatalf("due = %v", due)
		}
		gaveUp := due[0].ID
		if err := s.MailFailed(ctx, gaveUp, time.Time{}, "550 no such user"); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueMail(ctx, now.Add(365*24*time.Hour), 10); len(due) != 0 {
			t.Errorf("a given-up mail is due: %v", due)
		}
		if ok, _ := s.ClaimMail(ctx, gaveUp, 1, now); ok {
			t.Error("a given-up mail was claimed")
		}
		counts := []struct {
			key, kind string
			since     time.Time
			want      int
		}{
			{"blind1", "start", now.Add(-time.Hour), 2}, // the rolled-back one does not count
			{"blind1", "submitted", now.Add(-time.Hour), 0},
			{"blind2", "start", now.Add(-time.Hour), 0},
			{"blind1", "start", now.Add(time.Hour), 0},
		}
		for _, c := range counts {
			if n, err := s.MailCount(ctx, c.key, c.kind, c.since); err != nil || n != c.want {
				t.Errorf("MailCount(%s, %s) = %d, %v; want %d", c.key, c.kind, n, err, c.want)
			}
		}
		if ms, _ := s.RequestMail(ctx, r.ID); len(ms) != 2 || ms[0].RecipientKey != "blind1" {
			t.Errorf("RequestMail = %+v", ms)
		}
	})
}
