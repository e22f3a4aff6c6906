package sqlstore_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestCellPageEqualsSortedList: on both dialects, for 90 random agencies
// (names, unique, that differ in case, or mix Latin and Han; some flagged
// 不编制年报; published reports with a value of the cell, few distinct so
// that values tie, or the cell left empty or unstored; drafts; reports of
// another year), the pages of CellPage of every size, put together, are
// the agencies that owe a report sorted as the drill-down lists them
// (largest values first, then the absences, each by name bytewise, then
// id), and CellTotals counts and sums the same list; PendingFactsOf lists
// the published reports whose facts are not stored.
func TestCellPageEqualsSortedList(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		const year = 2023
		cell := report.CellID("requests.new.total")
		rng := rand.New(rand.NewPCG(7, 13))
		names := []string{"甲局", "乙局", "Alpha局", "alpha局", "局", "甲局分局", "Zeta", "zeta", "丙"}
		root := mustAgency(t, s, "某市人民政府", 0)
		var want []annual.CellRow
		var scope, pending []int64
		for i := range 90 {
			a := mustAgency(t, s, fmt.Sprintf("%s%d", names[rng.IntN(len(names))], 90-i), root.ID)
			scope = append(scope, a.ID)
			if rng.IntN(8) == 0 {
				if err := s.SetAgencyKind(ctx, a.ID, agency.Other, true); err != nil {
					t.Fatal(err)
				}
				if rng.IntN(2) == 0 {
					publishReport(t, s, a, &report.Report{Template: report.Template2021, Year: year}, testNow)
				}
				continue
			}
			row := annual.CellRow{AgencyID: a.ID, Agency: a.Name}
			switch rng.IntN(6) {
			case 0: // nothing
			case 1: // a draft
				if err := s.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: year, UpdatedBy: "t", UpdatedAt: testNow}); err != nil {
					t.Fatal(err)
				}
			case 2: // another year's report, with the cell
				publishReport(t, s, a, &report.Report{Template: report.Template2021, Year: year - 1}, testNow)
				saveCell(t, s, a.ID, year-1, cell, report.N(5))
			default:
				publishReport(t, s, a, &report.Report{Template: report.Template2021, Year: year}, testNow)
				row.Published = true
				switch v := rng.IntN(5); {
				case v == 0: // the cell left empty
					saveCell(t, s, a.ID, year, cell, report.Num{})
				case v == 1 && i%2 == 0: // no facts stored
					pending = append(pending, a.ID)
				case v == 1: // facts without the cell
					saveCell(t, s, a.ID, year, "requests.new.commercial", report.N(3))
				default:
					row.Value = report.N(int64(rng.IntN(4) * 10))
					saveCell(t, s, a.ID, year, cell, row.Value)
				}
			}
			want = append(want, row)
		}
		slices.SortStableFunc(want, func(a, b annual.CellRow) int {
			if a.Value.Valid != b.Value.Valid {
				if a.Value.Valid {
					return -1
				}
				return 1
			}
			if c := cmp.Compare(b.Value.V, a.Value.V); c != 0 {
				return c
			}
			return strings.Compare(a.Agency, b.Agency)
		})
		var tot annual.CellTotals
		for _, r := range want {
			tot.Total++
			if r.Value.Valid {
				tot.Valued++
				tot.Sum += r.Value.V
			}
			if !r.Published {
				tot.NoReport++
			}
		}
		if got, err := s.CellTotals(ctx, year, cell, scope); err != nil || got != tot {
			t.Errorf("totals %+v, %v; want %+v", got, err, tot)
		}
		if tot.Valued < 10 || tot.Absent() < 10 || tot.NoReport < 5 {
			t.Fatalf("the random scope tested little: %+v", tot)
		}
		if got, err := s.PendingFactsOf(ctx, year, scope); err != nil || !slices.Equal(got, pending) {
			t.Errorf("pending facts %v, %v; want %v", got, err, pending)
		}
		for _, size := range []int{1, 7, 100} {
			var got []annual.CellRow
			for off := 0; off < len(want)+size; off += size {
				page, err := s.CellPage(ctx, year, cell, scope, off, size)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) > size {
					t.Fatalf("page of %d at %d: %d rows", size, off, len(page))
				}
				got = append(got, page...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pages of %d:\n got %v\nwant %v", size, got, want)
			}
		}
		if got, err := s.CellPage(ctx, year, cell, nil, 0, 10); err != nil || len(got) != 0 {
			t.Errorf("empty scope: %v, %v", got, err)
		}
	})
}

// saveCell stores the facts of agencyID's report on year: cell's value
// v alone.
func saveCell(t *testing.T, s *sqlstore.Store, agencyID int64, year int, cell report.CellID, v report.Num) {
	t.Helper()
	f := annual.Facts{AgencyID: agencyID, Year: year, Cells: []compile.CellValue{{ID: cell, Value: v}}}
	if err := s.SaveReportFacts(context.Background(), f); err != nil {
		t.Fatal(err)
	}
}
