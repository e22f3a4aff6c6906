package portal

import "net/http"

// CatalogPage is the data of the 信息公开目录 page (a placeholder until the
// catalogue is built).
type CatalogPage struct {
	Page
}

func (s *Site) catalogShow(w http.ResponseWriter, r *http.Request) {
	s.rd.Render(w, r, http.StatusOK, "catalog", CatalogPage{Page: s.page(r, "catalog.title")})
}
