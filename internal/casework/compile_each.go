package casework

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// A Named is an agency to compile and the name its report carries.
type Named struct {
	ID   int64
	Name string
}

// Batch sizes of CompileEach (variables for the tests): it starts with firstBatch agencies a read
// and then sizes each batch to about batchRows request rows from the rows
// an agency had so far (between 1 and maxBatch agencies), so that one read
// holds a bounded number of rows whatever the agencies' sizes, and stays
// cheap enough for PostgreSQL to plan without JIT compilation (whose
// fixed cost, 50–150 ms a query, would outweigh reading 50,000 rows).
var (
	firstBatch = 32
	maxBatch   = 512
	batchRows  = 50_000
)

// CompileEach is Compile for every agency of agencies: the same cases,
// appeals and counting, but the records of a batch of agencies are read
// at once (three queries a batch instead of three an agency). It calls fn
// with each agency's result and its number of cases, in the order of
// agencies, and stops at fn's first error. Like Compile it checks no
// permission: the caller does.
func (s *Service) CompileEach(ctx context.Context, agencies []Named, year int, fn func(a Named, res *compile.Result, cases int) error) error {
	if year < 1900 || year > 2200 {
		return fmt.Errorf("casework: compile: year %d out of range", year)
	}
	size := firstBatch
	for i := 0; i < len(agencies); {
		batch := agencies[i:min(i+size, len(agencies))]
		rows, err := s.compileBatch(ctx, batch, year, fn)
		if err != nil {
			return err
		}
		i += len(batch)
		size = max(1, min(maxBatch, batchRows*len(batch)/max(rows, 1)))
	}
	return nil
}

// compileBatch compiles the agencies of one batch and returns the number
// of request rows it read.
func (s *Service) compileBatch(ctx context.Context, batch []Named, year int, fn func(Named, *compile.Result, int) error) (int, error) {
	ids := make([]int64, len(batch))
	for i, a := range batch {
		ids[i] = a.ID
	}
	rows, err := s.st.CaseRowsOf(ctx, ids, calendar.D(year, 12, 31))
	if err != nil {
		return 0, err
	}
	appeals, err := s.st.AppealsOf(ctx, ids)
	if err != nil {
		return 0, err
	}
	pubs, err := s.st.PublicationAppealsOf(ctx, ids)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range batch {
		n += len(rows[a.ID])
		cases, err := casesOf(rows[a.ID], appeals[a.ID])
		if err != nil {
			return 0, err
		}
		res, err := compile.CompileWith(a.Name, year, cases, mattersOf(pubs[a.ID]))
		if err != nil {
			return 0, fmt.Errorf("casework: compile: %w", err)
		}
		if err := fn(a, res, len(cases)); err != nil {
			return 0, err
		}
	}
	return n, nil
}
