package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestStaffSessions: expired rows are purged when a session is added and
// not listed; rows of an old password are not listed; ending touches only
// the owner's rows.
func TestStaffSessions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
		// Two passwords a microsecond apart: the old and the current one.
		pw7 := time.Date(2026, 11, 1, 9, 30, 0, 7000, time.UTC)
		pw6 := pw7.Add(-time.Microsecond)
		add := func(hash string, user int64, pwat, at time.Time) {
			t.Helper()
			ss := sqlstore.StaffSession{Hash: hash, UserID: user, PasswordChangedAt: pwat, Created: at, LastSeen: at, IP: "192.0.2.1", UserAgent: "浏览器"}
			if err := s.AddStaffSession(ctx, ss, at.Add(-30*time.Minute), at.Add(-12*time.Hour)); err != nil {
				t.Fatalf("add %s: %v", hash, err)
			}
		}
		add("stale", 1, pw7, t0.Add(-2*time.Hour))
		add("a-live", 1, pw7, t0) // purges "stale"
		add("a-oldpw", 1, pw6, t0)
		add("b-live", 2, pw7, t0)
		add("a-idle", 1, pw7, t0.Add(-40*time.Minute))
		if _, err := s.StaffSession(ctx, "stale"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("stale row after purge: %v; want NotFound", err)
		}
		got, err := s.StaffSession(ctx, "a-live")
		if err != nil || got.UserID != 1 || !got.PasswordChangedAt.Equal(pw7) || !got.Created.Equal(t0) || got.UserAgent != "浏览器" {
			t.Errorf("a-live = %+v, %v", got, err)
		}
		list, err := s.StaffSessions(ctx, 1, pw7, t0.Add(-30*time.Minute), t0.Add(-12*time.Hour))
		if err != nil || len(list) != 1 || list[0].Hash != "a-live" {
			t.Errorf("list = %+v, %v; want only a-live", list, err)
		}
		seen := t0.Add(time.Minute + 1234567*time.Nanosecond) // kept to the microsecond
		if err := s.SeeStaffSession(ctx, "a-live", seen, "192.0.2.9"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.StaffSession(ctx, "a-live"); !got.LastSeen.Equal(seen.Truncate(time.Microsecond)) || got.IP != "192.0.2.9" {
			t.Errorf("after see: %+v", got)
		}
		for _, tc := range []struct {
			user int64
			hash string
			want bool
		}{{1, "b-live", false}, {2, "b-live", true}, {2, "b-live", false}} {
			if ok, err := s.EndStaffSession(ctx, tc.user, tc.hash); ok != tc.want || err != nil {
				t.Errorf("user %d ends %s = %v, %v; want %v", tc.user, tc.hash, ok, err, tc.want)
			}
		}
		if n, err := s.EndOtherStaffSessions(ctx, 1, "a-live"); n != 2 || err != nil {
			t.Errorf("end others = %d, %v; want 2 (a-oldpw, a-idle)", n, err)
		}
		if err := s.ForgetStaffSession(ctx, "a-live"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StaffSession(ctx, "a-live"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("forgotten row: %v; want NotFound", err)
		}
	})
}

// BenchmarkStaffSession measures the per-request lookup of a back-office
// session's index row on SQLite.
func BenchmarkStaffSession(b *testing.B) {
	s := sqlstoretest.Open(b, "sqlite")
	ctx := context.Background()
	now := testNow
	if err := s.AddStaffSession(ctx, sqlstore.StaffSession{Hash: "h", UserID: 1, PasswordChangedAt: now, Created: now, LastSeen: now}, now.Add(-time.Hour), now.Add(-time.Hour)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.StaffSession(ctx, "h"); err != nil {
			b.Fatal(err)
		}
	}
}
