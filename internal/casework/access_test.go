package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// TestAuthorization: staff of one agency can neither read nor act on
// another agency's request by id; the supervisor reads but cannot act or
// reveal; the administrators see nothing.
func TestAuthorization(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("行政处罚决定书"),
			Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		id := rc.RequestID
		refused := []struct {
			name string
			do   func() error
			kind error
		}{
			{"other clerk reads", func() error { _, err := w.svc.Get(ctx, w.clerkB, id); return err }, apperr.NotFound},
			{"other clerk starts", func() error {
				_, err := w.svc.Step(ctx, w.clerkB, id, casework.Step{Action: request.ActStart})
				return err
			}, apperr.NotFound},
			{"other clerk reveals", func() error { _, err := w.svc.Reveal(ctx, w.clerkB, id, "核实"); return err }, apperr.NotFound},
			{"other clerk lists", func() error { _, err := w.svc.List(ctx, w.clerkB, casework.Filter{AgencyID: w.a.ID}); return err }, apperr.NotFound},
			{"other clerk appeals", func() error {
				_, err := w.svc.AddAppeal(ctx, w.clerkB, casework.Appeal{RequestID: id, Kind: casework.Review})
				return err
			}, apperr.NotFound},
			{"sysadmin reads", func() error { _, err := w.svc.Get(ctx, w.sysadm, id); return err }, apperr.NotFound},
			{"supervisor starts", func() error {
				_, err := w.svc.Step(ctx, w.super, id, casework.Step{Action: request.ActStart})
				return err
			}, apperr.Forbidden},
			{"supervisor reveals", func() error { _, err := w.svc.Reveal(ctx, w.super, id, "检查"); return err }, apperr.Forbidden},
			{"reviewer starts", func() error {
				_, err := w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActStart})
				return err
			}, apperr.Forbidden},
			{"clerk reveals without reason", func() error { _, err := w.svc.Reveal(ctx, w.clerk, id, " "); return err }, apperr.Invalid},
		}
		for _, tt := range refused {
			if err := tt.do(); !errors.Is(err, tt.kind) {
				t.Errorf("%s: err = %v; want %v", tt.name, err, tt.kind)
			}
		}
		if v, err := w.svc.Get(ctx, w.super, id); err != nil || v.Record.Tracking != rc.Tracking || len(v.Allowed) != 0 {
			t.Errorf("supervisor read: %v, allowed %v", err, v.Allowed)
		} else if v.Record.IDNumber == "11010519491231002X" {
			t.Error("supervisor sees the ID number")
		}
		if v, _ := w.svc.Get(ctx, w.combo, id); len(v.Allowed) < 3 {
			t.Errorf("a clerk+reviewer+head sees actions %v", v.Allowed)
		}
		// Nothing changed, and every refusal is in the audit log.
		if v, _ := w.svc.Get(ctx, w.clerk, id); v.Record.State != string(request.Registered) {
			t.Errorf("state changed to %s", v.Record.State)
		}
		denied, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Result: audit.ResultDenied, Limit: 100})
		if len(denied) < 9 {
			t.Errorf("%d denied audit events; want at least 9", len(denied))
		}
		// The reveal refused for want of a reason is audited too (#10 item 7).
		noReason, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.reveal", ActorLogin: "clerk", Result: audit.ResultDenied})
		if len(noReason) != 1 {
			t.Errorf("%d denied reveal events of the clerk; want 1 (the reveal without a reason)", len(noReason))
		}
	})
}

// TestPersonalData: ID numbers, phones, addresses and e-mails are
// ciphertext in the database (and absent from the history and the audit
// log), masked in views, revealed in clear to the handling agency's staff
// with an audit event.
func TestPersonalData(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		app := w.application("规划许可证")
		rc := w.rc(w.svc.Submit(ctx, app, "198.51.100.7"))
		w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, calendar.Date{}))
		secrets := []string{app.IDNumber, app.Phone, "明州路1号", app.Email}
		var cols [4]string
		row := w.st.DB().QueryRowContext(ctx, "SELECT id_number_enc, phone_enc, address_enc, email_enc FROM requests")
		if err := row.Scan(&cols[0], &cols[1], &cols[2], &cols[3]); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if !strings.HasPrefix(c, "sm4gcm:"+testKey.KeyID()+":") || strings.Contains(c, secrets[i]) {
				t.Errorf("column %d holds %q", i, c)
			}
		}
		var dump strings.Builder
		for _, q := range []string{"SELECT payload FROM request_events", "SELECT detail FROM audit_events", "SELECT body FROM notifications"} {
			rows, err := w.st.DB().QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				_ = rows.Scan(&s)
				dump.WriteString(s + "\n")
			}
			rows.Close()
		}
		for _, sec := range secrets {
			if strings.Contains(dump.String(), sec) {
				t.Errorf("%q stored in clear in history, audit or notices", sec)
			}
		}
		list, err := w.svc.List(ctx, w.clerk, casework.Filter{})
		if err != nil || len(list) != 1 || list[0].IDNumber != "1101**********002X" || list[0].Address != "浙江省宁波市北仑区新碶街道＊＊＊" ||
			list[0].Email != "z***@example.cn" {
			t.Errorf("list %+v, %v", list, err)
		}
		p, err := w.svc.Reveal(ctx, w.clerk, rc.RequestID, "邮寄答复需要完整地址")
		if err != nil || p.IDNumber != app.IDNumber || p.Address != app.Address || p.Phone != app.Phone {
			t.Fatalf("reveal %+v, %v", p, err)
		}
		evs, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.reveal", Limit: 10})
		if len(evs) != 1 || evs[0].ActorLogin != "clerk" || !strings.Contains(evs[0].Detail, "邮寄答复") {
			t.Errorf("reveal audit %+v", evs)
		}
	})
}

