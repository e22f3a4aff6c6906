package portal

import (
	"net/http"
	"sort"

	"github.com/gongkai/gongkai/internal/web"
)

// AgencyReportsPage is 政府信息公开年报 of an agency's 专栏: its published
// annual reports (条例第五十条), newest year first.
type AgencyReportsPage struct {
	Page
	Z       Zhuanlan
	Reports []PublishedRow
}

func (s *Site) agencyReports(w http.ResponseWriter, r *http.Request) {
	a, byID, err := s.agencyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, z := s.zhuanlanPage(r, "zl.reports", a, byID)
	pg := AgencyReportsPage{Page: p, Z: z}
	pg.Title = a.Name + " " + pg.T("zl.reports")
	recs, err := s.deps.Reports.PublishedList(r.Context(), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, rec := range recs {
		if rec.AgencyID == a.ID {
			pg.Reports = append(pg.Reports, PublishedRow{Year: rec.Year, Agency: a.Name,
				Date: rec.PublishedAt.In(web.DisplayZone).Format("2006-01-02"), Href: reportHref(a.ID, rec.Year)})
		}
	}
	sort.Slice(pg.Reports, func(i, j int) bool { return pg.Reports[i].Year > pg.Reports[j].Year })
	s.rd.Render(w, r, http.StatusOK, "agency_reports", pg)
}
