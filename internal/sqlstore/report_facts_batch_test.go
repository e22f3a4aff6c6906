package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestSaveReportsFactsEqualsSaveReportFacts: the facts of 250 random
// reports (125 agencies in a three-level tree × 2 years, more than two
// batches, some replacing facts stored before, one agency's year given
// twice) saved with SaveReportsFacts leave exactly the rows that
// SaveReportFacts leaves one report at a time: cells, summaries, rules
// and the subtree sums the triggers keep.
func TestSaveReportsFactsEqualsSaveReportFacts(t *testing.T) {
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			one, batch, _, fs := factsTwins(t, backend, 40) // the batch replaces the facts stored before
			err := one.InTx(ctx, func(ctx context.Context) error {
				for _, f := range fs {
					if err := one.SaveReportFacts(ctx, f); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := batch.SaveReportsFacts(ctx, fs); err != nil {
				t.Fatal(err)
			}
			if err := batch.SaveReportsFacts(ctx, nil); err != nil {
				t.Fatalf("no facts: %v", err)
			}
			for _, q := range factsRows {
				want, got := dump(t, one.DB(), q), dump(t, batch.DB(), q)
				if want != got {
					t.Errorf("%s:\n batched %.300s\n one by one %.300s", q, got, want)
				}
				if len(want) < 1000 {
					t.Errorf("%s: too little stored to compare: %q", q, want)
				}
			}
		})
	}
}

// factsTwins opens two stores of backend with the same 125 agencies in
// a three-level tree and the same random facts stored for the 2022
// report of the first stored of them; it returns the stores, the
// agencies' ids and random facts to save: of every agency's 2022 and
// 2023 reports, then of ids[7]'s 2023 report again.
func factsTwins(t *testing.T, backend string, stored int) (one, batch *sqlstore.Store, ids []int64, fs []annual.Facts) {
	t.Helper()
	ctx := context.Background()
	one, batch = sqlstoretest.Open(t, backend), sqlstoretest.Open(t, backend)
	rng := rand.New(rand.NewPCG(13, 3))
	for i := range 125 {
		var parent int64
		if i > 0 {
			parent = ids[(i-1)/5] // the root, 5 below it, 25 below those…
		}
		var id int64
		for _, st := range []*sqlstore.Store{one, batch} {
			id = mustAgency(t, st, fmt.Sprintf("某县第%d局", i), parent).ID
		}
		ids = append(ids, id)
	}
	facts := func(id int64, year int) annual.Facts {
		r := reportgen.Report(rng, report.Template2021)
		r.Year = year
		return annual.FactsOf(id, year, r, report.Validate(r, nil))
	}
	for _, id := range ids[:stored] {
		f := facts(id, 2022)
		for _, st := range []*sqlstore.Store{one, batch} {
			if err := st.SaveReportFacts(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, id := range ids {
		for _, year := range []int{2022, 2023} {
			fs = append(fs, facts(id, year))
		}
	}
	return one, batch, ids, append(fs, facts(ids[7], 2023))
}

// TestClaimReportsFactsEqualsClaimReportFacts: claiming the facts of 251
// random reports at once (ClaimReportsFacts, more than two batches)
// stores exactly what ClaimReportFacts stores one report at a time, on
// both dialects: nothing for the 40 reports whose facts are stored
// already, the new facts for the 20 whose summary alone was deleted (as
// 00321 did: the old cells are replaced), and for an agency's year given
// twice, the first; and both count the same reports claimed.
func TestClaimReportsFactsEqualsClaimReportFacts(t *testing.T) {
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			one, batch, ids, fs := factsTwins(t, backend, 60)
			for _, id := range ids[40:60] { // the summary alone deleted
				for _, st := range []*sqlstore.Store{one, batch} {
					if _, err := st.DB().ExecContext(ctx, fmt.Sprintf("DELETE FROM report_summaries WHERE agency_id = %d AND year = 2022", id)); err != nil {
						t.Fatal(err)
					}
				}
			}
			want := 0
			err := one.InTx(ctx, func(ctx context.Context) error {
				for _, f := range fs {
					ok, err := one.ClaimReportFacts(ctx, f)
					if ok {
						want++
					}
					if err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := batch.ClaimReportsFacts(ctx, fs)
			if err != nil || got != want || want != len(fs)-41 {
				t.Fatalf("claimed %d, %v; one by one %d; want %d", got, err, want, len(fs)-41)
			}
			if n, err := batch.ClaimReportsFacts(ctx, fs); err != nil || n != 0 {
				t.Fatalf("claimed again: %d, %v; want 0", n, err)
			}
			for _, q := range factsRows {
				want, got := dump(t, one.DB(), q), dump(t, batch.DB(), q)
				if want != got {
					t.Errorf("%s:\n batched %.300s\n one by one %.300s", q, got, want)
				}
			}
		})
	}
}

// factsRows read back what saving facts stores.
var factsRows = []string{
	`SELECT agency_id, year, cell, value FROM report_cells ORDER BY agency_id, year, cell`,
	`SELECT agency_id, year, errors, warnings FROM report_summaries ORDER BY agency_id, year`,
	`SELECT agency_id, year, rule, severity, n FROM report_rules ORDER BY agency_id, year, rule`,
	`SELECT ancestor, year, cell, total, n FROM report_subtree_sums WHERE n <> 0 ORDER BY ancestor, year, cell`,
}
