package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func newRecord(agencyID int64, tracking string) casework.Record {
	return casework.Record{AgencyID: agencyID, Tracking: tracking, QueryHash: "h-" + tracking, Origin: casework.Staff,
		Channel: string(request.InPerson), Submitted: calendar.D(2024, 3, 1), Received: calendar.D(2024, 3, 1),
		ApplicantType: request.NaturalPerson, ApplicantName: "王某", ApplicantKey: "k1", IDNumber: "sm4gcm:x:AAAA",
		Content: "某路段拓宽工程的环境影响评价文件", State: string(request.Registered), Due: calendar.D(2024, 3, 29),
		CreatedAt: testNow}
}

func TestRequestStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		b := mustAgency(t, s, "北仑区教育局", 0)

		r, err := s.CreateRequest(ctx, newRecord(a.ID, "2024-0001"))
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.CreatedAt.IsZero() {
			t.Fatalf("created %+v", r)
		}
		t.Run("round trip", func(t *testing.T) {
			got, err := s.Request(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := newRecord(a.ID, "2024-0001")
			if got.Tracking != want.Tracking || got.Received != want.Received || got.Due != want.Due ||
				got.ApplicantType != want.ApplicantType || got.IDNumber != want.IDNumber || got.Content != want.Content ||
				!got.Ended.IsZero() || got.Origin != casework.Staff {
				t.Errorf("got %+v; want %+v", got, want)
			}
		})
		t.Run("tracking unique per agency", func(t *testing.T) {
			if _, err := s.CreateRequest(ctx, newRecord(a.ID, "2024-0001")); !errors.Is(err, apperr.Conflict) {
				t.Errorf("duplicate tracking: err = %v; want Conflict", err)
			}
			if _, err := s.CreateRequest(ctx, newRecord(b.ID, "2024-0001")); err != nil {
				t.Errorf("same number in another agency: %v", err)
			}
			rs, err := s.RequestsByTracking(ctx, "2024-0001")
			if err != nil || len(rs) != 2 {
				t.Errorf("RequestsByTracking = %d, %v; want 2", len(rs), err)
			}
		})
		t.Run("outcome and ended together", func(t *testing.T) {
			bad := r
			bad.Outcome = request.Granted
			if err := s.UpdateRequest(ctx, bad); !errors.Is(err, apperr.Invalid) {
				t.Errorf("outcome without ended date: err = %v; want Invalid", err)
			}
		})
		t.Run("update", func(t *testing.T) {
			u := r
			u.State, u.Outcome, u.Ended, u.Extended, u.Fee = string(request.Replied), request.Granted, calendar.D(2024, 3, 20), true, "100"
			u.UpdatedAt = testNow.Add(time.Hour)
			if err := s.UpdateRequest(ctx, u); err != nil {
				t.Fatal(err)
			}
			got, _ := s.Request(ctx, r.ID)
			if got.State != u.State || got.Outcome != request.Granted || got.Ended != u.Ended || !got.Extended || got.Fee != "100" ||
				!got.CreatedAt.Equal(testNow) || !got.UpdatedAt.Equal(u.UpdatedAt) {
				t.Errorf("after update %+v", got)
			}
			if err := s.UpdateRequest(ctx, casework.Record{ID: 99999, State: "x", UpdatedAt: testNow}); !errors.Is(err, apperr.NotFound) {
				t.Errorf("update missing: %v", err)
			}
			if _, err := s.Request(ctx, 99999); !errors.Is(err, apperr.NotFound) {
				t.Errorf("get missing: %v", err)
			}
		})
		t.Run("list", func(t *testing.T) {
			// Agencies and tracking numbers of its own: the list does not
			// depend on what the other subtests add or change.
			c := mustAgency(t, s, "北仑区住建局", 0)
			d := mustAgency(t, s, "北仑区卫健局", 0)
			before, err := s.ListRequests(ctx, casework.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			replied, err := s.CreateRequest(ctx, newRecord(c.ID, "2023-0001"))
			if err != nil {
				t.Fatal(err)
			}
			replied.State, replied.Outcome, replied.Ended, replied.UpdatedAt = string(request.Replied), request.Granted, calendar.D(2024, 3, 20), testNow
			if err := s.UpdateRequest(ctx, replied); err != nil {
				t.Fatal(err)
			}
			r2 := newRecord(c.ID, "2023-0002")
			r2.Received = calendar.D(2025, 1, 5)
			if _, err := s.CreateRequest(ctx, r2); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateRequest(ctx, newRecord(d.ID, "2023-0001")); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name string
				f    casework.Filter
				want int
			}{
				{"agency", casework.Filter{AgencyID: c.ID}, 2},
				{"open", casework.Filter{AgencyID: c.ID, OpenOnly: true}, 1},
				{"received to", casework.Filter{AgencyID: c.ID, ReceivedTo: calendar.D(2024, 12, 31)}, 1},
				{"states", casework.Filter{AgencyID: c.ID, States: []string{string(request.Registered), "x"}}, 1},
				{"limit", casework.Filter{Limit: 1}, 1},
				{"all", casework.Filter{}, len(before) + 3},
				{"trackings", casework.Filter{AgencyID: c.ID, Trackings: []string{"2023-0002", "2099-0001"}}, 1},
				{"trackings in any agency", casework.Filter{Trackings: []string{"2023-0001"}}, 2},
				{"no trackings", casework.Filter{AgencyID: c.ID, Trackings: []string{}}, 0},
				{"trackings in chunks", casework.Filter{AgencyID: c.ID, Trackings: manyTrackings(1200, "2023-0001", "2023-0002")}, 2},
				{"trackings in chunks, limited", casework.Filter{Trackings: manyTrackings(1200, "2023-0001", "2023-0002"), Limit: 2}, 2},
			}
			for _, tt := range tests {
				got, err := s.ListRequests(ctx, tt.f)
				if err != nil || len(got) != tt.want {
					t.Errorf("%s: %d, %v; want %d", tt.name, len(got), err, tt.want)
				}
			}
			hist, err := s.ApplicantRequests(ctx, c.ID, "k1")
			if err != nil || len(hist) != 2 || hist[0].Tracking != "2023-0001" {
				t.Errorf("ApplicantRequests = %v, %v", hist, err)
			}
		})
		t.Run("events append-only", func(t *testing.T) {
			e := request.Event{Action: request.ActRegister, On: calendar.D(2024, 3, 1), Note: "当面",
				Applicant: request.Applicant{Type: request.NaturalPerson, Name: "王某"}, Channel: request.InPerson, Content: "x",
				At: testNow}
			if err := s.AppendRequestEvent(ctx, r.ID, casework.StoredEvent{Seq: 1, ActorID: 0, ActorLogin: "cli", Event: e}); err != nil {
				t.Fatal(err)
			}
			if err := s.AppendRequestEvent(ctx, r.ID, casework.StoredEvent{Seq: 1, Event: e}); !errors.Is(err, apperr.Conflict) {
				t.Errorf("same seq twice: %v; want Conflict", err)
			}
			evs, err := s.RequestEvents(ctx, r.ID)
			if err != nil || len(evs) != 1 || evs[0].Event.On != e.On || evs[0].Event.Applicant.Name != "王某" || evs[0].ActorLogin != "cli" {
				t.Fatalf("events = %+v, %v", evs, err)
			}
			for _, q := range []string{"UPDATE request_events SET action = 'x'", "DELETE FROM request_events"} {
				if _, err := s.DB().ExecContext(ctx, q); err == nil {
					t.Errorf("%s: allowed", q)
				}
			}
		})
		t.Run("tracking counter", func(t *testing.T) {
			var wg sync.WaitGroup
			got := make([]int, 20)
			for i := range got {
				wg.Add(1)
				go func() {
					defer wg.Done()
					err := s.InTx(ctx, func(ctx context.Context) error {
						n, err := s.NextTracking(ctx, a.ID, 2026)
						got[i] = n
						return err
					})
					if err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			seen := map[int]bool{}
			for _, n := range got {
				if n < 1 || n > 20 || seen[n] {
					t.Fatalf("numbers %v: not 1–20 without repeats", got)
				}
				seen[n] = true
			}
			if n, _ := s.NextTracking(ctx, b.ID, 2026); n != 1 {
				t.Errorf("other agency starts at %d; want 1", n)
			}
		})
		t.Run("attachments", func(t *testing.T) {
			at, err := s.AddAttachment(ctx, casework.Attachment{RequestID: r.ID, Name: "身份证明.pdf", ContentType: "application/pdf", Size: 1234, SHA256: "ab",
				CreatedAt: testNow})
			if err != nil || at.ID == 0 {
				t.Fatal(err)
			}
			as, err := s.Attachments(ctx, r.ID)
			if err != nil || len(as) != 1 || as[0].Size != 1234 || as[0].Name != "身份证明.pdf" {
				t.Errorf("attachments = %+v, %v", as, err)
			}
		})
		t.Run("calendar overrides", func(t *testing.T) {
			d := calendar.D(2024, 7, 1)
			if err := s.SetCalendarOverride(ctx, a.ID, calendar.Override{Date: d, Reason: "台风停工"}, testNow); err != nil {
				t.Fatal(err)
			}
			if err := s.SetCalendarOverride(ctx, a.ID, calendar.Override{Date: d, Open: true, Reason: "补班"}, testNow); err != nil {
				t.Fatal(err)
			}
			os, err := s.CalendarOverrides(ctx, a.ID)
			if err != nil || len(os) != 1 || !os[0].Open || os[0].Reason != "补班" || os[0].Date != d {
				t.Errorf("overrides = %+v, %v", os, err)
			}
			if os, _ := s.CalendarOverrides(ctx, b.ID); len(os) != 0 {
				t.Errorf("other agency sees %v", os)
			}
			if err := s.DeleteCalendarOverride(ctx, a.ID, d); err != nil {
				t.Fatal(err)
			}
			if os, _ := s.CalendarOverrides(ctx, a.ID); len(os) != 0 {
				t.Errorf("after delete %v", os)
			}
		})
		t.Run("appeals", func(t *testing.T) {
			ap, err := s.AddAppeal(ctx, casework.Appeal{RequestID: r.ID, Kind: casework.Review, Filed: calendar.D(2024, 4, 1), CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			ap.Concluded, ap.Result = calendar.D(2024, 6, 1), casework.Upheld
			if err := s.UpdateAppeal(ctx, ap); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddAppeal(ctx, casework.Appeal{RequestID: r.ID, Kind: "bad", CreatedAt: testNow}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("bad kind: %v", err)
			}
			if _, err := s.AddAppeal(ctx, casework.Appeal{RequestID: r.ID, Kind: casework.LitigationDirect, Result: casework.Upheld, CreatedAt: testNow}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("result without conclusion: %v", err)
			}
			got, err := s.AgencyAppeals(ctx, a.ID)
			if err != nil || len(got) != 1 || got[0].Result != casework.Upheld || got[0].Concluded != ap.Concluded {
				t.Errorf("appeals = %+v, %v", got, err)
			}
			if got, _ := s.AgencyAppeals(ctx, b.ID); len(got) != 0 {
				t.Errorf("other agency's appeals: %v", got)
			}
		})
		t.Run("notifications", func(t *testing.T) {
			n := casework.Notification{AgencyID: a.ID, RequestID: r.ID, Audience: casework.ToStaff, Kind: "remind", Dedupe: "d1", Body: "到期",
				CreatedAt: testNow}
			for i, want := range []bool{true, false} {
				added, err := s.AddNotification(ctx, n)
				if err != nil || added != want {
					t.Errorf("add %d: %v, %v; want %v", i, added, err, want)
				}
			}
			n.Dedupe, n.Audience = "", casework.ToApplicant
			for range 2 {
				if added, err := s.AddNotification(ctx, n); err != nil || !added {
					t.Errorf("without dedupe: %v %v", added, err)
				}
			}
			got, err := s.Notifications(ctx, casework.NotificationFilter{RequestID: r.ID, Audience: casework.ToApplicant})
			if err != nil || len(got) != 2 || got[0].Body != "到期" || got[0].CreatedAt.IsZero() {
				t.Errorf("notifications = %+v, %v", got, err)
			}
		})
	})
}

// TestReceiptTransactionsAreDurable: on SQLite every connection, so every
// transaction that gives an applicant a receipt number, commits with
// synchronous=FULL (2) in WAL mode (条例第三十一条: the clock starts there).
func TestReceiptTransactionsAreDurable(t *testing.T) {
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	ctx := context.Background()
	err := s.InTx(ctx, func(ctx context.Context) error {
		// Several connections of the pool, each asked inside and outside a transaction.
		for range 4 {
			var sync int
			var mode string
			if err := s.DB().QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
				return err
			}
			if err := s.DB().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
				return err
			}
			if sync != 2 || mode != "wal" {
				t.Errorf("synchronous=%d journal_mode=%s; want 2 (FULL) and wal", sync, mode)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// manyTrackings returns n made-up tracking numbers with real ones spread
// through them, so a list longer than one IN chunk finds them in any chunk.
func manyTrackings(n int, real ...string) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("1999-%05d", i))
		if i%700 == 0 && len(real) > 0 {
			out, real = append(out, real[0]), real[1:]
		}
	}
	return append(out, real...)
}
