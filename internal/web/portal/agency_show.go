package portal

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
)

// AgencyPage is the home of an agency's 政府信息公开专栏: its entries, its
// latest items and the 专栏 of the agencies below it.
type AgencyPage struct {
	Page
	Z        Zhuanlan
	Latest   []ItemRow
	Total    int
	Children []AgencyLink
}

func (s *Site) agencyShow(w http.ResponseWriter, r *http.Request) {
	a, byID, err := s.agencyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, z := s.zhuanlanPage(r, "zl.index.title", a, byID)
	pg := AgencyPage{Page: p, Z: z}
	pg.Title = a.Name + " " + pg.T("zl.index.title")
	q := catalog.PublicQuery{AgencyIDs: []int64{a.ID}, Limit: latestCount}
	recs, err := s.deps.Catalog.PublicList(r.Context(), q)
	if err == nil {
		pg.Total, err = s.deps.Catalog.PublicCount(r.Context(), q)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Latest = s.itemRows(&pg.Page, recs, byID)
	pg.Children = childLinks(a.ID, byID)
	s.rd.Render(w, r, http.StatusOK, "agency", pg)
}

// childLinks returns the 专栏 of the agencies directly below id.
func childLinks(id int64, byID map[int64]agency.Agency) []AgencyLink {
	var kids []agency.Agency
	for _, a := range byID {
		if a.ParentID == id {
			kids = append(kids, a)
		}
	}
	var out []AgencyLink
	for _, n := range agencyTree(kids) {
		out = append(out, n.AgencyLink)
	}
	return out
}

// feedLink is an Atom feed link titled for p's language.
func feedLink(p *Page, href, name string) web.FeedLink {
	return web.FeedLink{Href: href, Title: name + " " + p.T("feed.title")}
}
