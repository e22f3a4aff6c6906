package office

import (
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// ReportOverviewPage is a 监督员's view of the annual reports of every
// agency in its scope on one year: published or missing, late after the
// 条例第四十九条 deadline, findings per report, and tables 三 and 四 summed
// over the published reports with the cells some agencies lack listed.
type ReportOverviewPage struct {
	web.Page
	Year      int
	Years     []int
	Rows      []OverviewRow
	Published int
	Columns   []string
	Sum       []ReportRow // table 三 summed
	Groups    []string
	Outcomes  []string
	RL        [][]ReportCell
	Absences  []AbsenceRow
}

// An OverviewRow is one agency's line.
type OverviewRow struct {
	Agency, Deadline, Status, Published, Href string
	Late                                      bool
	Errors, Warnings                          int
	HasReport                                 bool
}

// An AbsenceRow is a set of agencies and the cells of tables 三 and 四
// their reports lack (grouped, so an unpublished report is one line).
type AbsenceRow struct {
	Agencies string
	Count    int
	Labels   []string // the first few cells
}

func (s *Site) reportOverview(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	today := s.req.cw.Today()
	year := int(formInt(r.URL.Query().Get("year")))
	if year == 0 {
		year = today.Year() - 1
	}
	ov, err := s.deps.Reports.Overview(r.Context(), staffer(rq), year)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := ReportOverviewPage{Page: s.bo.Page(r, rq, "ov.title"), Year: year, Published: ov.Published,
		Columns: report.ColLabels[:], Groups: report.GroupLabels[:], Outcomes: report.OutcomeLabels[:]}
	for y := today.Year(); y >= today.Year()-5; y-- {
		pg.Years = append(pg.Years, y)
	}
	for _, row := range ov.Rows {
		o := OverviewRow{Agency: row.Agency, Deadline: row.Deadline.String(), Late: row.Late, Errors: row.Errors,
			Warnings: row.Warnings, HasReport: row.Status == annual.Published, Href: reportPath(row.AgencyID, year)}
		switch row.Status {
		case annual.Published:
			o.Status = pg.T("ov.published")
			o.Published = row.PublishedAt.In(web.DisplayZone).Format("2006-01-02")
		case annual.Draft:
			o.Status = pg.T("ov.draft")
		default:
			o.Status = pg.T("ov.missing")
		}
		pg.Rows = append(pg.Rows, o)
	}
	if agg := ov.Aggregate; agg != nil {
		for i, row := range agg.Requests {
			if row == nil {
				continue
			}
			info := report.RowID(i).Info()
			rr := ReportRow{Group: info.Group, Label: info.Label}
			for c := report.Col(0); c < report.NumCols; c++ {
				rr.Cells = append(rr.Cells, ReportCell{Value: row[c].String()})
			}
			pg.Sum = append(pg.Sum, rr)
		}
		for _, grp := range agg.ReviewLitigation.Groups() {
			var cells []ReportCell
			for _, v := range grp.Cells() {
				cells = append(cells, ReportCell{Value: v.String()})
			}
			pg.RL = append(pg.RL, cells)
		}
		labels := map[report.CellID]string{}
		for _, c := range agg.Cells() {
			labels[c.ID] = c.Table + " " + c.Label
		}
		at := map[string]int{}
		for _, a := range ov.Absences {
			key := strings.Join(a.Agencies, "、")
			i, ok := at[key]
			if !ok {
				i = len(pg.Absences)
				at[key] = i
				pg.Absences = append(pg.Absences, AbsenceRow{Agencies: key})
			}
			pg.Absences[i].Count++
			if len(pg.Absences[i].Labels) < 3 {
				pg.Absences[i].Labels = append(pg.Absences[i].Labels, labels[a.Cell])
			}
		}
	}
	s.renderReq(w, r, http.StatusOK, "report_overview", pg)
}
