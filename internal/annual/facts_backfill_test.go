package annual_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// publishTree stores n agencies in a random tree, most with a published
// report on year (random cells, fees included) and its facts, and returns
// them, the root first.
func publishTree(t *testing.T, st *sqlstore.Store, rng *rand.Rand, n, year int) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for i := range n {
		a := agency.Agency{Name: fmt.Sprintf("补算%02d局", i), Kind: agency.Kinds[rng.IntN(len(agency.Kinds))], CreatedAt: time.Now()}
		if i > 0 {
			a.ParentID = ids[rng.IntN(len(ids))]
		}
		a, err := st.CreateAgency(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		if rng.IntN(5) == 0 {
			continue
		}
		rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "clerk", UpdatedAt: time.Now()}
		if err := st.SaveReportEntries(ctx, rec); err != nil {
			t.Fatal(err)
		}
		rep := randomReport(rng, a.Name, year)
		if rec.Snapshot, err = json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
		rec.Status, rec.PublishedBy, rec.PublishedAt = annual.Published, "head", time.Date(year+1, 1, 10, 3, 0, 0, 0, time.UTC)
		if err := st.PublishReport(ctx, rec); err != nil {
			t.Fatal(err)
		}
		if err := st.SaveReportFacts(ctx, annual.FactsOf(a.ID, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a)))); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// TestBackfillFacts empties the stored summaries as migration 00321 does
// (the cells stay, the fees cell missing as before it), and checks on
// both dialects: the overview of a scope with more reports to redo than
// it computes itself is refused (annual.facts_pending, never partial
// sums), one with few computes them; BackfillFacts cut off after its
// first batch leaves exactly that batch done; run again it does the rest,
// then nothing (idempotent); two runs at once store each report once; and
// the overview then equals the brute force.
func TestBackfillFacts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		const year = 2022
		rng := rand.New(rand.NewPCG(21, 13))
		ids := publishTree(t, st, rng, 40, year)
		published, err := st.CountPendingFacts(ctx)
		if err != nil || published != 0 {
			t.Fatalf("pending after publishing: %d, %v", published, err)
		}
		if _, err := st.DB().ExecContext(ctx, "DELETE FROM report_summaries"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().ExecContext(ctx, "DELETE FROM report_cells WHERE cell = '"+string(compile.FeesCell)+"'"); err != nil {
			t.Fatal(err)
		}
		total, err := st.CountPendingFacts(ctx)
		if err != nil || total < 20 {
			t.Fatalf("pending after the migration: %d, %v", total, err)
		}
		svc, err := annual.New(st, fakeCases{}, st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(year+1, 2, 10, 2, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		svc.InlineBackfill = 5
		root := casework.Staffer{Subject: authSubject(ids[0], ids)}
		_, err = svc.Overview(ctx, root, year)
		if key, _ := apperr.MessageOf(err); apperr.KindOf(err) != apperr.OutdatedSchema || key != "annual.facts_pending" {
			t.Fatalf("overview with %d reports to redo: %v; want annual.facts_pending", total, err)
		}
		if _, err := svc.CellAgencies(ctx, ids, year, compile.FeesCell); apperr.KindOf(err) != apperr.OutdatedSchema {
			t.Fatalf("drill-down with %d reports to redo: %v; want annual.facts_pending", total, err)
		}
		if _, err := svc.CellTotals(ctx, ids, year, compile.FeesCell); apperr.KindOf(err) != apperr.OutdatedSchema {
			t.Fatalf("drill-down's totals with %d reports to redo: %v; want annual.facts_pending", total, err)
		}
		// A scope of a few agencies: the overview computes them itself.
		few := []int64{ids[len(ids)-1], ids[len(ids)-2]}
		if _, err := svc.OverviewOf(ctx, few, year); err != nil {
			t.Fatal(err)
		}
		// And so does the drill-down's, for a scope of one.
		one := ids[len(ids)-3 : len(ids)-2]
		if _, err := svc.CellTotals(ctx, one, year, compile.FeesCell); err != nil {
			t.Fatal(err)
		}
		if p, err := st.PendingFactsOf(ctx, year, one); err != nil || len(p) != 0 {
			t.Fatalf("after the drill-down's totals pending %v, %v; want none", p, err)
		}
		left, _ := st.CountPendingFacts(ctx)

		// Cut off after the first batch (as a kill between two batches).
		cut, cancel := context.WithCancel(ctx)
		var seen []annual.BackfillProgress
		p, err := svc.BackfillFacts(cut, 4, func(p annual.BackfillProgress) { seen = append(seen, p); cancel() })
		if !errors.Is(err, context.Canceled) || p.Done != 4 || len(seen) != 1 || p.Total != left {
			t.Fatalf("cut off: %+v, %v, progress %+v; want 4 of %d done and context.Canceled", p, err, seen, left)
		}
		if n, _ := st.CountPendingFacts(ctx); n != left-4 {
			t.Fatalf("after the first batch %d pending; want %d", n, left-4)
		}
		// Two runs at once: each report stored once, neither fails.
		var wg sync.WaitGroup
		res := make([]annual.BackfillProgress, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i], errs[i] = svc.BackfillFacts(ctx, 3, nil)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil || max(res[0].Total, res[1].Total) != left-4 || res[0].Done+res[1].Done < left-4 {
			t.Fatalf("two runs at once: %+v %v, %+v %v; want %d", res[0], errs[0], res[1], errs[1], left-4)
		}
		if p, err := svc.BackfillFacts(ctx, 0, nil); err != nil || p.Total != 0 || p.Done != 0 {
			t.Fatalf("a third run: %+v, %v; want nothing to do", p, err)
		}
		var cells int
		if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM report_summaries").Scan(&cells); err != nil || cells != total {
			t.Fatalf("%d summaries, %v; want %d", cells, err, total)
		}
		got, err := svc.Overview(ctx, root, year)
		if err != nil {
			t.Fatal(err)
		}
		want, wantAbs := bruteOverview(t, st, ids, year, calendar.Of(now.In(time.FixedZone("CST", 8*3600))))
		for i := range got.Rows {
			got.Rows[i].PublishedAt, want.Rows[i].PublishedAt = got.Rows[i].PublishedAt.UTC(), want.Rows[i].PublishedAt.UTC()
		}
		if !reflect.DeepEqual(got.Rows, want.Rows) || !reflect.DeepEqual(got.Absences(), wantAbs) ||
			!reflect.DeepEqual(compile.CellValues(got.Aggregate), compile.CellValues(want.Aggregate)) ||
			!sameDecimal(got.Aggregate.Proactive.FeesWanYuan, want.Aggregate.Proactive.FeesWanYuan) {
			t.Errorf("after the backfill the overview differs from the brute force")
		}
	})
}
