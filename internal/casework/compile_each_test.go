package casework_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// TestCompileEachEqualsCompile: on random agencies — random ledgers of 0
// to 400 requests over two to four years, with their appeals, some
// agencies with appeals about their 主动公开 and one with nothing —
// compiling every agency's year in batches (CompileEach, with batches of
// one, a few and all the agencies) gives exactly what Compile gives agency
// by agency: the same tables, the same requests behind every cell, the
// same number of cases, in the order asked.
func TestCompileEachEqualsCompile(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(13, 13))
		var ags []casework.Named
		for i := range 14 {
			a, err := w.st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("第%d局", i), ParentID: w.a.ParentID, CreatedAt: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			ags = append(ags, casework.Named{ID: a.ID, Name: a.Name})
			if i == 0 {
				continue // no records at all
			}
			from := d("2020-01-01").AddDays(rng.IntN(700))
			to := from.AddDays(365 + rng.IntN(800))
			led := gen.Ledger(gen.Options{Seed: rng.Uint64(), N: rng.IntN(400), From: from, To: to, AsOf: to.AddDays(rng.IntN(60)),
				Prefix: fmt.Sprintf("A%d-", i)})
			if len(led.Records) > 0 {
				if _, err := w.svc.ImportLedger(ctx, audit.CLI, a.ID, led); err != nil {
					t.Fatal(err)
				}
			}
			for j := range rng.IntN(3) {
				filed := d("2021-01-01").AddDays(rng.IntN(1200))
				pa := casework.PublicationAppeal{AgencyID: a.ID, Kind: []casework.AppealKind{casework.Review, casework.LitigationDirect}[j%2],
					Subject: casework.SubjectPublished, Matter: "公开了个人信息", Filed: filed, CreatedAt: time.Now()}
				if rng.IntN(2) == 0 {
					pa.Concluded, pa.Result = filed.AddDays(rng.IntN(200)), casework.Upheld
				}
				if _, err := w.st.AddPublicationAppeal(ctx, pa); err != nil {
					t.Fatal(err)
				}
			}
		}
		rng.Shuffle(len(ags), func(i, j int) { ags[i], ags[j] = ags[j], ags[i] })
		type one struct {
			res *compile.Result
			n   int
		}
		for _, year := range []int{2020, 2021, 2022, 2023, 2024} {
			want := map[int64]one{}
			for _, a := range ags {
				res, n, err := w.svc.Compile(ctx, a.ID, a.Name, year)
				if err != nil {
					t.Fatal(err)
				}
				want[a.ID] = one{res, n}
			}
			for _, sizes := range [][3]int{{1, 1, 1}, {3, 5, 200}, {32, 512, 50_000}} {
				restore := casework.SetBatches(sizes[0], sizes[1], sizes[2])
				var order []int64
				err := w.svc.CompileEach(ctx, ags, year, func(a casework.Named, res *compile.Result, n int) error {
					order = append(order, a.ID)
					wt := want[a.ID]
					if n != wt.n {
						t.Errorf("%d %s batches %v: %d cases; Compile %d", year, a.Name, sizes, n, wt.n)
					}
					if diff := report.Diff(res.Report, wt.res.Report); len(diff) > 0 || res.Report.Agency != a.Name {
						t.Errorf("%d %s batches %v: tables differ from Compile's: %v", year, a.Name, sizes, diff)
					}
					if !reflect.DeepEqual(res.Cells, wt.res.Cells) || !reflect.DeepEqual(res.HandEntered, wt.res.HandEntered) {
						t.Errorf("%d %s batches %v: the requests behind the cells differ from Compile's", year, a.Name, sizes)
					}
					return nil
				})
				restore()
				if err != nil {
					t.Fatal(err)
				}
				if len(order) != len(ags) {
					t.Fatalf("%d: %d agencies compiled; want %d", year, len(order), len(ags))
				}
				for i := range ags {
					if order[i] != ags[i].ID {
						t.Fatalf("%d: compiled in order %v; want the order asked", year, order)
					}
				}
			}
		}
		stop := fmt.Errorf("stop")
		calls := 0
		if err := w.svc.CompileEach(ctx, ags, 2023, func(casework.Named, *compile.Result, int) error { calls++; return stop }); err != stop || calls != 1 {
			t.Errorf("fn's error: %v after %d calls; want it after 1", err, calls)
		}
	})
}
