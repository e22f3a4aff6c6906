package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// Overviews computes a supervisor's overview and drills into a cell;
// *annual.Service is one.
type Overviews interface {
	OverviewOf(ctx context.Context, scope []int64, year int) (annual.Overview, error)
	CellAgencies(ctx context.Context, scope []int64, year int, cell report.CellID) ([]annual.CellRow, error)
}

// OverviewPageSize is how many rows one page of GET /api/v1/overview has.
const OverviewPageSize = 100

// AbsencePreview is how many agencies an element of the overview's
// absences names: the first of page 1 of GET /api/v1/overview/absences.
// With every missing agency named under every cell (about 200 of them),
// a province's answer was agencies × cells long (40.8 MB for 4,960
// missing); it is now at most cells × AbsencePreview names.
const AbsencePreview = 20

// AbsencePageSize is how many agencies one page of GET
// /api/v1/overview/absences lists.
const AbsencePageSize = 100

// OverviewJSON is GET /api/v1/overview's answer.
type OverviewJSON struct {
	Year   int               `json:"year"`
	Counts OverviewCounts    `json:"counts"`
	Page   int               `json:"page"`
	Pages  int               `json:"pages"`
	Rows   []OverviewRowJSON `json:"rows"`
	// Aggregate maps each whole-number cell id to its sum over the
	// published reports, null when none has it (an absence is never 0).
	Aggregate map[string]*int64 `json:"aggregate"`
	// AggregateDecimal maps each decimal cell id (table 二's fees, 万元) to
	// its sum as a decimal string, null when none has it.
	AggregateDecimal map[string]*string `json:"aggregate_decimal"`
	Absences         []AbsenceJSON      `json:"absences"`
}

// OverviewCounts are the overview's totals: agencies that owe a report,
// published, late (missing ones past their deadline included), missing,
// and published with an error-severity finding.
type OverviewCounts struct {
	Agencies  int `json:"agencies"`
	Published int `json:"published"`
	Late      int `json:"late"`
	Missing   int `json:"missing"`
	Errors    int `json:"errors"`
}

// OverviewRowJSON is one agency's line.
type OverviewRowJSON struct {
	AgencyID    int64      `json:"agency_id"`
	Agency      string     `json:"agency"`
	Deadline    string     `json:"deadline"`
	Status      string     `json:"status"` // published, draft or missing
	PublishedAt *time.Time `json:"published_at"`
	Late        bool       `json:"late"`
	Errors      int        `json:"errors"`
	Warnings    int        `json:"warnings"`
}

// AbsenceJSON is a cell of tables 二/三/四 and the agencies that lack it:
// how many (never 0), how many of them published a report that leaves it
// empty (the others have published none), and the first AbsencePreview
// of them by name in agency order — all of them when Count is no more;
// GET /api/v1/overview/absences pages through every one.
type AbsenceJSON struct {
	Cell     string   `json:"cell"`
	Count    int      `json:"count"`
	Empty    int      `json:"empty"`
	Agencies []string `json:"agencies"`
}

// overviewShow answers GET /api/v1/overview?year=Y[&agency=ID][&status=
// late|missing|errors][&page=N] to a token of a supervising office (one
// with agencies below it or overseeing another): the overview of its
// scope, or of the subtree of agency within it.
func (a *API) overviewShow(w http.ResponseWriter, r *http.Request) {
	t, _ := TokenFrom(r.Context())
	if a.deps.Overviews == nil {
		a.fail(w, r, apperr.New(apperr.NotFound, ""))
		return
	}
	q := r.URL.Query()
	year, page, ok := a.yearPage(w, r)
	if !ok {
		return
	}
	status := q.Get("status")
	if !slices.Contains([]string{"", annual.StatusLate, annual.StatusMissing, annual.StatusErrors}, status) {
		a.fail(w, r, apperr.New(apperr.Invalid, "api.status_invalid"))
		return
	}
	scope, ok := a.overviewScope(w, r, t.AgencyID)
	if !ok {
		return
	}
	ov, err := a.deps.Overviews.OverviewOf(r.Context(), scope, year)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, overviewJSON(ov, status, page))
}

