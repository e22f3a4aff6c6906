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
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// seedTree stores n agencies in a tree under one 人民政府, ten children
// each (three levels for 300, four for 10,000), three in four with a
// report on year published and its facts stored (one in ten with an
// error), 500 agencies a transaction; it returns the root.
func seedTree(tb testing.TB, st *sqlstore.Store, n, year int) agency.Agency {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(n), 13))
	now := time.Now()
	root, err := st.CreateAgency(ctx, agency.Agency{Name: "省人民政府", Kind: agency.Government, CreatedAt: now})
	if err != nil {
		tb.Fatal(err)
	}
	ids := []int64{root.ID} // agency i's parent is ids[(i-1)/10]
	for start := 1; start < n; start += 500 {
		err := st.InTx(ctx, func(ctx context.Context) error {
			for i := start; i < min(start+500, n); i++ {
				a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("机关%05d", i), ParentID: ids[(i-1)/10],
					Kind: agency.Kinds[rng.IntN(len(agency.Kinds))], CreatedAt: now})
				if err != nil {
					return err
				}
				ids = append(ids, a.ID)
				if rng.IntN(4) == 0 {
					continue // missing
				}
				rep := reportgen.Report(rng, report.Template2021)
				rep.Agency, rep.Year = a.Name, year
				rep.Proactive.FeesWanYuan = report.D(fmt.Sprintf("%d.%02d", rng.IntN(20), rng.IntN(100)))
				if rng.IntN(10) == 0 {
					rep.Requests[report.New][report.ColTotal] = report.N(rep.Requests[report.New][report.ColTotal].V + 1)
				}
				snap, err := json.Marshal(rep)
				if err != nil {
					return err
				}
				rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: now}
				if err := st.SaveReportEntries(ctx, rec); err != nil {
					return err
				}
				rec.Status, rec.Snapshot, rec.PublishedBy = annual.Published, snap, "h"
				rec.PublishedAt = time.Date(year+1, time.January, 10+rng.IntN(40), 3, 0, 0, 0, time.UTC)
				if err := st.PublishReport(ctx, rec); err != nil {
					return err
				}
				if err := st.SaveReportFacts(ctx, annual.FactsOf(a.ID, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a)))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return root
}

// BenchmarkOverview measures the overview of a county (300 agencies) and
// of a province (10,000) read from the stored facts, the whole tree in
// scope, and for the county the old decode-validate-aggregate computation
// (bruteOverview) in the same run.
//
//	go test ./internal/annual -run XXX -bench Overview -benchtime 10x
func BenchmarkOverview(b *testing.B) {
	const year = 2024
	for _, name := range sqlstoretest.Names {
		for _, n := range []int{300, 10000} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				st := sqlstoretest.Open(b, name)
				ctx := context.Background()
				root := seedTree(b, st, n, year)
				scope, err := st.Subtree(ctx, root.ID)
				if err != nil {
					b.Fatal(err)
				}
				svc, err := annual.New(st, fakeCases{}, st, &audit.Log{Store: st})
				if err != nil {
					b.Fatal(err)
				}
				b.Run("facts", func(b *testing.B) {
					for b.Loop() {
						if _, err := svc.OverviewOf(ctx, scope, year); err != nil {
							b.Fatal(err)
						}
					}
				})
				if n > 1000 {
					return // the brute force takes seconds a province
				}
				b.Run("brute", func(b *testing.B) {
					for b.Loop() {
						bruteOverview(b, st, scope, year, calendar.D(year+1, 2, 10))
					}
				})
			})
		}
	}
}
