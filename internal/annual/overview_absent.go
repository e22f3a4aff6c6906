package annual

import (
	"cmp"
	"slices"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// A CellAbsence is a cell of tables 二, 三 and 四 that some agencies of an
// overview lack: every agency without a published report (the overview's
// Unpublished, the same for every cell) and the agencies whose published
// report leaves the cell empty. An absence is listed, never counted as 0.
type CellAbsence struct {
	Cell report.CellID
	// Count is how many agencies lack the cell: len(Unpublished) +
	// len(Empty), never 0.
	Count int
	// Empty lists the agencies whose published report leaves the cell
	// empty, by ID.
	Empty []int64
}

// An AbsentAgency is one agency lacking a cell, and why: it has no
// published report (Published false), or its report leaves the cell
// empty.
type AbsentAgency struct {
	AgencyID  int64
	Agency    string
	Published bool
}

// AbsentAgencies returns at most n of the agencies lacking a's cell,
// skipping the first from, in agency ID order (the order of Rows): the
// unpublished ones and those leaving it empty merged. A page costs from+n
// steps of the merge, not a list of every absent agency.
func (ov Overview) AbsentAgencies(a CellAbsence, from, n int) []AbsentAgency {
	if from < 0 || n <= 0 || from >= a.Count {
		return nil
	}
	out := make([]AbsentAgency, 0, min(n, a.Count-from))
	u, e := ov.Unpublished, a.Empty
	for i := 0; len(out) < n && (len(u) > 0 || len(e) > 0); i++ {
		var id int64
		published := false
		if len(e) == 0 || (len(u) > 0 && u[0] < e[0]) {
			id, u = u[0], u[1:]
		} else {
			id, e, published = e[0], e[1:], true
		}
		if i >= from {
			out = append(out, AbsentAgency{AgencyID: id, Agency: ov.name(id), Published: published})
		}
	}
	return out
}

// name is the name of the agency of Rows with id (Rows are by ID).
func (ov Overview) name(id int64) string {
	if i, ok := slices.BinarySearchFunc(ov.Rows, id, func(r AgencyStatus, id int64) int { return cmp.Compare(r.AgencyID, id) }); ok {
		return ov.Rows[i].Agency
	}
	return ""
}

// Absences lists every absent cell with the names of every agency lacking
// it, as compile.Aggregate does: agencies × cells long when many agencies
// have no report, so for small scopes and tests (the API and the page
// list a page of them and count the rest).
func (ov Overview) Absences() []compile.Absence {
	var out []compile.Absence
	for _, a := range ov.Absent {
		names := make([]string, 0, a.Count)
		for _, ag := range ov.AbsentAgencies(a, 0, a.Count) {
			names = append(names, ag.Agency)
		}
		out = append(out, compile.Absence{Cell: a.Cell, Agencies: names})
	}
	return out
}
