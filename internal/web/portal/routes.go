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
		"GET /account":                          s.accountShow,
		"GET /account/requests/{id}":            s.accountRequestShow,
		"GET /account/register":                 s.accountRegisterShow,
		"POST /account/register":                s.accountRegisterSubmit,
		"GET /account/login":                    s.accountLoginShow,
		"POST /account/login":                   s.accountLoginSubmit,
		"POST /account/logout":                  s.accountLogout,
		"GET /account/claim":                    s.accountClaimShow,
		"POST /account/claim":                   s.accountClaimSubmit,
		"GET /account/password":                 s.accountPasswordShow,
		"POST /account/password":                s.accountPasswordSubmit,
	}
}

// Register adds the portal's routes to mux, plus the catch-all that
// renders the portal's 404 page for unknown paths.
func (s *Site) Register(mux *http.ServeMux) {
	for pattern, h := range s.Routes() {
		mux.Handle(pattern, s.withSession(pattern, h))
	}
	mux.HandleFunc("/", s.notFound)
}
