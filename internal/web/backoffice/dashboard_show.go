package backoffice

import (
	"html/template"
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
)

// DashboardPage is the data of the back office's first page.
type DashboardPage struct {
	web.Page
	Name   string
	Agency string
	Links  []DashboardLink
	// Panels are the sections' panels (Panel), shown above the cards.
	Panels []template.HTML
	// Notices are the user's account notices (a lockout from some
	// address), shown once: the dashboard is the first page after a
	// sign-in (#10 item 7).
	Notices []string
}

// A DashboardLink is one card of the dashboard.
type DashboardLink struct {
	Href, Label, Text string
}

func (s *Site) dashboardShow(w http.ResponseWriter, r *http.Request, rq *Request) {
	p := s.Page(r, rq, "dashboard.title")
	pg := DashboardPage{Page: p, Name: p.Viewer.Name}
	notices, err := s.deps.Auth.TakeNotices(r.Context(), rq.User.ID)
	if err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	pg.Notices = p.Notices(notices)
	if a, err := s.deps.AgencyStore.Agency(r.Context(), rq.User.AgencyID); err == nil {
		pg.Agency = a.Name
	}
	for _, l := range s.links(rq) {
		if l.TextKey == "" {
			continue
		}
		pg.Links = append(pg.Links, DashboardLink{Href: l.Href, Label: p.T(l.Key), Text: p.T(l.TextKey)})
	}
	for _, sec := range s.sections {
		if pn, ok := sec.(Panel); ok {
			if h := pn.Panel(r, rq, p); h != "" {
				pg.Panels = append(pg.Panels, h)
			}
		}
	}
	s.rd.Render(w, r, http.StatusOK, "dashboard", pg)
}
