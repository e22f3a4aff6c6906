package api

import (
	"net/http"
	"slices"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// AbsencesJSON is GET /api/v1/overview/absences' answer: one cell of the
// overview's absences with every agency lacking it, a page at a time.
type AbsencesJSON struct {
	Year int    `json:"year"`
	Cell string `json:"cell"`
	// Count is how many agencies of the scope lack the cell (0 when every
	// one has it); Empty, how many of them published a report that
	// leaves it empty.
	Count    int                `json:"count"`
	Empty    int                `json:"empty"`
	Page     int                `json:"page"`
	Pages    int                `json:"pages"`
	Agencies []AbsentAgencyJSON `json:"agencies"`
}

// AbsentAgencyJSON is one agency lacking the cell, and why: "missing", it
// has no published report on the year; "empty", its published report
// leaves the cell empty.
type AbsentAgencyJSON struct {
	AgencyID int64  `json:"agency_id"`
	Agency   string `json:"agency"`
	Reason   string `json:"reason"`
}

// overviewAbsences answers GET /api/v1/overview/absences?year=Y&cell=ID
// [&agency=ID][&page=N]: the agencies of the token's scope (or of the
// subtree of agency) that lack cell on year, AbsencePageSize a page in
// agency order — the list the overview's absences count and start. Two
// indexed queries (the statuses and the cell's stored values), whatever
// the page.
func (a *API) overviewAbsences(w http.ResponseWriter, r *http.Request) {
	t, _ := TokenFrom(r.Context())
	if a.deps.Overviews == nil {
		a.fail(w, r, apperr.New(apperr.NotFound, ""))
		return
	}
	year, page, ok := a.yearPage(w, r)
	if !ok {
		return
	}
	cell := report.CellID(r.URL.Query().Get("cell"))
	if !slices.ContainsFunc(compile.StoredCells(report.Empty(compile.TemplateFor(year))), func(c compile.CellValue) bool { return c.ID == cell }) {
		a.fail(w, r, apperr.New(apperr.Invalid, "api.cell_invalid"))
		return
	}
	scope, ok := a.overviewScope(w, r, t.AgencyID)
	if !ok {
		return
	}
	rows, err := a.deps.Overviews.CellAgencies(r.Context(), scope, year, cell)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := AbsencesJSON{Year: year, Cell: string(cell), Page: page, Agencies: []AbsentAgencyJSON{}}
	from := (page - 1) * AbsencePageSize
	for _, c := range rows {
		if c.Published && c.Value.Valid {
			continue
		}
		reason := "missing"
		if c.Published {
			reason = "empty"
			out.Empty++
		}
		if out.Count >= from && out.Count < from+AbsencePageSize {
			out.Agencies = append(out.Agencies, AbsentAgencyJSON{AgencyID: c.AgencyID, Agency: c.Agency, Reason: reason})
		}
		out.Count++
	}
	out.Pages = max(1, (out.Count+AbsencePageSize-1)/AbsencePageSize)
	writeJSON(w, http.StatusOK, out)
}
