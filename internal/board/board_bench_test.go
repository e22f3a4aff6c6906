package board_test

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
	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkCharts reads the charts of a province of 3,000 agencies (ten
// counties of 300), each with its reports on two years stored with every
// cell of the template, and of one county, against the supervisor's
// overview of the same scope and year in the same run: the ratio
// charts/overview is what to read, not the times.
func BenchmarkCharts(b *testing.B) {
	for _, name := range sqlstoretest.Names {
		b.Run(name, func(b *testing.B) {
			st := sqlstoretest.Open(b, name)
			ctx := context.Background()
			province, county := seedProvince(b, st)
			svc, err := board.New(st)
			if err != nil {
				b.Fatal(err)
			}
			ov, err := annual.New(st, annual.NoCompiler{}, st, &audit.Log{Store: st})
			if err != nil {
				b.Fatal(err)
			}
			for _, sc := range []struct {
				name  string
				scope []int64
			}{{"province", province}, {"county", county}} {
				b.Run(sc.name+"/charts", func(b *testing.B) {
					for b.Loop() {
						if _, err := svc.Charts(ctx, sc.scope, 2024, 1); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run(sc.name+"/overview", func(b *testing.B) {
					for b.Loop() {
						if _, err := ov.OverviewOf(ctx, sc.scope, 2024); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

func seedProvince(b *testing.B, st *sqlstore.Store) (province, county []int64) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 13))
	root, err := st.CreateAgency(ctx, agency.Agency{Name: "省人民政府", Kind: agency.Government, NoReport: true, CreatedAt: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	province = []int64{root.ID}
	for c := range 10 {
		gov, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("%d县人民政府", c), ParentID: root.ID, Kind: agency.Government, CreatedAt: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		ids := []int64{gov.ID}
		for i := range 299 {
			a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("%d县机关%03d", c, i), ParentID: gov.ID, Kind: agency.Department, CreatedAt: time.Now()})
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		for _, id := range ids {
			for _, year := range []int{2023, 2024} {
				storeReport(b, st, rng, id, year)
			}
		}
		province = append(province, ids...)
		if c == 0 {
			county = ids
		}
	}
	return province, county
}

func storeReport(b testing.TB, st *sqlstore.Store, rng *rand.Rand, id int64, year int) {
	ctx := context.Background()
	rec := annual.Record{AgencyID: id, Year: year, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: time.Now()}
	if err := st.SaveReportEntries(ctx, rec); err != nil {
		b.Fatal(err)
	}
	snap, _ := json.Marshal(report.Empty(compile.TemplateFor(year)))
	at := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(120 * 24 * time.Hour))))
	rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "h", at
	if err := st.PublishReport(ctx, rec); err != nil {
		b.Fatal(err)
	}
	cells := compile.CellValues(report.Empty(compile.TemplateFor(year)))
	for i := range cells {
		if rng.IntN(20) > 0 {
			cells[i].Value = report.N(rng.Int64N(50))
		}
	}
	f := annual.Facts{AgencyID: id, Year: year, Cells: cells}
	if rng.IntN(3) == 0 {
		f.Errors, f.Rules = 1, []annual.RuleCount{{Rule: "R1-balance", Severity: report.Error, N: 1 + rng.IntN(3)}}
	}
	if err := st.SaveReportFacts(ctx, f); err != nil {
		b.Fatal(err)
	}
}
