package sqlstoretest

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// A Province is a tree of agencies for SeedProvince to store below a
// root, some of them with a published report: the supervisor's scope of
// the overview benchmarks.
type Province struct {
	// N counts the agencies, the root included: agency i (1 ≤ i < N) is
	// a child of agency (i-1)/10 (the root is agency 0), ten children
	// each: three levels for 300, four for 10,000.
	N    int
	Year int
	// Agency is agency i's name and kind (SeedProvince sets its parent
	// and creation time), drawn from rng if need be.
	Agency func(rng *rand.Rand, i int) agency.Agency
	// Report is the report agency i (stored as a) publishes on Year, drawn
	// from rng, or nil when it publishes none. SeedProvince sets its
	// agency and year.
	Report func(rng *rand.Rand, i int, a agency.Agency) *report.Report
}

// SeedProvince stores p's agencies below root, 500 a transaction, and
// publishes their reports as the back office does: a draft, then the
// publication (by "h", on a day of January or February of the next year
// drawn from rng after Report), then the facts the overview reads
// (annual.FactsOf, validated with the agency's kind). rng is seeded with
// p.N, so that a tree's shape and reports are the same on every run.
func SeedProvince(tb testing.TB, st *sqlstore.Store, root agency.Agency, p Province) {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(p.N), 13))
	now := time.Now()
	ids := []int64{root.ID} // agency i's parent is ids[(i-1)/10]
	for start := 1; start < p.N; start += 500 {
		err := st.InTx(ctx, func(ctx context.Context) error {
			for i := start; i < min(start+500, p.N); i++ {
				a := p.Agency(rng, i)
				a.ParentID, a.CreatedAt = ids[(i-1)/10], now
				a, err := st.CreateAgency(ctx, a)
				if err != nil {
					return err
				}
				ids = append(ids, a.ID)
				rep := p.Report(rng, i, a)
				if rep == nil {
					continue // missing
				}
				rep.Agency, rep.Year = a.Name, p.Year
				if err := publish(ctx, st, rng, a, rep, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// publish stores rep as a's draft, publishes it and stores its facts.
func publish(ctx context.Context, st *sqlstore.Store, rng *rand.Rand, a agency.Agency, rep *report.Report, now time.Time) error {
	snap, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	rec := annual.Record{AgencyID: a.ID, Year: rep.Year, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: now}
	if err := st.SaveReportEntries(ctx, rec); err != nil {
		return err
	}
	rec.Status, rec.Snapshot, rec.PublishedBy = annual.Published, snap, "h"
	rec.PublishedAt = time.Date(rep.Year+1, time.January, 10+rng.IntN(40), 3, 0, 0, 0, time.UTC)
	if err := st.PublishReport(ctx, rec); err != nil {
		return err
	}
	return st.SaveReportFacts(ctx, annual.FactsOf(a.ID, rep.Year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a))))
}
