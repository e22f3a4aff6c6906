package portal

import (
	"net/http"
	"time"
)

// ReportsPage lists the annual reports by agency. Until reports are
// stored it shows every agency with the latest year marked as not yet
// published.
type ReportsPage struct {
	Page
	Year int // the latest reporting year (the previous calendar year)
	Rows []ReportRow
}

// A ReportRow is one agency's entry in the report list.
type ReportRow struct {
	Agency    string
	Published bool
}

func (s *Site) reportsList(w http.ResponseWriter, r *http.Request) {
	pg := ReportsPage{Page: s.page(r, "reports.title"), Year: time.Now().Year() - 1}
	if s.deps.Agencies != nil {
		as, err := s.deps.Agencies.ListAgencies(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, a := range as {
			pg.Rows = append(pg.Rows, ReportRow{Agency: a.Name})
		}
	}
	s.rd.Render(w, r, http.StatusOK, "reports", pg)
}
