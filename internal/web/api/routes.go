package api

import "net/http"

// Routes lists every API route: the one place they are declared. The
// OpenAPI test compares this list with openapi.json.
func (a *API) Routes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /api/v1/openapi.json":                     a.openAPIShow,
		"GET /api/v1/me":                               a.authenticate(a.meShow),
		"GET /api/v1/agencies":                         a.authenticate(a.agenciesList),
		"GET /api/v1/agencies/{id}":                    a.authenticate(a.agencyShow),
		"GET /api/v1/search":                           a.searchList,  // public: 条例第二十四条
		"GET /api/v1/items":                            a.itemsList,   // public, as search
		"GET /api/v1/items/{id}":                       a.itemShow,    // public, as search
		"GET /api/v1/reports":                          a.reportsList, // public: 条例第五十条
		"GET /api/v1/reports/{agency}/{year}":          a.reportShow,
		"GET /api/v1/reports/{agency}/{year}/versions": a.reportVersions,
		"GET /api/v1/overview":                         a.authenticate(a.overviewShow),
		"GET /api/v1/overview/absences":                a.authenticate(a.overviewAbsences),
	}
}

// Register adds the API's routes to mux, plus a JSON 404 for unknown
// paths under /api/.
func (a *API) Register(mux *http.ServeMux) {
	for pattern, h := range a.Routes() {
		mux.HandleFunc(pattern, h)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "not found", "未找到 / not found")
	})
}

func (a *API) openAPIShow(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPI)
}
