package season_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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
	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/website"
)

// plainSeal stands in for the personal-data keyring: the outbox only needs
// a non-empty sealed form.
type plainSeal struct{}

func (plainSeal) Seal(p string) (string, error) { return "sealed:" + p, nil }
func (plainSeal) BlindIndex(v string) string    { return "bi:" + v }

var cst = time.FixedZone("CST", 8*3600)

func TestDeadlineByKind(t *testing.T) {
	for _, tc := range []struct {
		kind agency.Kind
		want calendar.Date
	}{
		{agency.Government, calendar.D(2025, time.March, 31)},
		{agency.Department, calendar.D(2025, time.January, 31)},
		{agency.Township, calendar.D(2025, time.January, 31)},
		{agency.Other, calendar.D(2025, time.January, 31)},
	} {
		if got := season.Deadline(agency.Agency{Kind: tc.kind}, 2024); got != tc.want {
			t.Errorf("%s: deadline %s; want %s (条例第四十九条)", tc.kind, got, tc.want)
		}
	}
}

func TestDue(t *testing.T) {
	cal := calendar.National()
	dl := calendar.D(2026, time.March, 31) // a Tuesday
	for _, tc := range []struct {
		today      calendar.Date
		days, left int
		ok         bool
	}{
		{calendar.D(2026, time.February, 20), 0, 0, false},
		{dl.AddDays(1), 0, 0, false},
		{dl, 1, 0, true},
		{calendar.D(2026, time.March, 30), 1, 1, true},
		{calendar.D(2026, time.March, 27), 5, 2, true}, // a Friday: Monday 30 and Tuesday 31 are left
		{calendar.D(2026, time.March, 26), 5, 3, true},
		{calendar.D(2026, time.March, 24), 5, 5, true},
		{calendar.D(2026, time.March, 23), 15, 6, true},
		{calendar.D(2026, time.March, 10), 15, 15, true},
		{calendar.D(2026, time.March, 9), 0, 16, false},
	} {
		days, left, ok := season.Due(cal, tc.today, dl)
		if ok != tc.ok || ok && (days != tc.days || left != tc.left) {
			t.Errorf("%s: Due = %d, %d, %v; want %d, %d, %v", tc.today, days, left, ok, tc.days, tc.left, tc.ok)
		}
	}
}

type world struct {
	st                         *sqlstore.Store
	gov, dept, town, pub, none int64
	sup                        int64
}

