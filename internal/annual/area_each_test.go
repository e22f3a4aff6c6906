package annual_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// eachCases is fakeCases that also compiles many agencies at once (an
// annual.EachCompiler, as casework.Service is), counting the agencies it
// compiles each way.
type eachCases struct {
	fakeCases
	each, one *int
}

func (f eachCases) Compile(ctx context.Context, agencyID int64, name string, year int) (*compile.Result, int, error) {
	*f.one++
	return f.fakeCases.Compile(ctx, agencyID, name, year)
}

func (f eachCases) CompileEach(ctx context.Context, agencies []casework.Named, year int, fn func(casework.Named, *compile.Result, int) error) error {
	for _, a := range agencies {
		*f.each++
		res, n, err := f.fakeCases.Compile(ctx, a.ID, a.Name, year)
		if err != nil {
			return err
		}
		if err := fn(a, res, n); err != nil {
			return err
		}
	}
	return nil
}

// TestAreaEachEqualsOneByOne: on random areas (newAreaWorld), the
// whole-area report compiled with a Compiler that compiles many agencies
// at once equals, source for source and cell for cell, the one compiled
// an agency at a time, on both dialects; and the batched one compiles
// every agency whose numbers come from its records that way, none alone.
func TestAreaEachEqualsOneByOne(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		const year = 2022
		for seed := uint64(1); seed <= 4; seed++ {
			w := newAreaWorld(t, st, rand.New(rand.NewPCG(seed, 49)), seed, year)
			one, err := annual.New(st, w.cases, st, &audit.Log{Store: st})
			if err != nil {
				t.Fatal(err)
			}
			var each, alone int
			batched, err := annual.New(st, eachCases{w.cases, &each, &alone}, st, &audit.Log{Store: st})
			if err != nil {
				t.Fatal(err)
			}
			want, err := one.AreaPreview(ctx, w.gov.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			got, err := batched.AreaPreview(ctx, w.gov.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d: batched %+v\n one by one %+v", seed, got.Sources, want.Sources)
			}
			n := want.Count()
			if records := n[annual.FromRecords] + n[annual.FromNone]; each != records || alone != 0 || records < 3 {
				t.Errorf("seed %d: %d agencies compiled in batches and %d alone; want %d (those from records, the government among them, or absent) and 0", seed, each, alone, records)
			}
		}
	})
}
