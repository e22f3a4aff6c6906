package admin

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
)

// A LetterLink is one letter of a request the page links to.
type LetterLink struct {
	Kind, Label string
}

// letterSteps are the letters of a request, in the order they are sent,
// each with the step that sends it.
var letterSteps = []struct {
	kind letter.Kind
	step request.Action
}{
	{letter.KindReceipt, request.ActRegister},
	{letter.KindCorrection, request.ActRequestCorrection},
	{letter.KindThirdParty, request.ActConsult},
	{letter.KindExtension, request.ActExtend},
	{letter.KindFee, request.ActFeeNotice},
	{letter.KindReply, request.ActDraft},
}

// requestLetter sends one letter of a request (casework checks that the
// user may read the request).
func (s *Site) requestLetter(w http.ResponseWriter, r *http.Request, rq *Request) {
	id, err := pathID(r)
	var l *letter.Letter
	if err == nil {
		l, err = s.req.cw.Letter(r.Context(), staffer(rq), id, r.PathValue("kind"))
	}
	if err == nil {
		err = web.WriteLetter(w, l, r.URL.Query().Get("format"))
	}
	if err != nil {
		s.fail(w, r, rq, err)
	}
}
