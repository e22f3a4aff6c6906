package stationery_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

func TestCheck(t *testing.T) {
	long := string(make([]rune, 201))
	for _, tc := range []struct {
		name string
		s    stationery.Settings
		ok   bool
	}{
		{"empty", stationery.Settings{}, true},
		{"prefix", stationery.Settings{Prefix: "北司公开", Phone: "0574-86780000"}, true},
		{"prefix with year", stationery.Settings{Prefix: "北司公开〔2026〕"}, false},
		{"prefix with number", stationery.Settings{Prefix: "北司公开第"}, false},
		{"two lines", stationery.Settings{Address: "a\nb"}, false},
		{"too long", stationery.Settings{Office: long}, false},
		{"court too long", stationery.Settings{Court: long}, false},
		{"review first: withheld", stationery.Settings{ReviewFirst: []request.Outcome{request.WithheldStateSecret}, CustomReviewFirst: true}, true},
		{"review first: unknown outcome", stationery.Settings{ReviewFirst: []request.Outcome{"poem"}, CustomReviewFirst: true}, false},
		{"review first: an ending without a reply", stationery.Settings{ReviewFirst: []request.Outcome{request.OtherFeeUnpaid}, CustomReviewFirst: true}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Check()
			if tc.ok != (err == nil) || (err != nil && !errors.Is(err, apperr.Invalid)) {
				t.Errorf("Check() = %v; want ok %v", err, tc.ok)
			}
		})
	}
}

func TestService(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		a, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
		b, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", CreatedAt: time.Now()})
		svc, err := stationery.New(st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		subj := func(ag int64, r account.Role) auth.Subject {
			return auth.Subject{UserID: 1, Login: string(r), AgencyID: ag, Roles: []account.Role{r}}
		}
		for _, tc := range []struct {
			name string
			s    auth.Subject
			ag   int64
			ok   bool
		}{
			{"head of the agency", subj(a.ID, account.Head), a.ID, true},
			{"sysadmin anywhere", subj(b.ID, account.SysAdmin), a.ID, true},
			{"clerk", subj(a.ID, account.Clerk), a.ID, false},
			{"head of another agency", subj(b.ID, account.Head), a.ID, false},
			{"supervisor", auth.Subject{UserID: 1, AgencyID: a.ID, Roles: []account.Role{account.Supervisor}, Scope: []int64{a.ID}}, a.ID, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := svc.Save(ctx, tc.s, audit.Actor{Login: "x"}, stationery.Settings{AgencyID: tc.ag, Prefix: "北司公开"}, 2026, 0)
				if tc.ok != (err == nil) || (err != nil && !errors.Is(err, apperr.Forbidden)) {
					t.Errorf("Save = %v; want ok %v", err, tc.ok)
				}
			})
		}
		head := subj(a.ID, account.Head)
		if err := svc.Save(ctx, head, audit.Actor{Login: "head"}, stationery.Settings{AgencyID: a.ID, Prefix: "北司公开"}, 2026, 12); err != nil {
			t.Fatal(err)
		}
		set, next, err := svc.Get(ctx, a.ID, 2026)
		if err != nil || set.Prefix != "北司公开" || next != 12 || set.UpdatedBy != "head" {
			t.Fatalf("Get = %+v, %d, %v", set, next, err)
		}
		if ls := set.Letter("北仑区司法局"); ls.Agency != "北仑区司法局" || ls.NumberPrefix != "北司公开" {
			t.Errorf("Letter = %+v", ls)
		}
		none, _, _ := svc.Get(ctx, b.ID, 2026)
		if num, seq, err := svc.Number(ctx, none, 1, "receipt", 2026); num != "" || seq != 0 || err != nil {
			t.Errorf("without a prefix: %q %d %v; want no number", num, seq, err)
		}
		evs, _ := (&audit.Log{Store: st}).Search(ctx, audit.CLI, audit.Filter{Action: stationery.ActSave})
		var ok, denied int
		for _, e := range evs {
			switch e.Result {
			case audit.ResultOK:
				ok++
			case audit.ResultDenied:
				denied++
			}
		}
		if ok != 3 || denied != 3 {
			t.Errorf("audited %d ok, %d denied; want 3 and 3", ok, denied)
		}
	})
}

// TestRemediesStored: the 复议机关, the court and the 复议前置 set survive a
// save on both databases; unset, the set is the default of regulation.md
// §8; an explicit empty set stays empty (not the default).
func TestRemediesStored(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		a, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
		svc, err := stationery.New(st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		head := auth.Subject{UserID: 1, Login: "head", AgencyID: a.ID, Roles: []account.Role{account.Head}}
		save := func(set stationery.Settings) letter.Remedies {
			t.Helper()
			set.AgencyID = a.ID
			if err := svc.Save(ctx, head, audit.Actor{Login: "head"}, set, 2026, 0); err != nil {
				t.Fatal(err)
			}
			got, _, err := svc.Get(ctx, a.ID, 2026)
			if err != nil {
				t.Fatal(err)
			}
			return got.Letter("北仑区司法局").Remedies
		}
		r := save(stationery.Settings{ReviewBody: "宁波市北仑区人民政府", Court: "宁波市北仑区人民法院"})
		if r.ReviewBody != "宁波市北仑区人民政府" || r.Court != "宁波市北仑区人民法院" || r.Custom || len(r.ReviewFirstSet()) != 9 {
			t.Errorf("default set: %+v", r)
		}
		r = save(stationery.Settings{ReviewBody: "宁波市北仑区人民政府", CustomReviewFirst: true,
			ReviewFirst: []request.Outcome{request.PartiallyGranted, request.UnavailableNotHeld}})
		if !r.Custom || !r.IsReviewFirst(request.UnavailableNotHeld) || r.IsReviewFirst(request.WithheldStateSecret) {
			t.Errorf("custom set: %+v", r)
		}
		r = save(stationery.Settings{ReviewBody: "宁波市北仑区人民政府", CustomReviewFirst: true})
		if !r.Custom || len(r.ReviewFirstSet()) != 0 {
			t.Errorf("an empty set came back as %+v", r)
		}
	})
}
