package casework_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/request"
)

// TestSplitRegistration walks 拆分登记 (一事一申请): one application of two
// items becomes two requests with the same receipt date, channel and query
// code, answered differently, each with its own letter; the annual report
// counts two requests and table 三 balances (regulation.md §7).
func TestSplitRegistration(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		w.today = d("2024-03-04")
		rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{
			Application: w.application("一、2023年法律援助案件数量统计；二、2023年本局公务用车购置费用"),
			Submission:  request.Submission{Channel: request.PostSigned, Submitted: d("2024-03-01"), Signed: d("2024-03-04")}}))
		w.today = d("2024-03-05")
		items := []string{"2023年法律援助案件数量统计", "2023年本局公务用车购置费用"}

		if _, err := w.svc.Step(ctx, w.clerkB, rc.RequestID, casework.Step{Action: request.ActSplit, Items: items}); !errors.Is(err, apperr.NotFound) {
			t.Errorf("another agency's clerk splits: %v; want NotFound", err)
		}
		if _, err := w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActSplit, Items: items[:1]}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("one item: %v; want Invalid", err)
		}
		if n := len(w.list()); n != 1 {
			t.Fatalf("%d requests after the refused splits; want 1 (nothing created)", n)
		}
		v := w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActSplit, Items: items}))
		if v.Record.Content != items[0] {
			t.Errorf("parent content %q; want the first item", v.Record.Content)
		}
		e := v.Events[len(v.Events)-1].Event
		if e.Action != request.ActSplit || len(e.Split) != 1 {
			t.Fatalf("split event: %+v", e)
		}
		all := w.list()
		if len(all) != 2 {
			t.Fatalf("%d requests; want 2", len(all))
		}
		child := all[1]
		if child.Tracking != e.Split[0] || child.Content != items[1] || child.Received != d("2024-03-04") ||
			child.Channel != string(request.PostSigned) || child.State != string(request.Registered) {
			t.Errorf("child: %+v", child)
		}
		// The applicant follows both with the one query code.
		if _, err := w.svc.Lookup(ctx, child.Tracking, rc.QueryCode); err != nil {
			t.Errorf("the child with the original query code: %v", err)
		}
		cv := w.v(w.svc.Get(ctx, w.clerk, child.ID))
		if from := cv.Events[0].Event.SplitFrom; from != rc.Tracking {
			t.Errorf("the child's register event says split from %q; want %s", from, rc.Tracking)
		}
		if cv.Deadline == nil || v.Deadline == nil || cv.Deadline.Due != v.Deadline.Due {
			t.Errorf("due dates differ: parent %v child %v", v.Deadline, cv.Deadline)
		}
		// The parent's receipt, sent before the split, names the whole
		// application; its reply only the item kept.
		l, err := w.svc.Letter(ctx, w.clerk, rc.RequestID, string(letter.KindReceipt))
		if err != nil || !strings.Contains(letterText(l), "公务用车") {
			t.Errorf("the receipt names %v, %v; want the whole application", l, err)
		}

		answer := func(id int64, st casework.Step) {
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart}))
			w.v(w.svc.Step(ctx, w.clerk, id, st))
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
			w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove}))
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply}))
		}
		answer(rc.RequestID, casework.Step{Action: request.ActDraft, Outcome: request.Granted, Note: "予以公开"})
		answer(child.ID, casework.Step{Action: request.ActDraft, Outcome: request.UnavailableNotHeld, Note: "经检索"})
		for id, want := range map[int64]string{rc.RequestID: items[0], child.ID: items[1]} {
			l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
			if err != nil {
				t.Fatal(err)
			}
			s := letterText(l)
			other := items[0]
			if want == items[0] {
				other = items[1]
			}
			if !strings.Contains(s, want) || strings.Contains(s, other) {
				t.Errorf("reply of %d names the wrong item:\n%s", id, s)
			}
		}
		res, n, err := w.svc.Compile(ctx, w.a.ID, w.a.Name, 2024)
		if err != nil {
			t.Fatal(err)
		}
		rq := res.Report.Requests
		if n != 2 || rq[report.New][report.ColTotal].V != 2 || rq[report.Granted][report.ColTotal].V != 1 ||
			rq[report.UnavailableNotHeld][report.ColTotal].V != 1 || rq[report.RowTotal][report.ColTotal].V != 2 {
			t.Errorf("counted %d: new %s granted %s not held %s total %s", n, rq[report.New][report.ColTotal],
				rq[report.Granted][report.ColTotal], rq[report.UnavailableNotHeld][report.ColTotal], rq[report.RowTotal][report.ColTotal])
		}
		for _, f := range report.Validate(res.Report, nil) {
			if r := f.Rule[:3]; r == "R1-" || r == "R2-" || r == "R3-" {
				t.Errorf("table 三 does not balance: %s %s", f.Rule, f.Message)
			}
		}
	})
}

