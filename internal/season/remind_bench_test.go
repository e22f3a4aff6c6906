package season_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/website"
)

// seedSeason stores n departments under one 人民政府, none with a report
// on 2025; one in 50 closed on a local day in January 2026 (its own
// calendar), one in 10 with a 指南 giving a mail address.
func seedSeason(b testing.TB, st *sqlstore.Store, n int) {
	b.Helper()
	ctx := context.Background()
	now := time.Now()
	root, err := st.CreateAgency(ctx, agency.Agency{Name: "某省人民政府", Kind: agency.Government, CreatedAt: now})
	if err != nil {
		b.Fatal(err)
	}
	for start := 1; start < n; start += 500 {
		err := st.InTx(ctx, func(ctx context.Context) error {
			for i := start; i < min(start+500, n); i++ {
				a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("第%05d局", i), ParentID: root.ID, Kind: agency.Department, CreatedAt: now})
				if err != nil {
					return err
				}
				if i%50 == 0 {
					if err := st.SetCalendarOverride(ctx, a.ID, calendar.Override{Date: calendar.D(2026, time.January, 27), Reason: "本地停电"}, now); err != nil {
						return err
					}
				}
				if i%10 == 0 {
					if err := st.AddDoc(ctx, website.Doc{AgencyID: a.ID, Kind: website.Guide, N: 1, EffectiveOn: calendar.D(2025, 1, 1),
						Email: fmt.Sprintf("gk%d@example.cn", i), SavedBy: "admin", SavedAt: now}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunReminders runs the season's reminders for 10,000 agencies
// on a day when every department's 5-day reminder is due: "first" sends
// them all (the notices and mails of the run before are deleted, untimed),
// "again" is the next hourly run, which finds nothing new.
//
//	go test ./internal/season -run XXX -bench RunReminders -benchtime 3x
func BenchmarkRunReminders(b *testing.B) {
	day := time.Date(2026, time.January, 23, 10, 0, 0, 0, cst) // 5 working days before 31 January on the national calendar
	for _, name := range sqlstoretest.Names {
		st := sqlstoretest.Open(b, name)
		seedSeason(b, st, 10000)
		svc, err := season.New(st, &audit.Log{Store: st})
		if err != nil {
			b.Fatal(err)
		}
		svc.EnableMail(st, plainSeal{})
		ctx := context.Background()
		clear := func() {
			for _, q := range []string{"DELETE FROM season_notice_agencies", "DELETE FROM season_notices", "DELETE FROM mail_outbox"} {
				if _, err := st.DB().ExecContext(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.Run(name+"/first", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				clear()
				b.StartTimer()
				n, err := svc.RunReminders(ctx, day)
				if err != nil || n != 9999 {
					b.Fatalf("sent %d, %v; want 9999", n, err)
				}
			}
		})
		b.Run(name+"/again", func(b *testing.B) {
			for b.Loop() {
				if n, err := svc.RunReminders(ctx, day.Add(time.Hour)); err != nil || n != 0 {
					b.Fatalf("sent %d, %v; want none", n, err)
				}
			}
		})
	}
}
