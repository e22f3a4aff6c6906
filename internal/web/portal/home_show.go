package portal

import "net/http"

// HomePage is the data of the home page.
type HomePage struct {
	Page
}

func (s *Site) homeShow(w http.ResponseWriter, r *http.Request) {
	s.rd.Render(w, r, http.StatusOK, "home", HomePage{Page: s.page(r, "home.title")})
}
