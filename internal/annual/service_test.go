package annual_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// fakeCases compiles from cases the test changes at will (the request
// records behind tables 三 and 四).
type fakeCases map[int64][]compile.Case

func (f fakeCases) Compile(_ context.Context, agencyID int64, name string, year int) (*compile.Result, int, error) {
	res, err := compile.Compile(name, year, f[agencyID])
	return res, len(f[agencyID]), err
}

type world struct {
	st                 *sqlstore.Store
	svc                *annual.Service
	cases              fakeCases
	a, b               agency.Agency
	clerk, head, headB casework.Staffer
	super, sys         casework.Staffer
	now                time.Time
}

func staff(id int64, login string, ag int64, scope []int64, r account.Role) casework.Staffer {
	return casework.Staffer{Subject: auth.Subject{UserID: id, Login: login, AgencyID: ag, Roles: []account.Role{r}, Scope: scope}, IP: "127.0.0.1"}
}

func newWorld(t testing.TB, st *sqlstore.Store) *world {
	t.Helper()
	ctx := context.Background()
	d, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: d.ID, CreatedAt: time.Now()})
	b, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", ParentID: d.ID, CreatedAt: time.Now()})
	w := &world{st: st, cases: fakeCases{}, a: a, b: b, now: time.Date(2023, 1, 20, 2, 0, 0, 0, time.UTC)}
	svc, err := annual.New(st, w.cases, st, &audit.Log{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	w.svc.Now = func() time.Time { return w.now }
	w.clerk = staff(1, "clerk", a.ID, nil, account.Clerk)
	w.head = staff(2, "head", a.ID, nil, account.Head)
	w.headB = staff(3, "headB", b.ID, nil, account.Head)
	w.super = staff(4, "super", d.ID, []int64{d.ID, a.ID, b.ID}, account.Supervisor)
	w.sys = staff(5, "sys", d.ID, nil, account.SysAdmin)
	return w
}

// zeros are hand entries with every cell of table 二 present.
func zeros(date string) annual.Entries {
	z := report.N(0)
	tri := report.Triple{Issued: z, Repealed: z, InForce: z}
	return annual.Entries{Date: date, Proactive: report.Proactive{Regulations: tri, NormativeDocuments: tri,
		LicensingDecisions: z, PenaltyDecisions: z, CoercionDecisions: z, FeesWanYuan: report.D("0")},
		Sections: report.Sections{Overview: "本机关依法做好政府信息公开工作。", Problems: "无。", Other: "无。"}}
}

func TestPublish(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newWorld(t, st)
		open2022 := compile.Case{ID: "2022-0001", Received: calendar.D(2022, 12, 20), Applicant: report.NaturalPerson}
		w.cases[w.a.ID] = []compile.Case{
			{ID: "2022-0002", Received: calendar.D(2022, 3, 1), Applicant: report.Commercial, Outcome: report.Granted, Ended: calendar.D(2022, 3, 20)},
		}

		t.Run("nothing saved", func(t *testing.T) {
			if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2022); !errors.Is(err, apperr.Invalid) {
				t.Errorf("err = %v; want Invalid", err)
			}
		})
		t.Run("roles", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				who  casework.Staffer
				save error
				pub  error
			}{
				{"clerk saves, may not publish", w.clerk, nil, apperr.Forbidden},
				{"head of another agency sees nothing", w.headB, apperr.NotFound, apperr.NotFound},
				{"supervisor reads only", w.super, apperr.Forbidden, apperr.Forbidden},
				{"sysadmin has no business role", w.sys, apperr.NotFound, apperr.NotFound},
			} {
				t.Run(tc.name, func(t *testing.T) {
					err := w.svc.Save(ctx, tc.who, w.a.ID, 2022, annual.Entries{})
					if (tc.save == nil) != (err == nil) || (tc.save != nil && !errors.Is(err, tc.save)) {
						t.Errorf("save: err = %v; want %v", err, tc.save)
					}
					if _, err := w.svc.Publish(ctx, tc.who, w.a.ID, 2022); !errors.Is(err, tc.pub) {
						t.Errorf("publish: err = %v; want %v", err, tc.pub)
					}
				})
			}
		})
		t.Run("errors refuse publication", func(t *testing.T) {
			// Table 二 left empty: R5/R10 errors.
			if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, annual.Entries{}); err != nil {
				t.Fatal(err)
			}
			b, err := w.svc.Build(ctx, w.head, w.a.ID, 2022)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := b.Errors(); n == 0 {
				t.Fatalf("no errors with table 二 empty: %+v", b.Findings)
			}
			if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2022); !errors.Is(err, apperr.Invalid) || !hasKey(err, "annual.has_errors") {
				t.Errorf("err = %v; want Invalid naming the errors", err)
			}
		})
		t.Run("bad entries", func(t *testing.T) {
			for _, e := range []annual.Entries{{Date: "2023-02-30"}, {Proactive: report.Proactive{FeesWanYuan: report.D("-1")}},
				{Proactive: report.Proactive{PenaltyDecisions: report.N(-2)}}} {
				if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, e); !errors.Is(err, apperr.Invalid) {
					t.Errorf("%+v: err = %v; want Invalid", e, err)
				}
			}
		})
		// One multi-step subtest: each step builds on the publication of
		// the one before, and the audit log counts them all.
		t.Run("publication lifecycle", func(t *testing.T) {
			// Warnings allow publication and the snapshot is frozen.
			e := zeros("2023-02-10") // after 31 January: R8 warning
			if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, e); err != nil {
				t.Fatal(err)
			}
			b, err := w.svc.Publish(ctx, w.head, w.a.ID, 2022)
			if err != nil {
				t.Fatal(err)
			}
			if errs, warns := b.Errors(); errs != 0 || warns == 0 || b.Record.Status != annual.Published || b.Record.PublishedBy != "head" {
				t.Fatalf("published %d errors %d warnings, record %+v; want 0 errors, a warning (R8)", errs, warns, b.Record)
			}
			if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, e); !errors.Is(err, apperr.Conflict) {
				t.Errorf("save after publishing: err = %v; want Conflict", err)
			}
			if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2022); !errors.Is(err, apperr.Conflict) {
				t.Errorf("second publish: err = %v; want Conflict", err)
			}
			// A request of 2022 registered late changes the records, not the published report.
			w.cases[w.a.ID] = append(w.cases[w.a.ID], open2022)
			_, rep, err := w.svc.Published(ctx, w.a.ID, 2022)
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Requests[report.New][report.ColTotal]; got != report.N(1) {
				t.Errorf("published new total = %v; want 1 (frozen)", got)
			}
			b2, _ := w.svc.Build(ctx, w.clerk, w.a.ID, 2022)
			if got := b2.Report.Requests[report.New][report.ColTotal]; got != report.N(1) {
				t.Errorf("built new total = %v; want the snapshot's 1", got)
			}
			var js map[string]any
			if err := json.Unmarshal(b2.Record.Snapshot, &js); err != nil || js["schema"] != report.Schema {
				t.Errorf("snapshot is not a report: %v %v", js["schema"], err)
			}

			// The previous year's published report is the chain's start.
			if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2023, zeros("2024-01-15")); err != nil {
				t.Fatal(err)
			}
			b, err = w.svc.Build(ctx, w.head, w.a.ID, 2023)
			if err != nil {
				t.Fatal(err)
			}
			if b.Prev == nil || b.Prev.Year != 2022 {
				t.Fatalf("prev = %+v; want the published 2022 report", b.Prev)
			}
			if !hasRule(b.Findings, "R6-carry-chain") {
				t.Errorf("findings %v; want R6 (2022 carried forward 0, 2023 carried over 1)", report.RulesBroken(b.Findings))
			}
			if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2023); !errors.Is(err, apperr.Invalid) {
				t.Errorf("publish with R6: err = %v; want Invalid", err)
			}
			// Without the late request the chain holds and 2023 publishes.
			w.cases[w.a.ID] = w.cases[w.a.ID][:1]
			if _, err := w.svc.Publish(ctx, w.head, w.a.ID, 2023); err != nil {
				t.Errorf("publish: %v", err)
			}

			// Drafts are never public.
			if err := w.svc.Save(ctx, w.headB, w.b.ID, 2022, zeros("2023-01-10")); err != nil {
				t.Fatal(err)
			}
			if _, _, err := w.svc.Published(ctx, w.b.ID, 2022); !errors.Is(err, apperr.NotFound) {
				t.Errorf("draft: err = %v; want NotFound", err)
			}
			list, _ := w.svc.PublishedList(ctx, 0)
			if len(list) != 2 {
				t.Errorf("published list has %d; want 2 (a's 2022 and 2023)", len(list))
			}

			// Every attempt is audited: the two publications, the
			// refusals (second publish, R6) and a clerk's denied attempt.
			if _, err := w.svc.Publish(ctx, w.clerk, w.a.ID, 2022); !errors.Is(err, apperr.Forbidden) {
				t.Errorf("clerk publishes: err = %v; want Forbidden", err)
			}
			evs, err := (&audit.Log{Store: st}).Search(ctx, audit.CLI, audit.Filter{Action: annual.ActPublish})
			if err != nil {
				t.Fatal(err)
			}
			results := map[audit.Result]int{}
			for _, e := range evs {
				results[e.Result]++
			}
			if results[audit.ResultOK] != 2 || results[audit.ResultDenied] == 0 || results[audit.ResultFail] == 0 {
				t.Errorf("publish events by result %v; want 2 ok, some denied and failed", results)
			}
		})
	})
}

func hasRule(fs []report.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// hasKey reports whether err's message is key.
func hasKey(err error, key string) bool {
	k, _ := apperr.MessageOf(err)
	return k == key
}
