package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestAPITokenStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ag := mustAgency(t, s, "北仑区", 0)
		at := time.Date(2026, 11, 25, 8, 0, 0, 123456789, time.UTC)
		_, hash := apitoken.NewSecret()
		tok, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "省政务公开平台", AgencyID: ag.ID, Hash: hash, CreatedAt: at})
		if err != nil || tok.ID == 0 {
			t.Fatalf("create: %+v, %v", tok, err)
		}
		t.Run("duplicate hash", func(t *testing.T) {
			_, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "另一个", AgencyID: ag.ID, Hash: hash, CreatedAt: at})
			if !errors.Is(err, apperr.Conflict) {
				t.Errorf("err = %v; want Conflict", err)
			}
		})
		t.Run("unknown agency", func(t *testing.T) {
			_, h := apitoken.NewSecret()
			_, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "x", AgencyID: 9999, Hash: h, CreatedAt: at})
			if !errors.Is(err, apperr.Invalid) {
				t.Errorf("err = %v; want Invalid", err)
			}
		})
		t.Run("by hash", func(t *testing.T) {
			got, err := s.APITokenByHash(ctx, hash)
			want := at.Truncate(time.Microsecond)
			if err != nil || got.ID != tok.ID || got.Name != "省政务公开平台" || !got.CreatedAt.Equal(want) || !got.LastUsedAt.IsZero() || got.Revoked() {
				t.Fatalf("got %+v, %v; want id %d created %v, never used, not revoked", got, err, tok.ID, want)
			}
			if _, err := s.APITokenByHash(ctx, "00"); !errors.Is(err, apperr.NotFound) {
				t.Errorf("unknown hash: err = %v; want NotFound", err)
			}
		})
		t.Run("touch never goes back", func(t *testing.T) {
			for _, u := range []time.Time{at.Add(time.Hour), at.Add(time.Minute)} {
				if err := s.TouchAPIToken(ctx, tok.ID, u); err != nil {
					t.Fatal(err)
				}
			}
			got, _ := s.APITokenByHash(ctx, hash)
			if want := at.Add(time.Hour).Truncate(time.Microsecond); !got.LastUsedAt.Equal(want) {
				t.Errorf("LastUsedAt = %v; want %v", got.LastUsedAt, want)
			}
		})
		t.Run("revoke", func(t *testing.T) {
			if err := s.RevokeAPIToken(ctx, tok.ID, at.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := s.RevokeAPIToken(ctx, tok.ID, at.Add(3*time.Hour)); !errors.Is(err, apperr.NotFound) {
				t.Errorf("second revoke: err = %v; want NotFound", err)
			}
			if err := s.RevokeAPIToken(ctx, 9999, at); !errors.Is(err, apperr.NotFound) {
				t.Errorf("unknown id: err = %v; want NotFound", err)
			}
			got, _ := s.APITokenByHash(ctx, hash)
			if want := at.Add(2 * time.Hour).Truncate(time.Microsecond); !got.RevokedAt.Equal(want) {
				t.Errorf("RevokedAt = %v; want %v", got.RevokedAt, want)
			}
		})
		t.Run("list newest first", func(t *testing.T) {
			_, h := apitoken.NewSecret()
			second, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "OA", AgencyID: ag.ID, Hash: h, CreatedAt: at})
			if err != nil {
				t.Fatal(err)
			}
			ts, err := s.ListAPITokens(ctx)
			if err != nil || len(ts) != 2 || ts[0].ID != second.ID || ts[1].ID != tok.ID {
				t.Fatalf("list = %+v, %v; want [%d %d]", ts, err, second.ID, tok.ID)
			}
		})
	})
}

// TestAPITokenService runs the domain service on the real store: issue
// and revoke are audited in the same transaction, the secret is never
// stored, and authentication refuses revoked and unknown secrets.
func TestAPITokenService(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ag := mustAgency(t, s, "北仑区司法局", 0)
		log := &audit.Log{Store: s}
		svc, err := apitoken.NewService(s, log)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }

		if _, _, err := svc.Issue(ctx, audit.CLI, "  ", ag.ID); !errors.Is(err, apperr.Invalid) {
			t.Errorf("empty name: err = %v; want Invalid", err)
		}
		if _, _, err := svc.Issue(ctx, audit.CLI, "OA", 9999); !errors.Is(err, apperr.Invalid) {
			t.Errorf("unknown agency: err = %v; want Invalid", err)
		}
		tok, secret, err := svc.Issue(ctx, audit.CLI, " 市  OA ", ag.ID)
		if err != nil || tok.Name != "市 OA" || !strings.HasPrefix(secret, apitoken.Prefix) || tok.Hash != apitoken.Hash(secret) {
			t.Fatalf("issue = %+v, %q, %v", tok, secret, err)
		}
		got, err := svc.Authenticate(ctx, secret)
		if err != nil || got.ID != tok.ID || !got.LastUsedAt.Equal(now) {
			t.Fatalf("authenticate = %+v, %v; want token %d used at %v", got, err, tok.ID, now)
		}
		for _, bad := range []string{"", "gkapi_nope", secret + "x", strings.TrimPrefix(secret, apitoken.Prefix)} {
			if _, err := svc.Authenticate(ctx, bad); !errors.Is(err, apperr.Unauthenticated) {
				t.Errorf("Authenticate(%q) err = %v; want Unauthenticated", bad, err)
			}
		}
		if err := svc.Revoke(ctx, audit.CLI, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(ctx, secret); !errors.Is(err, apperr.Unauthenticated) {
			t.Errorf("revoked: err = %v; want Unauthenticated", err)
		}
		if err := svc.Revoke(ctx, audit.CLI, tok.ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("second revoke: err = %v; want NotFound", err)
		}
		evs, err := s.SearchAudit(ctx, audit.Filter{Action: "api.token."})
		if err != nil || len(evs) != 2 || evs[0].Action != apitoken.ActRevoke || evs[1].Action != apitoken.ActCreate || evs[1].Detail != "市 OA" {
			t.Fatalf("audit = %+v, %v; want create then revoke", evs, err)
		}
		for _, e := range evs {
			if strings.Contains(e.Detail, secret) {
				t.Errorf("audit detail %q holds the secret", e.Detail)
			}
		}
	})
}