func setup(t *testing.T, st *sqlstore.Store) world {
	ctx := context.Background()
	now := time.Now()
	add := func(name string, kind agency.Kind, parent int64, noReport bool) int64 {
		a, err := st.CreateAgency(ctx, agency.Agency{Name: name, Kind: kind, ParentID: parent, NoReport: noReport, CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	var w world
	w.st = st
	w.gov = add("宁波市北仑区人民政府", agency.Government, 0, false)
	w.sup = add("宁波市北仑区人民政府办公室", agency.Department, w.gov, true)
	w.dept = add("宁波市北仑区司法局", agency.Department, w.gov, false)
	w.town = add("宁波市北仑区大碶街道办事处", agency.Township, w.gov, false)
	w.pub = add("宁波市北仑区教育局", agency.Department, w.gov, false)
	w.none = w.sup
	rec := annual.Record{AgencyID: w.pub, Year: 2025, Status: annual.Draft, UpdatedBy: "clerk", UpdatedAt: now}
	if err := st.SaveReportEntries(ctx, rec); err != nil {
		t.Fatal(err)
	}
	rep := report.Empty(compile.TemplateFor(2025))
	rep.Agency, rep.Year = "宁波市北仑区教育局", 2025
	snap, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "head", now
	if err := st.PublishReport(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if err := st.AddDoc(ctx, website.Doc{AgencyID: w.dept, Kind: website.Guide, N: 1, EffectiveOn: calendar.D(2025, 1, 1),
		Email: "gk@sfj.example.cn", SavedBy: "admin", SavedAt: now}); err != nil {
		t.Fatal(err)
	}
	return w
}

// expected lists, by brute force over the days, the day each reminder of
// an agency with deadline dl is first due: the first day on which at most
// 15, 5, 1 working days remain (counted by WorkdaysBetween).
func expected(dl calendar.Date, from calendar.Date) map[int]calendar.Date {
	cal := calendar.National()
	out := map[int]calendar.Date{}
	for d := from; !d.After(dl); d = d.AddDays(1) {
		left := cal.WorkdaysBetween(d, dl)
		for _, n := range []int{15, 5, 1} {
			if _, seen := out[n]; !seen && left <= n {
				// only the tightest threshold reached that day is sent
				tight := n
				for _, m := range []int{1, 5} {
					if left <= m && m < tight {
						tight = m
					}
				}
				if tight == n {
					out[n] = d
				}
			}
		}
	}
	return out
}

// TestRemindersOncePerThreshold runs the reminders every day of a season
// (twice some days, with a fresh service as after a restart) and checks
// that each agency that owes an unpublished report got exactly its three
// reminders on the days brute force gives, by kind; the published agency
// and the no-report office got none; the mail went only to the agency
// whose 指南 gives an address.
func TestRemindersOncePerThreshold(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := setup(t, st)
		log := &audit.Log{Store: st}
		from := calendar.D(2025, time.December, 1)
		for d := from; !d.After(calendar.D(2026, time.April, 10)); d = d.AddDays(1) {
			svc, err := season.New(st, log) // a new process every day
			if err != nil {
				t.Fatal(err)
			}
			svc.EnableMail(st, plainSeal{})
			for run := range 2 {
				now := time.Date(d.Year(), d.Month(), d.Day(), 9+run, 0, 0, 0, cst)
				if _, err := svc.RunReminders(ctx, now); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, tc := range []struct {
			name string
			id   int64
			kind agency.Kind
		}{{"government", w.gov, agency.Government}, {"department", w.dept, agency.Department}, {"township", w.town, agency.Township}} {
			want := expected(season.Deadline(agency.Agency{Kind: tc.kind}, 2025), from)
			ns, err := st.OpenSeasonNotices(ctx, tc.id, 50)
			if err != nil {
				t.Fatal(err)
			}
			if len(ns) != 3 {
				t.Fatalf("%s: %d reminders; want 3 (15, 5 and 1 working days before)", tc.name, len(ns))
			}
			var days []calendar.Date
			for i := len(ns) - 1; i >= 0; i-- {
				days = append(days, calendar.Of(ns[i].CreatedAt.In(cst)))
				if ns[i].Kind != season.Remind || ns[i].Year != 2025 {
					t.Errorf("%s: notice %+v", tc.name, ns[i].Notice)
				}
			}
			if days[0] != want[15] || days[1] != want[5] || days[2] != want[1] {
				t.Errorf("%s: reminded on %v; want %s, %s, %s", tc.name, days, want[15], want[5], want[1])
			}
		}
		for _, id := range []int64{w.pub, w.none} {
			if ns, _ := st.OpenSeasonNotices(ctx, id, 50); len(ns) != 0 {
				t.Errorf("agency %d got %d reminders; want none (published, or publishes no report)", id, len(ns))
			}
		}
		mails, err := st.DueMail(ctx, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(mails) != 3 {
			t.Fatalf("%d mails; want 3, to the 司法局's 指南 address only", len(mails))
		}
		for _, m := range mails {
			if m.AgencyID != w.dept || m.RecipientEnc != "sealed:gk@sfj.example.cn" || m.Kind != "season.remind" {
				t.Errorf("mail %+v", m)
			}
		}
	})
}

// TestRemindersAfterDowntime: a server down until 3 working days before
// the deadline sends the 5-day reminder then the 1-day one, not a stale
// 15-day one.
func TestRemindersAfterDowntime(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := setup(t, st)
		svc, err := season.New(st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		cal := calendar.National()
		dl := season.Deadline(agency.Agency{Kind: agency.Government}, 2025)
		day := dl
		for cal.WorkdaysBetween(day, dl) < 3 {
			day = day.AddDays(-1)
		}
		for d := day; !d.After(dl.AddDays(3)); d = d.AddDays(1) {
			if _, err := svc.RunReminders(ctx, time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, cst)); err != nil {
				t.Fatal(err)
			}
		}
		ns, err := st.OpenSeasonNotices(ctx, w.gov, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) != 2 || !strings.Contains(ns[1].Body, "还有 3 个工作日") || !strings.Contains(ns[0].Body, "还有 1 个工作日") {
			for _, n := range ns {
				t.Log(n.Body)
			}
			t.Fatalf("%d reminders after downtime; want the 5-day one (3 days left) then the 1-day one", len(ns))
		}
	})
}

func staff(agencyID int64, scope []int64, roles ...account.Role) casework.Staffer {
	return casework.Staffer{Subject: auth.Subject{UserID: agencyID*10 + 1, Login: fmt.Sprintf("u%d", agencyID), AgencyID: agencyID, Roles: roles, Scope: scope}, IP: "127.0.0.1"}
}

// TestUrge: a 监督员 sends a 督办 notice to agencies of its scope; it is
// recorded with who, when, the text and the agencies, audited, shown to
// each agency's staff until they acknowledge it; anyone else, or an agency
// outside the scope, is refused.
func TestUrge(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := setup(t, st)
		log := &audit.Log{Store: st}
		svc, err := season.New(st, log)
		if err != nil {
			t.Fatal(err)
		}
		svc.EnableMail(st, plainSeal{})
		scope, err := st.Subtree(ctx, w.gov)
		if err != nil {
			t.Fatal(err)
		}
		sup := staff(w.sup, scope, account.Supervisor)
		other, err := st.CreateAgency(ctx, agency.Agency{Name: "宁波市镇海区司法局", Kind: agency.Department, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			w    casework.Staffer
			ids  []int64
			body string
			kind apperr.Kind
		}{
			{"not a supervisor", staff(w.sup, scope, account.Head), []int64{w.dept}, "请尽快公布", apperr.Forbidden},
			{"outside the scope", sup, []int64{w.dept, other.ID}, "请尽快公布", apperr.NotFound},
			{"no text", sup, []int64{w.dept}, "  ", apperr.Invalid},
			{"no agencies", sup, nil, "请尽快公布", apperr.Invalid},
			{"control character", sup, []int64{w.dept}, "请\x00公布", apperr.Invalid},
		} {
			if _, err := svc.Urge(ctx, tc.w, 2025, tc.ids, tc.body); !errors.Is(err, tc.kind) {
				t.Errorf("%s: %v; want %s", tc.name, err, tc.kind)
			}
		}
		if ns, _ := st.OpenSeasonNotices(ctx, w.dept, 10); len(ns) != 0 {
			t.Fatalf("a refused notice was stored: %+v", ns)
		}
		n, err := svc.Urge(ctx, sup, 2025, []int64{w.dept, w.town, w.dept}, " 你单位2025年度报告逾期未公布，请于三个工作日内公布。 ")
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Agencies) != 2 || n.SentBy != sup.Subject.Login || n.FromAgency != w.sup {
			t.Errorf("notice %+v", n)
		}
		sent, err := svc.Sent(ctx, sup, 2025, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(sent) != 1 || len(sent[0].Names) != 2 || sent[0].Names[0] != "宁波市北仑区司法局" || sent[0].Acked != 0 ||
			sent[0].Body != "你单位2025年度报告逾期未公布，请于三个工作日内公布。" || sent[0].CreatedAt.IsZero() {
			t.Fatalf("sent %+v", sent)
		}
		clerk := staff(w.dept, []int64{w.dept}, account.Clerk)
		open, err := svc.Open(ctx, clerk, 10)
		if err != nil || len(open) != 1 || open[0].ID != n.ID || open[0].Names[0] != "宁波市北仑区人民政府办公室" {
			t.Fatalf("the 司法局's staff see %+v, %v; want the notice from the 政府办公室", open, err)
		}
		if err := svc.Acknowledge(ctx, staff(w.pub, []int64{w.pub}, account.Clerk), n.ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("another agency acknowledged: %v", err)
		}
		if err := svc.Acknowledge(ctx, clerk, n.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.Acknowledge(ctx, clerk, n.ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("acknowledged twice: %v", err)
		}
		if open, _ := svc.Open(ctx, clerk, 10); len(open) != 0 {
			t.Errorf("still shown after acknowledgement: %+v", open)
		}
		if open, _ := svc.Open(ctx, staff(w.town, nil, account.Clerk), 10); len(open) != 1 {
			t.Errorf("the 街道 lost its notice when the 司法局 acknowledged: %+v", open)
		}
		if sent, _ = svc.Sent(ctx, sup, 2025, 10); sent[0].Acked != 1 {
			t.Errorf("acked %d; want 1", sent[0].Acked)
		}
		evs, err := st.SearchAudit(ctx, audit.Filter{Action: "season."})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 {
			t.Errorf("%d audit events; want the 督办 and the acknowledgement", len(evs))
		}
		mails, err := st.DueMail(ctx, time.Now().Add(time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(mails) != 1 || mails[0].Kind != "season.urge" || mails[0].AgencyID != w.dept {
			t.Errorf("mails %+v; want one to the 司法局's 指南 address", mails)
		}
	})
}
