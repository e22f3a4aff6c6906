package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestReportFacts stores a report's cells with absent ones, more than one
// INSERT batch of them, and reads them back: an absent cell stays absent
// (NULL), never 0; saving again replaces.
func TestReportFacts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		r := report.Empty(compile.TemplateFor(2023))
		cells := compile.CellValues(r)
		if len(cells) <= 100 {
			t.Fatalf("%d cells; the test wants more than one batch", len(cells))
		}
		for i := range cells {
			if i%3 != 0 {
				cells[i].Value = report.N(int64(i % 5)) // zeros among them
			}
		}
		f := annual.Facts{AgencyID: a.ID, Year: 2023, Errors: 2, Warnings: 5, Cells: cells}
		if err := s.SaveReportFacts(ctx, f); err != nil {
			t.Fatal(err)
		}
		f.Errors = 1
		if err := s.SaveReportFacts(ctx, f); err != nil {
			t.Fatalf("save again: %v", err)
		}
		got, err := s.ReportFacts(ctx, a.ID, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if got.Errors != 1 || got.Warnings != 5 || len(got.Cells) != len(cells) {
			t.Fatalf("got %d errors %d warnings %d cells; want 1, 5, %d", got.Errors, got.Warnings, len(got.Cells), len(cells))
		}
		byID := map[report.CellID]report.Num{}
		for _, c := range got.Cells {
			byID[c.ID] = c.Value
		}
		for _, c := range cells {
			if byID[c.ID] != c.Value {
				t.Errorf("%s = %+v; want %+v", c.ID, byID[c.ID], c.Value)
			}
		}
		if _, err := s.ReportFacts(ctx, a.ID, 2022); !errors.Is(err, apperr.NotFound) {
			t.Errorf("facts of an unpublished year: %v; want not found", err)
		}
	})
}
