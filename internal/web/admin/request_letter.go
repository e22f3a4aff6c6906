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

// letterLabels name the letters in the order they are sent.
var letterLabels = []struct {
	kind  letter.Kind
	step  request.Action
	label string
}{
	{letter.KindReceipt, request.ActRegister, "登记回执"},
	{letter.KindCorrection, request.ActRequestCorrection, "补正告知书"},
	{letter.KindThirdParty, request.ActConsult, "征求第三方意见书"},
	{letter.KindExtension, request.ActExtend, "延期答复告知书"},
	{letter.KindFee, request.ActFeeNotice, "收费通知书"},
	{letter.KindReply, request.ActDraft, "答复告知书"},
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
