package annual_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkOverview compares, on 1,000 agencies each with a published
// report, the overview read from the stored facts with the old
// decode-validate-aggregate computation (bruteOverview) in the same run.
func BenchmarkOverview(b *testing.B) {
	for _, name := range sqlstoretest.Names {
		b.Run(name, func(b *testing.B) {
			st := sqlstoretest.Open(b, name)
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(1, 2))
			const year = 2022
			root, err := st.CreateAgency(ctx, agency.Agency{Name: "省", Kind: agency.Government, CreatedAt: time.Now()})
			if err != nil {
				b.Fatal(err)
			}
			for i := range 1000 {
				a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("机关%04d", i), ParentID: root.ID, CreatedAt: time.Now()})
				if err != nil {
					b.Fatal(err)
				}
				rep := randomReport(rng, a.Name, year)
				snap, _ := json.Marshal(rep)
				rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: time.Now()}
				if err := st.SaveReportEntries(ctx, rec); err != nil {
					b.Fatal(err)
				}
				rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "h", time.Date(2023, 1, 20, 0, 0, 0, 0, time.UTC)
				if err := st.PublishReport(ctx, rec); err != nil {
					b.Fatal(err)
				}
				if err := st.SaveReportFacts(ctx, annual.FactsOf(a.ID, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a)))); err != nil {
					b.Fatal(err)
				}
			}
			scope, err := st.Subtree(ctx, root.ID)
			if err != nil {
				b.Fatal(err)
			}
			svc, err := annual.New(st, fakeCases{}, st, &audit.Log{Store: st})
			if err != nil {
				b.Fatal(err)
			}
			w := casework.Staffer{Subject: authSubject(root.ID, scope)}
			b.Run("facts", func(b *testing.B) {
				for b.Loop() {
					if _, err := svc.Overview(ctx, w, year); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("brute", func(b *testing.B) {
				for b.Loop() {
					bruteOverview(b, st, scope, year, calendar.D(2023, 2, 10))
				}
			})
		})
	}
}
