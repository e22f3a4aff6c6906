package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/web"
)

// A LetterLink is a letter the status page offers: it is fetched by a
// POST carrying the tracking number and query code, never by a URL.
type LetterLink struct {
	Kind, Label string
}

// requestLetter sends a letter to its applicant as a printable page or,
// with format=docx, as a Word file.
func (s *Site) requestLetter(w http.ResponseWriter, r *http.Request) {
	l, err := s.deps.Requests.PublicLetter(r.Context(), strings.TrimSpace(r.PostFormValue("tracking")),
		strings.TrimSpace(r.PostFormValue("code")), r.PostFormValue("kind"))
	if err != nil {
		if errors.Is(err, apperr.NotFound) {
			s.notFound(w, r)
			return
		}
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if err := web.WriteLetter(w, l, r.PostFormValue("format")); err != nil {
		s.fail(w, r, err)
	}
}
