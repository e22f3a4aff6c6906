package casework_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
)

// TestTimesFromServiceClock: every time casework stores (a request's
// creation and last change, its events, notices, mails, attachments and
// appeals) is the service clock's, not the machine's: the world's clock
// stands in March 2024 and moves only when the test moves it.
func TestTimesFromServiceClock(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.EnableMail(w.st, "https://gk.example.gov.cn/")
		w.today = d("2024-03-01")
		submitted := w.svc.Now()
		app := w.application("某小区规划许可文件")
		app.Files = []casework.File{w.stage("身份证明.pdf", "application/pdf", []byte("%PDF-1.7\n"))}
		rc := w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
		w.today = d("2024-03-04")
		confirmed := w.svc.Now()
		w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, calendar.Date{}))
		ap, err := w.svc.AddAppeal(ctx, w.clerk, casework.Appeal{RequestID: rc.RequestID, Kind: casework.Review, Filed: d("2024-03-04")})
		w.check(err)

		same := func(what string, got, want time.Time) {
			t.Helper()
			if !got.Equal(want) {
				t.Errorf("%s = %v; want the service clock's %v", what, got, want)
			}
		}
		v := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID))
		same("request created", v.Record.CreatedAt, submitted)
		same("request updated", v.Record.UpdatedAt, confirmed)
		evs, err := w.st.RequestEvents(ctx, rc.RequestID)
		w.check(err)
		if len(evs) == 0 {
			t.Fatal("no events")
		}
		same("confirmation event", evs[len(evs)-1].Event.At, confirmed)
		ns := w.notices(rc.RequestID, casework.ToApplicant)
		if len(ns) < 2 {
			t.Fatalf("%d notices; want the receipt and the confirmation", len(ns))
		}
		same("receipt notice", ns[0].CreatedAt, submitted)
		same("confirmation notice", ns[len(ns)-1].CreatedAt, confirmed)
		mails, err := w.st.RequestMail(ctx, rc.RequestID)
		w.check(err)
		if len(mails) != len(ns) {
			t.Fatalf("%d mails for %d notices", len(mails), len(ns))
		}
		same("receipt mail", mails[0].CreatedAt, submitted)
		same("receipt mail due", mails[0].NextAttempt, submitted)
		as, err := w.st.Attachments(ctx, rc.RequestID)
		w.check(err)
		if len(as) != 1 {
			t.Fatalf("%d attachments", len(as))
		}
		same("attachment", as[0].CreatedAt, submitted)
		same("appeal", ap.CreatedAt, confirmed)
		aps, err := w.st.Appeals(ctx, rc.RequestID)
		w.check(err)
		if len(aps) != 1 {
			t.Fatalf("%d appeals", len(aps))
		}
		same("stored appeal", aps[0].CreatedAt, confirmed)
	})
}