// TestSplitAfterStart: 拆分登记 is a registration step; once handling has
// started it is refused and nothing is created.
func TestSplitAfterStart(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		id := w.started("一、甲；二、乙")
		_, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSplit, Items: []string{"甲", "乙"}})
		if !errors.Is(err, apperr.Conflict) {
			t.Errorf("split after start: %v; want Conflict", err)
		}
		if n := len(w.list()); n != 1 {
			t.Errorf("%d requests; want 1", n)
		}
		if !slices.Contains(casework.LettersFor(w.v(w.svc.Get(ctx, w.clerk, id)).Events), letter.KindReceipt) {
			t.Errorf("no receipt")
		}
	})
}

// list returns agency a's requests in id order.
func (w *world) list() []casework.Record {
	w.t.Helper()
	recs, err := w.svc.List(context.Background(), w.clerk, casework.Filter{AgencyID: w.a.ID})
	w.check(err)
	return recs
}

// TestSplitKeepsPublicAccount: the items split from an application filed
// from a public account (我的申请) are linked to that account too, the same
// way; an application linked to no account gives unlinked items.
func TestSplitKeepsPublicAccount(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-03-04")
		acc, err := w.st.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "k1", LoginEnc: "e1", DisplayName: "张三",
			PasswordHash: "x", CreatedAt: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, linked := range []bool{true, false} {
			rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{
				Application: w.application("一、甲；二、乙；三、丙"),
				Submission:  request.Submission{Channel: request.PostSigned, Submitted: d("2024-03-01"), Signed: d("2024-03-04")}}))
			if linked {
				if err := w.st.LinkPublicRequest(ctx, acc.ID, rc.RequestID, publicuser.LinkClaim, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			before := len(w.list())
			v := w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActSplit, Items: []string{"甲", "乙", "丙"}}))
			children := v.Events[len(v.Events)-1].Event.Split
			if len(children) != 2 || len(w.list()) != before+2 {
				t.Fatalf("split into %v", children)
			}
			for _, tr := range children {
				id, err := w.st.RequestIDByTracking(ctx, w.a.ID, tr)
				if err != nil {
					t.Fatal(err)
				}
				owner, err := w.st.PublicRequestOwner(ctx, id)
				switch {
				case linked && (err != nil || owner != acc.ID):
					t.Errorf("child %s: owner %d, %v; want account %d", tr, owner, err, acc.ID)
				case !linked && !errors.Is(err, apperr.NotFound):
					t.Errorf("child %s of an unlinked application: owner %d, %v; want none", tr, owner, err)
				}
			}
			if linked {
				reqs, err := w.st.PublicRequests(ctx, acc.ID)
				if err != nil || len(reqs) != 3 || reqs[0].How != publicuser.LinkClaim {
					t.Errorf("the account lists %+v, %v; want the parent and two children, claimed", reqs, err)
				}
			}
		}
	})
}
