package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

// TestStoreReadsNoClock: a row whose NOT NULL time the caller left zero
// is refused (apperr.Internal, naming the field) instead of getting the
// machine's time, and nothing is written.
func TestStoreReadsNoClock(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		r, err := s.CreateRequest(ctx, newRecord(a.ID, "2024-0001"))
		if err != nil {
			t.Fatal(err)
		}
		noTime := newRecord(a.ID, "2024-0002")
		noTime.CreatedAt = time.Time{}
		upd := r
		upd.UpdatedAt = time.Time{}
		for _, tc := range []struct {
			name, field string
			call        func() error
		}{
			{"agency", "CreatedAt", func() error { _, err := s.CreateAgency(ctx, agency.Agency{Name: "无时间"}); return err }},
			{"user", "CreatedAt", func() error {
				_, err := s.CreateUser(ctx, account.User{AgencyID: a.ID, Login: "u", PasswordHash: "h", Roles: []account.Role{account.Clerk}})
				return err
			}},
			{"api token", "CreatedAt", func() error {
				_, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "t", AgencyID: a.ID, Hash: "h"})
				return err
			}},
			{"public account", "CreatedAt", func() error {
				_, err := s.CreatePublicAccount(ctx, publicuser.Account{LoginKey: "k", LoginEnc: "e", PasswordHash: "h"})
				return err
			}},
			{"request", "CreatedAt", func() error { _, err := s.CreateRequest(ctx, noTime); return err }},
			{"request update", "UpdatedAt", func() error { return s.UpdateRequest(ctx, upd) }},
			{"event", "Event.At", func() error { return s.AppendRequestEvent(ctx, r.ID, casework.StoredEvent{Seq: 1}) }},
			{"attachment", "CreatedAt", func() error {
				_, err := s.AddAttachment(ctx, casework.Attachment{RequestID: r.ID, Name: "a.pdf", ContentType: "application/pdf"})
				return err
			}},
			{"appeal", "CreatedAt", func() error {
				_, err := s.AddAppeal(ctx, casework.Appeal{RequestID: r.ID, Kind: casework.Review})
				return err
			}},
			{"notification", "CreatedAt", func() error {
				_, err := s.AddNotification(ctx, casework.Notification{AgencyID: a.ID, Audience: casework.ToStaff, Kind: "k", Body: "b"})
				return err
			}},
			{"calendar override", "at", func() error {
				return s.SetCalendarOverride(ctx, a.ID, calendar.Override{Date: calendar.D(2024, 7, 1), Reason: "台风"}, time.Time{})
			}},
			{"mail", "CreatedAt", func() error {
				return s.EnqueueMail(ctx, casework.Mail{AgencyID: a.ID, RecipientEnc: "sm4gcm:k:x", Subject: "s", Body: "b"})
			}},
			{"letter settings", "UpdatedAt", func() error { return s.SaveLetterSettings(ctx, stationery.Settings{AgencyID: a.ID}) }},
			{"letter number", "issue time", func() error {
				_, err := s.LetterNumber(ctx, a.ID, r.ID, "reply", 2024, time.Time{})
				return err
			}},
		} {
			err := tc.call()
			if !errors.Is(err, apperr.Internal) || !strings.Contains(err.Error(), tc.field+" not set") {
				t.Errorf("%s without a time: %v; want apperr.Internal naming %s", tc.name, err, tc.field)
			}
		}
		if got, _ := s.Request(ctx, r.ID); !got.UpdatedAt.Equal(testNow) {
			t.Errorf("request updated at %v after a refused update; want %v", got.UpdatedAt, testNow)
		}
		if n, _ := s.NextLetterNumber(ctx, a.ID, 2024); n != 1 {
			t.Errorf("next letter number %d after a refused issue; want 1", n)
		}
	})
}

// TestAgencyServiceClock: the agency service, the one service that had no
// clock while the store filled in the time, stamps agencies with its own.
func TestAgencyServiceClock(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		svc, err := agency.NewService(s, &audit.Log{Store: s})
		if err != nil {
			t.Fatal(err)
		}
		svc.Now = func() time.Time { return testNow }
		a, err := svc.Add(context.Background(), audit.Actor{Login: "sysadmin"}, "北仑区司法局", "")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Agency(context.Background(), a.ID); !got.CreatedAt.Equal(testNow) || !a.CreatedAt.Equal(testNow) {
			t.Errorf("created at %v (stored %v); want the service clock's %v", a.CreatedAt, got.CreatedAt, testNow)
		}
	})
}
