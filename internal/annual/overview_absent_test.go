package annual_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// checkAbsentPages checks an overview's absences read a page at a time:
// each cell's count is never 0 and is its agencies' number, the pages put
// end to end are the whole list in agency order, the unpublished agencies
// are those of the rows without a published report, and the others
// published the cell empty.
func checkAbsentPages(t *testing.T, ov annual.Overview) {
	t.Helper()
	published := map[int64]bool{}
	for _, r := range ov.Rows {
		published[r.AgencyID] = r.Status == annual.Published
	}
	for _, a := range ov.Absent {
		all := ov.AbsentAgencies(a, 0, a.Count+5)
		if a.Count == 0 || len(all) != a.Count || a.Count != len(ov.Unpublished)+len(a.Empty) {
			t.Fatalf("%s: count %d, %d listed, %d unpublished, %d empty", a.Cell, a.Count, len(all), len(ov.Unpublished), len(a.Empty))
		}
		var paged []annual.AbsentAgency
		for from := 0; from < a.Count; from += 3 {
			page := ov.AbsentAgencies(a, from, 3)
			if len(page) == 0 || len(page) > 3 {
				t.Fatalf("%s: page from %d has %d agencies", a.Cell, from, len(page))
			}
			paged = append(paged, page...)
		}
		if !reflect.DeepEqual(paged, all) {
			t.Fatalf("%s: the pages\n%v\nare not the list\n%v", a.Cell, paged, all)
		}
		for i, ag := range all {
			if i > 0 && all[i-1].AgencyID >= ag.AgencyID {
				t.Fatalf("%s: not in agency order: %v", a.Cell, all)
			}
			if ag.Published != published[ag.AgencyID] || ag.Agency == "" {
				t.Fatalf("%s: %+v; published %v", a.Cell, ag, published[ag.AgencyID])
			}
		}
		if p := ov.AbsentAgencies(a, a.Count, 3); p != nil {
			t.Fatalf("%s: a page past the end: %v", a.Cell, p)
		}
	}
}

// checkCellAbsences checks that the drill-down of each absent cell
// (Service.CellAgencies, what GET /api/v1/overview/absences pages
// through) lists the same agencies as the overview, and that a cell the
// overview does not list as absent has a value from every agency.
func checkCellAbsences(t *testing.T, svc *annual.Service, scope []int64, ov annual.Overview) {
	t.Helper()
	absent := map[report.CellID]annual.CellAbsence{}
	for _, a := range ov.Absent {
		absent[a.Cell] = a
	}
	for _, id := range []report.CellID{report.ReqCell(report.New, report.ColTotal), report.ReqCell(report.New, report.NaturalPerson), report.RLCell(0, 4)} {
		rows, err := svc.CellAgencies(context.Background(), scope, ov.Year, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []annual.AbsentAgency
		for _, r := range rows {
			if !r.Published || !r.Value.Valid {
				got = append(got, annual.AbsentAgency{AgencyID: r.AgencyID, Agency: r.Agency, Published: r.Published})
			}
		}
		a := absent[id]
		if want := ov.AbsentAgencies(a, 0, a.Count); !reflect.DeepEqual(got, want) {
			t.Errorf("cell %s: the drill-down's absences\n%v\nthe overview's\n%v", id, got, want)
		}
	}
}
