package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestSeedIdempotent(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		log := &audit.Log{Store: s}
		settings, _ := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
		settings.Hash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
		svc, err := auth.NewService(s, log, settings)
		if err != nil {
			t.Fatal(err)
		}
		ag, err := agency.NewService(s, log)
		if err != nil {
			t.Fatal(err)
		}

		first, err := demo.Seed(ctx, ag, svc)
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Agencies) != 7 || len(first.Accounts) != len(account.AllRoles) {
			t.Fatalf("first seed created %d agencies, %d accounts; want 7 and %d", len(first.Agencies), len(first.Accounts), len(account.AllRoles))
		}
		for _, a := range first.Accounts {
			if a.Password == "" || !strings.Contains(first.Text(), a.Password) {
				t.Errorf("account %s: password %q missing from the printed text", a.Login, a.Password)
			}
			res, err := svc.Login(ctx, auth.LoginInput{Login: a.Login, Password: a.Password})
			if err != nil || !res.MustChangePassword {
				t.Errorf("login %s = %+v, %v; want a one-time password login", a.Login, res, err)
			}
		}
		second, err := demo.Seed(ctx, ag, svc)
		if err != nil {
			t.Fatal(err)
		}
		if !second.Empty() || second.Text() != "" {
			t.Fatalf("second seed = %+v; want nothing created and nothing printed", second)
		}

		// The supervisor at the 政务公开办 sees the whole city.
		sup, err := s.UserByLogin(ctx, "demo-supervisor")
		if err != nil {
			t.Fatal(err)
		}
		subj, err := svc.SubjectFor(ctx, sup)
		if err != nil {
			t.Fatal(err)
		}
		justice, _ := s.AgencyByName(ctx, demo.Justice)
		if !slices.Contains(subj.Scope, justice.ID) || !auth.Can(subj, auth.RequestRead, justice.ID) || auth.Can(subj, auth.RequestHandle, justice.ID) {
			t.Errorf("supervisor scope %v: want read-only access to %s (%d)", subj.Scope, demo.Justice, justice.ID)
		}
		// The clerk of 司法局 cannot read 教育局's requests.
		clerk, _ := s.UserByLogin(ctx, "demo-clerk")
		cs, _ := svc.SubjectFor(ctx, clerk)
		edu, _ := s.AgencyByName(ctx, demo.Education)
		if auth.Can(cs, auth.RequestRead, edu.ID) || !auth.Can(cs, auth.RequestHandle, justice.ID) {
			t.Error("clerk scope wrong: want own agency only")
		}
	})
}
