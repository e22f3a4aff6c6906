package supervise

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// TestAbsenceRows checks how the page groups the absences: the agencies
// without a published report once, as one line over every cell, then the
// cells left empty grouped by the agencies leaving them empty — never a
// line per cell repeating the unpublished agencies.
func TestAbsenceRows(t *testing.T) {
	rows := func(n int) []annual.AgencyStatus {
		var out []annual.AgencyStatus
		for i := 1; i <= n; i++ {
			out = append(out, annual.AgencyStatus{AgencyID: int64(i), Agency: fmt.Sprintf("局%d", i)})
		}
		return out
	}
	a, b, c := report.CellID("a"), report.CellID("b"), report.CellID("c")
	labels := map[report.CellID]string{a: "表三 a", b: "表三 b", c: "表四 c"}
	f := Filter{Year: 2025}
	for _, tc := range []struct {
		name string
		ov   annual.Overview
		want []AbsenceRow
	}{
		{"none", annual.Overview{Rows: rows(3)}, nil},
		{"unpublished only", annual.Overview{Rows: rows(20), Unpublished: []int64{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
			Absent: []annual.CellAbsence{{Cell: a, Count: 14}, {Cell: b, Count: 14}, {Cell: c, Count: 14}}},
			[]AbsenceRow{{Agencies: []string{"局2", "局3", "局4", "局5", "局6", "局7", "局8", "局9", "局10", "局11", "局12", "局13"}, AgencyCount: 14,
				NoReport: true, Labels: []string{"表三 a", "表三 b", "表四 c"}, Count: 3, Href: cellHref(f, a)}}},
		{"empties grouped", annual.Overview{Rows: rows(5), Unpublished: []int64{5},
			Absent: []annual.CellAbsence{{Cell: a, Count: 3, Empty: []int64{1, 3}}, {Cell: b, Count: 2, Empty: []int64{2}}, {Cell: c, Count: 3, Empty: []int64{1, 3}}}},
			[]AbsenceRow{
				{Agencies: []string{"局5"}, AgencyCount: 1, NoReport: true, Labels: []string{"表三 a", "表三 b", "表四 c"}, Count: 3, Href: cellHref(f, a)},
				{Agencies: []string{"局1", "局3"}, AgencyCount: 2, Labels: []string{"表三 a", "表四 c"}, Count: 2, Href: cellHref(f, a)},
				{Agencies: []string{"局2"}, AgencyCount: 1, Labels: []string{"表三 b"}, Count: 1, Href: cellHref(f, b)}}},
		{"same ends, other sets", annual.Overview{Rows: rows(5),
			Absent: []annual.CellAbsence{{Cell: a, Count: 3, Empty: []int64{1, 2, 4}}, {Cell: b, Count: 3, Empty: []int64{1, 3, 4}}}},
			[]AbsenceRow{
				{Agencies: []string{"局1", "局2", "局4"}, AgencyCount: 3, Labels: []string{"表三 a"}, Count: 1, Href: cellHref(f, a)},
				{Agencies: []string{"局1", "局3", "局4"}, AgencyCount: 3, Labels: []string{"表三 b"}, Count: 1, Href: cellHref(f, b)}}},
	} {
		if got := absenceRows(tc.ov, f, labels); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n%+v\nwant\n%+v", tc.name, got, tc.want)
		}
	}
}
