package portal

import "net/http"

// Routes are the portal's routes, the one place every public page is
// declared (pattern → handler); Register adds them to the server's mux.
func (s *Site) Routes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /{$}":                              s.homeShow,
		"GET /catalog":                          s.catalogShow,
		"GET /apply":                            s.requestNew,
		"POST /apply":                           s.requestCreate,
		"GET /apply/status":                     s.requestLookup,
		"POST /apply/status":                    s.requestStatus,
		"POST /apply/status/letter":             s.requestLetter,
		"GET /reports":                          s.reportsList,
		"GET /reports/{agency}/{year}":          s.reportShow,
		"GET /reports/{agency}/{year}/{format}": s.reportDownload,
	}
}

// Register adds the portal's routes to mux, plus the catch-all that
// renders the portal's 404 page for unknown paths.
func (s *Site) Register(mux *http.ServeMux) {
	for pattern, h := range s.Routes() {
		mux.HandleFunc(pattern, h)
	}
	mux.HandleFunc("/", s.notFound)
}
