package supervise

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CellPage lists the agencies behind one cell of the overview's
// aggregate: the value of each published report, the agencies whose
// report leaves it empty and those without a published report — the
// absences, which the sum never counts as 0.
type CellPage struct {
	web.Page
	Filter Filter
	Label  string
	Sum    string // the values added up, as the cell is written
	HasSum bool
	Rows   []CellRow
	Absent int
	Back   string
}

// A CellRow is one agency behind the cell.
type CellRow struct {
	Agency, Value, Href string
	Absent, NoReport    bool
}

// overviewCell drills from a cell of the aggregate to the agencies of the
// subtree behind it, largest values first, absences last.
func (s *Site) overviewCell(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	f := readFilter(r.URL.Query(), s.thisYear())
	id := report.CellID(r.URL.Query().Get("cell"))
	label := ""
	for _, c := range report.Empty(compile.TemplateFor(f.Year)).Cells() {
		if c.ID == id {
			label = c.Table + " " + c.Label
		}
	}
	if label == "" {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, "sup.cell_unknown"))
		return
	}
	scope, err := s.scopeOf(r, rq, f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	rows, err := s.deps.Reports.CellAgencies(r.Context(), scope, f.Year, id)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	slices.SortStableFunc(rows, func(a, b annual.CellRow) int {
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
	pg := CellPage{Page: s.bo.Page(r, rq, "sup.cell.title"), Filter: f, Label: label, Back: f.Query(nil)}
	// The fees cell is stored in millionths of 万元 (report.DecScale) and
	// written back as a decimal.
	text := report.Num.String
	if id == compile.FeesCell {
		text = func(n report.Num) string { return n.Unscaled().String() }
	}
	var sum int64
	for _, c := range rows {
		row := CellRow{Agency: c.Agency, Value: text(c.Value), Href: reportHref(c.AgencyID, f.Year, "cell", string(id)),
			Absent: !c.Value.Valid, NoReport: !c.Published}
		if c.Value.Valid {
			sum, pg.HasSum = sum+c.Value.V, true
		} else {
			pg.Absent++
		}
		pg.Rows = append(pg.Rows, row)
	}
	pg.Sum = text(report.N(sum))
	s.rd.Render(w, r, http.StatusOK, "overview_cell", pg)
}
