package admin

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
)

// DashboardPage is the data of the back office's first page.
type DashboardPage struct {
	web.Page
	Name   string
	Agency string
	Links  []DashboardLink
	// Requests is the 依申请公开 panel (request_summary.go); nil hides it.
	Requests *RequestSummary
}

// A DashboardLink is one card of the dashboard.
type DashboardLink struct {
	Href, Label, Text string
}

func (s *Site) dashboardShow(w http.ResponseWriter, r *http.Request, rq *Request) {
	p := s.page(r, rq, "dashboard.title")
	pg := DashboardPage{Page: p, Name: p.Viewer.Name}
	if a, err := s.deps.AgencyStore.Agency(r.Context(), rq.User.AgencyID); err == nil {
		pg.Agency = a.Name
	}
	for _, l := range s.links(rq) {
		if l.TextKey == "" {
			continue
		}
		pg.Links = append(pg.Links, DashboardLink{Href: l.Href, Label: p.T(l.Key), Text: p.T(l.TextKey)})
	}
	pg.Requests = s.requestSummary(r, rq)
	s.rd.Render(w, r, http.StatusOK, "dashboard", pg)
}
