package supervise

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CellPageSize is how many agencies one page of a cell's drill-down
// lists (as many as a page of GET /api/v1/overview/absences).
const CellPageSize = 100

// CellPage lists the agencies behind one cell of the overview's
// aggregate, a page at a time: the value of each published report, the
// agencies whose report leaves it empty and those without a published
// report — the absences, listed last and never counted as 0.
type CellPage struct {
	web.Page
	Filter Filter
	Label  string
	Sum    string // the values added up, as the cell is written
	HasSum bool
	Rows   []CellRow
	// Total is how many agencies the cell has behind it, on every page;
	// Absent, how many of them lack it (NoReport of those publish none).
	Total, Absent, NoReport int
	// PageNo of Pages; Prev and Next link the neighbouring pages, and
	// AbsentHref the page where the absences start when it is another.
	PageNo, Pages, PageSize int
	Prev, Next, AbsentHref  string
	Back                    string
}

// A CellRow is one agency behind the cell.
type CellRow struct {
	Agency, Value, Href string
	Absent, NoReport    bool
	FirstAbsent         bool // the first absence of the whole list
}

// cellPageOf reads the drill-down's page parameter: 1 when absent, an
// apperr.Invalid (400) for anything but a whole number from 1 to pages.
func cellPageOf(q url.Values, pages int) (int, error) {
	s := q.Get("page")
	if s == "" {
		return 1, nil
	}
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > pages {
		return 0, apperr.New(apperr.Invalid, "sup.page_invalid", pages)
	}
	return p, nil
}

// overviewCell drills from a cell of the aggregate to the agencies of the
// subtree behind it, largest values first, absences last, CellPageSize a
// page; the sum and the counts are of every agency.
func (s *Site) overviewCell(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	q := r.URL.Query()
	f := readFilter(q, s.thisYear())
	id := report.CellID(q.Get("cell"))
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
	tot, err := s.deps.Reports.CellTotals(r.Context(), scope, f.Year, id)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pages := max(1, (tot.Total+CellPageSize-1)/CellPageSize)
	no, err := cellPageOf(q, pages)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	from := (no - 1) * CellPageSize
	rows, err := s.deps.Reports.CellPage(r.Context(), scope, f.Year, id, from, CellPageSize)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := CellPage{Page: s.bo.Page(r, rq, "sup.cell.title"), Filter: f, Label: label, Back: f.Query(nil),
		Total: tot.Total, PageNo: no, Pages: pages, PageSize: CellPageSize,
		HasSum: tot.Valued > 0, Absent: tot.Absent(), NoReport: tot.NoReport}
	href := func(n int) string { return cellPageHref(f, id, n) }
	if no > 1 {
		pg.Prev = href(no - 1)
	}
	if no < pages {
		pg.Next = href(no + 1)
	}
	// The fees cell is stored in millionths of 万元 (report.DecScale) and
	// written back as a decimal.
	text := report.Num.String
	if id == compile.FeesCell {
		text = func(n report.Num) string { return n.Unscaled().String() }
	}
	pg.Sum = text(report.N(tot.Sum))
	first := -1 // the index of the first absence: the values come first
	if pg.Absent > 0 {
		first = tot.Valued
	}
	if first >= 0 && first/CellPageSize+1 != no {
		pg.AbsentHref = href(first/CellPageSize+1) + "#absent-first"
	}
	for i, c := range rows {
		pg.Rows = append(pg.Rows, CellRow{Agency: c.Agency, Value: text(c.Value), Href: reportHref(c.AgencyID, f.Year, "cell", string(id)),
			Absent: !c.Value.Valid, NoReport: !c.Published, FirstAbsent: from+i == first})
	}
	s.rd.Render(w, r, http.StatusOK, "overview_cell", pg)
}

// cellPageHref is page n of the drill-down from cell id on f's year and
// subtree.
func cellPageHref(f Filter, id report.CellID, n int) string {
	h := cellHref(f, id)
	if n > 1 {
		h += "&page=" + strconv.Itoa(n)
	}
	return h
}