// TestReminders lists and notifies what is due in 5 and 1 working days
// and what is overdue, once a day.
func TestReminders(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		for _, day := range []string{"2024-03-04", "2024-03-07", "2024-03-11", "2024-03-20"} {
			w.today = d(day)
			w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("材料 " + day),
				Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		}
		// Due dates: 04-01, 04-07 (a Sunday worked for 清明), 04-09, 04-18.
		today := d("2024-04-03")
		rs, err := w.svc.Reminders(ctx, w.head, w.a.ID, today)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Record.Tracking+":"+string(r.Urgency))
			if r.Record.Phone != "138****5678" {
				t.Errorf("reminder %s phone %q; want it masked, 138****5678", r.Record.Tracking, r.Record.Phone)
			}
		}
		want := "2024-0001:overdue 2024-0002:due_in_1 2024-0003:due_in_5"
		if strings.Join(got, " ") != want {
			t.Errorf("reminders %v; want %s", got, want)
		}
		ov, err := w.svc.Overview(ctx, w.super, w.a.ID, today)
		if err != nil || ov.ByState[string(request.Registered)] != 4 || len(ov.Reminders) != 3 {
			t.Fatalf("overview %+v, %v", ov.ByState, err)
		}
		if p := ov.Reminders[0].Record.Phone; p != "138****5678" {
			t.Errorf("overview reminder phone %q; want it masked, 138****5678", p)
		}
		if _, err := w.svc.Overview(ctx, w.clerkB, w.a.ID, today); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency's overview: %v", err)
		}
		if _, err := w.svc.Reminders(ctx, w.clerkB, w.a.ID, today); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency's reminders: %v", err)
		}
		now := today.Time().Add(9 * 3600e9)
		for i, wantN := range []int{3, 0} {
			n, err := w.svc.RunReminders(ctx, now)
			if err != nil || n != wantN {
				t.Errorf("run %d: %d, %v; want %d", i+1, n, err, wantN)
			}
		}
		notes, err := w.svc.StaffNotices(ctx, w.clerk, w.a.ID, 0)
		if err != nil || len(notes) != 3 || !strings.Contains(notes[0].Body, "2024-0001") {
			t.Fatalf("staff notices %+v, %v", notes, err)
		}
		if err := w.svc.MarkNoticeRead(ctx, w.clerkB, notes[0].ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency marks read: %v", err)
		}
		if err := w.svc.MarkNoticeRead(ctx, w.clerk, notes[0].ID); err != nil {
			t.Fatal(err)
		}
		if notes, _ = w.svc.StaffNotices(ctx, w.clerk, w.a.ID, 0); notes[0].ReadAt.IsZero() || !notes[1].ReadAt.IsZero() {
			t.Errorf("read marks %v %v", notes[0].ReadAt, notes[1].ReadAt)
		}
	})
}

// TestLocalClosure: a closure the 负责人 records moves the due dates of
// the agency's open requests (and only that agency's), and its removal
// moves them back; a clerk may not record one.
func TestLocalClosure(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-03-04")
		rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("台风停工测试"),
			Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		before := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID)).Record.Due // 2024-04-01
		closure := calendar.Override{Date: d("2024-03-13"), Reason: "台风“贝碧嘉”停工"}
		if err := w.svc.SetOverride(ctx, w.clerk, closure); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("clerk sets a closure: %v", err)
		}
		if err := w.svc.SetOverride(ctx, w.head, closure); err != nil {
			t.Fatal(err)
		}
		v := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID))
		if v.Record.Due != d("2024-04-02") || v.Deadline.Due != v.Record.Due {
			t.Errorf("after the closure due %s (view %s); want 2024-04-02 (was %s)", v.Record.Due, v.Deadline.Due, before)
		}
		found := false
		for _, l := range v.Deadline.Lines {
			found = found || strings.Contains(l.Zh, "台风")
		}
		if !found {
			t.Error("the explanation does not mention the closure")
		}
		if err := w.svc.RemoveOverride(ctx, w.head, closure.Date); err != nil {
			t.Fatal(err)
		}
		if got := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID)).Record.Due; got != before {
			t.Errorf("after removal due %s; want %s", got, before)
		}
	})
}
