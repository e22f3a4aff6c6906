package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestPublicAccountStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 123456000, time.UTC)
		a, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "key-a", LoginEnc: "sm4gcm:x:AAAA",
			DisplayName: "王某", PasswordHash: "$argon2id$x", CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 {
			t.Fatal("no id")
		}
		if _, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "key-a", LoginEnc: "e", PasswordHash: "h", CreatedAt: testNow}); !errors.Is(err, apperr.Conflict) {
			t.Fatalf("same login key again: got %v; want Conflict", err)
		}
		got, err := s.PublicAccountByLoginKey(ctx, "key-a")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != a.ID || got.DisplayName != "王某" || !got.CreatedAt.Equal(now) || !got.PasswordChangedAt.Equal(now) ||
			!got.LastLoginAt.IsZero() || !got.LockedUntil.IsZero() {
			t.Fatalf("got %+v; want %+v", got, a)
		}
		if _, err := s.PublicAccountByLoginKey(ctx, "nobody"); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("unknown key: got %v; want NotFound", err)
		}
		if _, err := s.PublicAccount(ctx, a.ID+100); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("unknown id: got %v; want NotFound", err)
		}

		// Five failures lock; the count restarts at 0 with the lock set.
		until := now.Add(15 * time.Minute)
		for i := 1; i <= 5; i++ {
			n, lk, err := s.RecordPublicLoginFailure(ctx, a.ID, "192.0.2.7", 5, until)
			if err != nil {
				t.Fatal(err)
			}
			wantN, locked := i, false
			if i == 5 {
				wantN, locked = 0, true
			}
			if n != wantN || lk.Equal(until) != locked {
				t.Fatalf("failure %d: got %d, %v; want %d, locked %v", i, n, lk, wantN, locked)
			}
		}
		got, _ = s.PublicAccount(ctx, a.ID)
		if !got.Locked(now) || got.Locked(until) {
			t.Fatalf("locked until %v; want %v", got.LockedUntil, until)
		}
		// The lock is the source's: another address is not locked.
		if lk, _ := s.PublicLoginLockedUntil(ctx, a.ID, "192.0.2.7"); !lk.After(now) {
			t.Fatalf("source lock until %v; want a lock", lk)
		}
		if lk, _ := s.PublicLoginLockedUntil(ctx, a.ID, "192.0.2.8"); !lk.IsZero() {
			t.Fatalf("another source locked until %v; want none", lk)
		}
		if err := s.RecordPublicLoginSuccess(ctx, a.ID, "192.0.2.8", now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ = s.PublicAccount(ctx, a.ID)
		if got.FailedLogins != 0 || !got.LastLoginAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("after success: %+v", got)
		}
		if err := s.SetPublicPassword(ctx, a.ID, "$argon2id$y", now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ = s.PublicAccount(ctx, a.ID)
		if got.PasswordHash != "$argon2id$y" || !got.PasswordChangedAt.Equal(now.Add(2*time.Hour)) {
			t.Fatalf("after password change: %+v", got)
		}
		if err := s.SetPublicPassword(ctx, a.ID+100, "h", now); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("password of unknown account: got %v; want NotFound", err)
		}
	})
}

func TestPublicAccountRequests(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ag := mustAgency(t, s, "北仑区司法局", 0)
		a, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "a", LoginEnc: "e", PasswordHash: "h", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "b", LoginEnc: "e", PasswordHash: "h", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		r1, err := s.CreateRequest(ctx, newRecord(ag.ID, "2024-0001"))
		if err != nil {
			t.Fatal(err)
		}
		r2, err := s.CreateRequest(ctx, newRecord(ag.ID, "2024-0002"))
		if err != nil {
			t.Fatal(err)
		}
		at := testNow
		if err := s.LinkPublicRequest(ctx, a.ID, r1.ID, publicuser.LinkSubmit, at); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkPublicRequest(ctx, a.ID, r2.ID, publicuser.LinkClaim, at); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkPublicRequest(ctx, b.ID, r1.ID, publicuser.LinkClaim, at); !errors.Is(err, apperr.Conflict) {
			t.Fatalf("second owner: got %v; want Conflict", err)
		}
		if err := s.LinkPublicRequest(ctx, a.ID, r2.ID+100, publicuser.LinkClaim, at); !errors.Is(err, apperr.Invalid) {
			t.Fatalf("unknown request: got %v; want Invalid", err)
		}
		if err := s.LinkPublicRequest(ctx, a.ID, r2.ID, "stolen", at); err == nil {
			t.Fatal("a link with an unknown kind was stored")
		}
		owner, err := s.PublicRequestOwner(ctx, r1.ID)
		if err != nil || owner != a.ID {
			t.Fatalf("owner: got %d, %v; want %d", owner, err, a.ID)
		}
		list, err := s.PublicRequests(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []publicuser.LinkedRequest{
			{RequestID: r2.ID, Tracking: "2024-0002", AgencyID: ag.ID, Agency: "北仑区司法局", State: r2.State,
				Submitted: calendar.D(2024, 3, 1), Due: calendar.D(2024, 3, 29), How: publicuser.LinkClaim},
			{RequestID: r1.ID, Tracking: "2024-0001", AgencyID: ag.ID, Agency: "北仑区司法局", State: r1.State,
				Submitted: calendar.D(2024, 3, 1), Due: calendar.D(2024, 3, 29), How: publicuser.LinkSubmit},
		}
		if len(list) != len(want) {
			t.Fatalf("got %d requests; want %d", len(list), len(want))
		}
		for i := range want {
			if list[i] != want[i] {
				t.Errorf("request %d: got %+v; want %+v", i, list[i], want[i])
			}
		}
		if other, err := s.PublicRequests(ctx, b.ID); err != nil || len(other) != 0 {
			t.Fatalf("other account: got %v, %v; want none", other, err)
		}
		id, err := s.RequestIDByTracking(ctx, ag.ID, "2024-0002")
		if err != nil || id != r2.ID {
			t.Fatalf("by tracking: got %d, %v; want %d", id, err, r2.ID)
		}
		if _, err := s.RequestIDByTracking(ctx, ag.ID+100, "2024-0002"); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("other agency: got %v; want NotFound", err)
		}
	})
}

// BenchmarkPublicRequests lists the 50 requests of one account among
// 1,000 linked requests of 20 accounts (the "my requests" page).
func BenchmarkPublicRequests(b *testing.B) {
	ctx := context.Background()
	s := sqlstoretest.Open(b, sqlstoretest.SQLite)
	ag, err := s.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: testNow})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range 20 {
		a, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: fmt.Sprint("k", i), LoginEnc: "e", PasswordHash: "h", CreatedAt: testNow})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	for i := range 1000 {
		r, err := s.CreateRequest(ctx, newRecord(ag.ID, fmt.Sprintf("2024-%04d", i+1)))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.LinkPublicRequest(ctx, ids[i%20], r.ID, publicuser.LinkSubmit, testNow); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		list, err := s.PublicRequests(ctx, ids[3])
		if err != nil || len(list) != 50 {
			b.Fatalf("got %d, %v", len(list), err)
		}
	}
}
