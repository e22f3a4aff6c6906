package annual_test

import (
	"context"
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
	root, err := st.CreateAgency(context.Background(), agency.Agency{Name: "省人民政府", Kind: agency.Government, CreatedAt: time.Now()})
	if err != nil {
		tb.Fatal(err)
	}
	sqlstoretest.SeedProvince(tb, st, root, sqlstoretest.Province{N: n, Year: year,
		Agency: func(rng *rand.Rand, i int) agency.Agency {
			return agency.Agency{Name: fmt.Sprintf("机关%05d", i), Kind: agency.Kinds[rng.IntN(len(agency.Kinds))]}
		},
		Report: func(rng *rand.Rand, _ int, _ agency.Agency) *report.Report {
			if rng.IntN(4) == 0 {
				return nil // missing
			}
			rep := reportgen.Report(rng, report.Template2021)
			rep.Proactive.FeesWanYuan = report.D(fmt.Sprintf("%d.%02d", rng.IntN(20), rng.IntN(100)))
			if rng.IntN(10) == 0 {
				rep.Requests[report.New][report.ColTotal] = report.N(rep.Requests[report.New][report.ColTotal].V + 1)
			}
			return rep
		}})
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
