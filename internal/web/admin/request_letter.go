package admin

import (
	"bytes"
	"net/http"
	"net/url"

	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
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

// letterCSP lets a letter's own inline stylesheet apply and nothing else:
// letters are standalone printable pages with no script or external
// resource (the site-wide policy forbids inline styles).
const letterCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// writeLetter sends l as a printable HTML page, or as a DOCX download
// when format is "docx".
func writeLetter(w http.ResponseWriter, l *letter.Letter, format, name string) error {
	var buf bytes.Buffer
	if format == "docx" {
		if err := letter.DOCX(&buf, l); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".docx"))
	} else {
		if err := letter.HTML(&buf, l); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", letterCSP)
	}
	_, err := buf.WriteTo(w)
	return err
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
		err = writeLetter(w, l, r.URL.Query().Get("format"), l.Title)
	}
	if err != nil {
		s.fail(w, r, rq, err)
	}
}
