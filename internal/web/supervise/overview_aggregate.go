package supervise

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// Aggregate is tables 二, 三 and 四 summed over the published reports of
// the chosen subtree (annual.Overview, in SQL), every cell linking to the
// agencies behind it; a cell no report has is shown absent, never 0, and
// the agencies whose reports lack cells are listed.
type Aggregate struct {
	Table2   []AggRow
	Columns  []string
	Table3   []AggRow
	Groups   []string
	Outcomes []string
	Table4   []AggRow
	Absences []AbsenceRow
}

// An AggRow is one row of a summed table.
type AggRow struct {
	Group, Label string
	Cells        []AggCell
}

// An AggCell is one summed cell.
type AggCell struct {
	ID, Value, Href string
	Absent          bool
}

// An AbsenceRow is a set of agencies and the cells their reports lack
// (grouped: the agencies without a published report, which lack every
// cell, are one line, listed once); the first few agencies and cells are
// named, the drill-down lists them all.
type AbsenceRow struct {
	Agencies    []string
	AgencyCount int
	NoReport    bool // the agencies without a published report
	Labels      []string
	Count       int
	Href        string // the drill-down of the first cell
}

// absenceNames is how many agencies an absence line names.
const absenceNames = 12

// cellHref is the drill-down of a cell over the filter's subtree.
func cellHref(f Filter, id report.CellID) string {
	v := url.Values{"year": {strconv.Itoa(f.Year)}, "cell": {string(id)}}
	if f.Agency != 0 {
		v.Set("agency", strconv.FormatInt(f.Agency, 10))
	}
	return "/admin/reports/overview/cell?" + v.Encode()
}

func aggregateOf(ov annual.Overview, f Filter) Aggregate {
	ag := Aggregate{Columns: report.ColLabels[:], Groups: report.GroupLabels[:], Outcomes: report.OutcomeLabels[:]}
	agg := ov.Aggregate
	if agg == nil {
		return ag
	}
	cell := func(id report.CellID, v report.Num) AggCell {
		return AggCell{ID: string(id), Value: v.String(), Href: cellHref(f, id), Absent: !v.Valid}
	}
	labels := map[report.CellID]string{}
	for _, c := range agg.Cells() {
		labels[c.ID] = c.Table + " " + c.Label
		switch {
		case c.Table != "表二":
		case c.IsDec: // the fees, 万元, summed in 分 and written back
			ag.Table2 = append(ag.Table2, AggRow{Label: c.Label, Cells: []AggCell{
				{ID: string(c.ID), Value: c.Dec.String(), Href: cellHref(f, c.ID), Absent: !c.Dec.Valid}}})
		default:
			ag.Table2 = append(ag.Table2, AggRow{Label: c.Label, Cells: []AggCell{cell(c.ID, c.Num)}})
		}
	}
	for i, row := range agg.Requests {
		if row == nil {
			continue
		}
		info := report.RowID(i).Info()
		ar := AggRow{Group: info.Group, Label: info.Label}
		for c := report.Col(0); c < report.NumCols; c++ {
			ar.Cells = append(ar.Cells, cell(report.ReqCell(report.RowID(i), c), row[c]))
		}
		ag.Table3 = append(ag.Table3, ar)
	}
	for g, grp := range agg.ReviewLitigation.Groups() {
		ar := AggRow{Label: report.GroupLabels[g]}
		for o, n := range grp.Cells() {
			ar.Cells = append(ar.Cells, cell(report.RLCell(g, o), *n))
		}
		ag.Table4 = append(ag.Table4, ar)
	}
	ag.Absences = absenceRows(ov, f, labels)
	return ag
}

// absenceRows groups the overview's absences: first the agencies without
// a published report (every cell), then the published reports' empty
// cells by the set of agencies leaving them empty — the key is the set's
// size and first and last agency, then the whole set compared, so
// grouping costs one pass over each list, never agencies × cells names.
func absenceRows(ov annual.Overview, f Filter, labels map[report.CellID]string) []AbsenceRow {
	var out []AbsenceRow
	name := func(ids []int64) []string { // the first absenceNames, from the rows (by ID)
		var names []string
		for _, id := range ids[:min(len(ids), absenceNames)] {
			if i, ok := slices.BinarySearchFunc(ov.Rows, id, func(r annual.AgencyStatus, id int64) int { return cmp.Compare(r.AgencyID, id) }); ok {
				names = append(names, ov.Rows[i].Agency)
			}
		}
		return names
	}
	if len(ov.Unpublished) > 0 && len(ov.Absent) > 0 {
		row := AbsenceRow{Agencies: name(ov.Unpublished), AgencyCount: len(ov.Unpublished), NoReport: true,
			Count: len(ov.Absent), Href: cellHref(f, ov.Absent[0].Cell)}
		for _, a := range ov.Absent[:min(3, len(ov.Absent))] {
			row.Labels = append(row.Labels, labels[a.Cell])
		}
		out = append(out, row)
	}
	type group struct {
		i   int
		ids []int64
	}
	at := map[[3]int64][]group{}
	for _, a := range ov.Absent {
		n := a.Empty
		if len(n) == 0 {
			continue
		}
		key := [3]int64{int64(len(n)), n[0], n[len(n)-1]}
		found := -1
		for _, g := range at[key] {
			if slices.Equal(g.ids, n) {
				found = g.i
				break
			}
		}
		if found < 0 {
			found = len(out)
			at[key] = append(at[key], group{i: found, ids: n})
			out = append(out, AbsenceRow{Agencies: name(n), AgencyCount: len(n), Href: cellHref(f, a.Cell)})
		}
		row := &out[found]
		row.Count++
		if len(row.Labels) < 3 {
			row.Labels = append(row.Labels, labels[a.Cell])
		}
	}
	return out
}
