package office

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestReportPage shows tables 三 and 四 of an agency's annual report
// compiled from its records (regulation.md §7); every non-zero cell links
// to the requests behind it. Table 二 and the text are entered by hand in
// the editor (when the annual-report service is wired), which also shows
// the findings, publishes and downloads.
type RequestReportPage struct {
	web.Page
	Editor   *ReportEditor // nil without Deps.Reports
	AgencyID int64
	Agency   string
	Agencies []AgencyRow
	Year     int
	Years    []int
	Cases    int
	Columns  []string
	Rows     []ReportRow
	Groups   []string
	Outcomes []string
	RL       [][]ReportCell // three groups of five
	// Highlighted are the findings to mark (by index): those of the rule
	// ?finding= names and those about the cell ?cell= names (links from
	// the supervisor's overview). The cells they concern in tables 三 and
	// 四, and the cell named, are marked too; the first marked cell, else
	// the first marked finding (FindingAt), carries id="flagged", where
	// the link scrolls.
	Highlighted []int
	FindingAt   int
}

// A ReportRow is one row of table 三.
type ReportRow struct {
	Group, Label string
	Cells        []ReportCell
}

// A ReportCell is one number with the link to its requests ("" for 0).
type ReportCell struct {
	Value string
	Href  string
	// Flagged marks a cell of the highlighted finding; Anchor is
	// "flagged" on the first one.
	Flagged bool
	Anchor  string
}

// RequestCellPage lists the requests counted in one compiled cell.
type RequestCellPage struct {
	web.Page
	Agency string
	Label  string
	Year   int
	Back   string
	Rows   []RequestRow
}

// reportInput reads and checks ?agency= and ?year=: the user must have
// report.read on the agency.
func (s *Site) reportInput(r *http.Request, rq *backoffice.Request) (agencyID int64, name string, year int, err error) {
	agencyID = requestAgency(r, rq, auth.ReportRead)
	if !auth.Can(rq.Subject, auth.ReportRead, agencyID) {
		return 0, "", 0, apperr.New(apperr.NotFound, "")
	}
	year = int(formInt(r.URL.Query().Get("year")))
	if year == 0 {
		year = s.req.cw.Today().Year() - 1
	}
	if year < 2008 || year > s.req.cw.Today().Year() {
		return 0, "", 0, apperr.New(apperr.Invalid, "annual.year_range")
	}
	a, err := s.deps.AgencyStore.Agency(r.Context(), agencyID)
	return agencyID, a.Name, year, err
}

func cellHref(agencyID int64, year int, id report.CellID) string {
	return "/admin/requests/report/cell?" + url.Values{"agency": {strconv.FormatInt(agencyID, 10)},
		"year": {strconv.Itoa(year)}, "cell": {string(id)}}.Encode()
}

func (s *Site) requestReport(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.reportPage(w, r, rq, http.StatusOK, nil, nil)
}

// reportPage renders the report page with status; errs and the posted
// form, when given, are shown again in the editor.
func (s *Site) reportPage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, errs []string, form url.Values) {
	agencyID, name, year, err := s.reportInput(r, rq)
	var res *compile.Result
	var n int
	var ed *ReportEditor
	switch {
	case err != nil:
	case s.deps.Reports != nil:
		var b annual.Built
		if b, err = s.deps.Reports.Build(r.Context(), staffer(rq), agencyID, year); err == nil {
			res, n = &compile.Result{Report: b.Report, Cells: b.Cells}, b.Cases
			ed, err = s.editor(r.Context(), rq, b, form)
		}
	default:
		res, n, err = s.req.cw.Compile(r.Context(), agencyID, name, year)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := RequestReportPage{Page: s.bo.Page(r, rq, "rep.title"), Editor: ed, AgencyID: agencyID, Agency: name, Year: year, Cases: n,
		Agencies: s.agencyChoices(r, func(id int64) bool { return auth.Can(rq.Subject, auth.ReportRead, id) }), Columns: report.ColLabels[:], Groups: report.GroupLabels[:], Outcomes: report.OutcomeLabels[:]}
	for y := s.req.cw.Today().Year(); y >= s.req.cw.Today().Year()-5; y-- {
		pg.Years = append(pg.Years, y)
	}
	rep := res.Report
	flagged, anchored := map[report.CellID]bool{}, false
	pg.FindingAt = -1
	hl, hc := r.URL.Query().Get("finding"), report.CellID(r.URL.Query().Get("cell"))
	if hc != "" {
		flagged[hc] = true
	}
	if ed != nil && (hl != "" || hc != "") {
		for i, f := range ed.Findings {
			if f.Rule != hl && !slices.Contains(f.Cells, hc) {
				continue
			}
			pg.Highlighted = append(pg.Highlighted, i)
			if pg.FindingAt < 0 {
				pg.FindingAt = i
			}
			for _, c := range f.Cells {
				flagged[c] = true
			}
		}
	}
	cell := func(id report.CellID, v report.Num) ReportCell {
		c := ReportCell{Value: v.String(), Flagged: flagged[id]}
		if v.Valid && v.V > 0 && len(res.Cells[id]) > 0 {
			c.Href = cellHref(agencyID, year, id)
		}
		if c.Flagged && !anchored {
			c.Anchor, anchored = "flagged", true
		}
		return c
	}
	for i, row := range rep.Requests {
		if row == nil {
			continue
		}
		info := report.RowID(i).Info()
		rr := ReportRow{Group: info.Group, Label: info.Label}
		for c := report.Col(0); c < report.NumCols; c++ {
			rr.Cells = append(rr.Cells, cell(report.ReqCell(report.RowID(i), c), row[c]))
		}
		pg.Rows = append(pg.Rows, rr)
	}
	for g, grp := range rep.ReviewLitigation.Groups() {
		var cells []ReportCell
		for o, v := range grp.Cells() {
			cells = append(cells, cell(report.RLCell(g, o), *v))
		}
		pg.RL = append(pg.RL, cells)
	}
	if anchored {
		pg.FindingAt = -1
	}
	pg.Errors = errs
	s.renderReq(w, r, status, "request_report", pg)
}

// requestReportCell lists the requests counted in one cell of the
// compiled tables, each linking to its page.
func (s *Site) requestReportCell(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, name, year, err := s.reportInput(r, rq)
	var res *compile.Result
	if err == nil {
		res, _, err = s.req.cw.Compile(r.Context(), agencyID, name, year)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	id := report.CellID(r.URL.Query().Get("cell"))
	label := ""
	for _, c := range res.Report.Cells() {
		if c.ID == id {
			label = c.Table + " " + c.Label
		}
	}
	if label == "" {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, ""))
		return
	}
	// Only the cell's requests, not the agency's whole list.
	recs, err := s.req.cw.List(r.Context(), staffer(rq), casework.Filter{AgencyID: agencyID, Trackings: append([]string{}, res.Cells[id]...)})
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	byTracking := map[string]casework.Record{}
	for _, rec := range recs {
		byTracking[rec.Tracking] = rec
	}
	pg := RequestCellPage{Page: s.bo.Page(r, rq, "rep.cell.title"), Agency: name, Label: label, Year: year,
		Back: reportPath(agencyID, year)}
	for _, tr := range res.Cells[id] {
		rec, ok := byTracking[tr]
		if !ok {
			pg.Rows = append(pg.Rows, RequestRow{Tracking: tr})
			continue
		}
		pg.Rows = append(pg.Rows, requestRow(pg.Page, rec))
	}
	s.renderReq(w, r, http.StatusOK, "request_cell", pg)
}
