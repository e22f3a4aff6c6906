package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
)

// RequestLookupPage is the form to follow a request with its tracking
// number and query code.
type RequestLookupPage struct {
	Page
	Tracking string
}

// RequestStatusPage shows a request to its applicant: state, due date
// with the same explanation staff see, the outcome and the notices. It
// never carries personal data (casework.PublicView has none).
type RequestStatusPage struct {
	Page
	View    casework.PublicView
	Lines   []string // the due-date explanation in the page's language
	Letters []LetterLink
	Code    string // the query code the applicant typed, for the letter forms
	// AccountRequest is the request's id when the page is reached through
	// the public account (its files are links then, not code forms).
	AccountRequest int64
}

// statusPage is the status page of v in the frame p, with the due-date
// explanation in the page's language.
func statusPage(p Page, v casework.PublicView) RequestStatusPage {
	pg := RequestStatusPage{Page: p, View: v}
	for _, l := range v.Explanation {
		if pg.Lang == web.LangEN && l.En != "" {
			pg.Lines = append(pg.Lines, l.En)
		} else {
			pg.Lines = append(pg.Lines, l.Zh)
		}
	}
	return pg
}

func (s *Site) requestLookup(w http.ResponseWriter, r *http.Request) {
	s.rd.Render(w, r, http.StatusOK, "request_lookup", RequestLookupPage{Page: s.page(r, "req.lookup.title")})
}

// requestStatus answers the lookup form. The code travels in a POST body,
// never in a URL, so it stays out of logs and browser history; a wrong
// code and an unknown number look the same.
func (s *Site) requestStatus(w http.ResponseWriter, r *http.Request) {
	tracking := strings.TrimSpace(r.PostFormValue("tracking"))
	code := strings.TrimSpace(r.PostFormValue("code"))
	v, err := s.deps.Requests.Lookup(r.Context(), tracking, code)
	if err != nil {
		if !errors.Is(err, apperr.NotFound) {
			s.fail(w, r, err)
			return
		}
		pg := RequestLookupPage{Page: s.page(r, "req.lookup.title"), Tracking: tracking}
		pg.Errors = []string{pg.T("req.lookup.failed")}
		w.Header().Set("Cache-Control", "no-store")
		s.rd.Render(w, r, http.StatusNotFound, "request_lookup", pg)
		return
	}
	pg := statusPage(s.page(r, "req.status.title"), v)
	pg.Code = code
	for _, k := range v.Letters {
		pg.Letters = append(pg.Letters, LetterLink{Kind: string(k), Label: web.LetterLabels[k]})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.rd.Render(w, r, http.StatusOK, "request_status", pg)
}
