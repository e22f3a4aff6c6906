package annual_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// oneByOne is a store whose backfill claims the reports of a batch one
// at a time in the batch's transaction, as BackfillFacts did before
// ClaimReportsFacts.
type oneByOne struct{ *sqlstore.Store }

func (s oneByOne) ClaimReportsFacts(ctx context.Context, fs []annual.Facts) (int, error) {
	n := 0
	err := s.InTx(ctx, func(ctx context.Context) error {
		for _, f := range fs {
			ok, err := s.ClaimReportFacts(ctx, f)
			if err != nil {
				return err
			}
			if ok {
				n++
			}
		}
		return nil
	})
	return n, err
}

// BenchmarkBackfillFacts measures BackfillFacts of a province of 3,000
// agencies (about 2,250 published reports) whose summaries were emptied
// as by migration 00321, with each batch's facts claimed at once
// (ClaimReportsFacts) and, alternating with it in the same loop, one
// report at a time: read batched-ms/op, one-ms/op and one/batched.
//
//	go test ./internal/annual -run XXX -bench BackfillFacts -benchtime 3x
func BenchmarkBackfillFacts(b *testing.B) {
	const year = 2024
	for _, name := range sqlstoretest.Names {
		b.Run(name, func(b *testing.B) {
			st := sqlstoretest.Open(b, name)
			ctx := context.Background()
			seedTree(b, st, 3000, year)
			run := func(s annual.Store) time.Duration {
				if _, err := st.DB().ExecContext(ctx, "DELETE FROM report_summaries"); err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				p, err := annual.BackfillFacts(ctx, s, st, 0, nil)
				if err != nil || p.Done < 2000 {
					b.Fatalf("backfill: %+v, %v", p, err)
				}
				return time.Since(t0)
			}
			var batched, one time.Duration
			for b.Loop() {
				batched += run(st)
				one += run(oneByOne{st})
			}
			b.ReportMetric(float64(batched.Milliseconds())/float64(b.N), "batched-ms/op")
			b.ReportMetric(float64(one.Milliseconds())/float64(b.N), "one-ms/op")
			b.ReportMetric(float64(one)/float64(batched), "one/batched")
		})
	}
}
