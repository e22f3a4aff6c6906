package portal

import "net/http"

// Routes are the portal's routes, the one place every public page is
// declared (pattern → handler); Register adds them to the server's mux.
func (s *Site) Routes() map[string]http.HandlerFunc {
	requests := s.when(s.deps.Requests != nil)
	reports := s.when(s.deps.Reports != nil)
	accounts := s.when(s.deps.Accounts != nil && s.deps.PublicSessions != nil)
	return map[string]http.HandlerFunc{
		"GET /{$}":                              s.homeShow,
		"GET /catalog":                          s.catalogShow,
		"GET /apply":                            s.requestNew,
		"POST /apply":                           requests(s.requestCreate),
		"GET /apply/status":                     s.requestLookup,
		"POST /apply/status":                    requests(s.requestStatus),
		"POST /apply/status/letter":             requests(s.requestLetter),
		"GET /reports":                          s.reportsList,
		"GET /reports/{agency}/{year}":          reports(s.reportShow),
		"GET /reports/{agency}/{year}/{format}": reports(s.reportDownload),
		"GET /account":                          accounts(s.accountShow),
		"GET /account/requests/{id}":            accounts(s.accountRequestShow),
		"GET /account/register":                 accounts(s.accountRegisterShow),
		"POST /account/register":                accounts(s.accountRegisterSubmit),
		"GET /account/login":                    accounts(s.accountLoginShow),
		"POST /account/login":                   accounts(s.accountLoginSubmit),
		"POST /account/logout":                  accounts(s.accountLogout),
		"GET /account/claim":                    accounts(s.accountClaimShow),
		"POST /account/claim":                   accounts(s.accountClaimSubmit),
		"GET /account/password":                 accounts(s.accountPasswordShow),
		"POST /account/password":                accounts(s.accountPasswordSubmit),
	}
}

// when keeps a handler when ok and otherwise answers 404: a site built
// without a service (Deps.Requests, Reports, Accounts) has no such pages.
func (s *Site) when(ok bool) func(http.HandlerFunc) http.HandlerFunc {
	return func(h http.HandlerFunc) http.HandlerFunc {
		if ok {
			return h
		}
		return s.notFound
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
