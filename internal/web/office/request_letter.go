package office

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// A LetterLink is one letter of a request the page links to.
type LetterLink struct {
	Kind, Label string
}

// requestLetter sends one letter of a request (casework checks that the
// user may read the request).
func (s *Site) requestLetter(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var l *letter.Letter
	if err == nil {
		l, err = s.req.cw.Letter(r.Context(), staffer(rq), id, r.PathValue("kind"))
	}
	if err == nil {
		err = web.WriteLetter(w, l, r.URL.Query().Get("format"))
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
	}
}