func overviewJSON(ov annual.Overview, status string, page int) OverviewJSON {
	out := OverviewJSON{Year: ov.Year, Page: page, Rows: []OverviewRowJSON{}, Aggregate: map[string]*int64{},
		AggregateDecimal: map[string]*string{}, Absences: []AbsenceJSON{}}
	c := ov.Counts()
	out.Counts = OverviewCounts{Agencies: c.Agencies, Published: c.Published, Late: c.Late, Missing: c.Missing, Errors: c.Errors}
	var rows []OverviewRowJSON
	for _, r := range ov.Rows {
		if !r.Is(status) {
			continue
		}
		published := r.Status == annual.Published
		j := OverviewRowJSON{AgencyID: r.AgencyID, Agency: r.Agency, Deadline: r.Deadline.String(), Status: string(r.Status),
			Late: r.Late, Errors: r.Errors, Warnings: r.Warnings}
		if j.Status == "" {
			j.Status = "missing"
		}
		if published {
			p := r.PublishedAt.UTC()
			j.PublishedAt = &p
		}
		rows = append(rows, j)
	}
	out.Pages = max(1, (len(rows)+OverviewPageSize-1)/OverviewPageSize)
	if from := (page - 1) * OverviewPageSize; from < len(rows) {
		out.Rows = rows[from:min(from+OverviewPageSize, len(rows))]
	}
	if ov.Aggregate != nil {
		for _, c := range compile.CellValues(ov.Aggregate) {
			var v *int64
			if c.Value.Valid {
				n := c.Value.V
				v = &n
			}
			out.Aggregate[string(c.ID)] = v
		}
		var fees *string
		if d := ov.Aggregate.Proactive.FeesWanYuan; d.Valid {
			fees = &d.S
		}
		out.AggregateDecimal[string(compile.FeesCell)] = fees
	}
	for _, a := range ov.Absent {
		names := make([]string, 0, min(a.Count, AbsencePreview))
		for _, ag := range ov.AbsentAgencies(a, 0, AbsencePreview) {
			names = append(names, ag.Agency)
		}
		out.Absences = append(out.Absences, AbsenceJSON{Cell: string(a.Cell), Count: a.Count, Empty: len(a.Empty), Agencies: names})
	}
	return out
}

// yearPage reads the year and page parameters (page 1 when absent),
// answering 400 and false when either is not a number.
func (a *API) yearPage(w http.ResponseWriter, r *http.Request) (year, page int, ok bool) {
	q := r.URL.Query()
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil {
		a.fail(w, r, apperr.New(apperr.Invalid, "annual.year_range"))
		return 0, 0, false
	}
	page = 1
	if p := q.Get("page"); p != "" {
		if page, err = strconv.Atoi(p); err != nil || page < 1 {
			a.fail(w, r, apperr.New(apperr.Invalid, "api.page_invalid"))
			return 0, 0, false
		}
	}
	return year, page, true
}

// overviewScope is the scope a token of agencyID supervises (403 for an
// agency that supervises none), narrowed to the subtree of the agency
// parameter when given (404 outside the scope).
func (a *API) overviewScope(w http.ResponseWriter, r *http.Request, agencyID int64) ([]int64, bool) {
	scope, err := agency.Scope(r.Context(), a.deps.Agencies, agencyID)
	if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	if len(scope) < 2 {
		a.fail(w, r, apperr.New(apperr.Forbidden, "annual.overview_forbidden"))
		return nil, false
	}
	if s := r.URL.Query().Get("agency"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || !slices.Contains(scope, id) {
			a.fail(w, r, apperr.New(apperr.NotFound, "agency.not_found"))
			return nil, false
		}
		if scope, err = a.deps.Agencies.Subtree(r.Context(), id); err != nil {
			a.fail(w, r, err)
			return nil, false
		}
	}
	return scope, true
}
