package portal

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/catalog"
)

// HomePage is the data of the home page: the site's name, the 专栏 of
// the agencies it hosts and the latest items of them all.
type HomePage struct {
	Page
	Tree   []AgencyNode
	Latest []ItemRow
}

func (s *Site) homeShow(w http.ResponseWriter, r *http.Request) {
	pg := HomePage{Page: s.page(r, "home.title")}
	as, byID, err := s.agencies(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Tree = agencyTree(as)
	recs, err := s.deps.Catalog.PublicList(r.Context(), catalog.PublicQuery{Limit: latestCount})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Latest = s.itemRows(&pg.Page, recs, byID)
	pg.Feeds = append(pg.Feeds, feedLink(&pg.Page, "/catalog/feed.atom", pg.SiteName))
	s.rd.Render(w, r, http.StatusOK, "home", pg)
}
