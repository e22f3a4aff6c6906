package portal

import "net/http"

// ApplyPage is the data of the 依申请公开 page (a placeholder until the
// application form is built).
type ApplyPage struct {
	Page
}

func (s *Site) applyShow(w http.ResponseWriter, r *http.Request) {
	s.rd.Render(w, r, http.StatusOK, "apply", ApplyPage{Page: s.page(r, "apply.title")})
}
