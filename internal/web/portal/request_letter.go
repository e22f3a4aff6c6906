package portal

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/letter"
)

// A LetterLink is a letter the status page offers: it is fetched by a
// POST carrying the tracking number and query code, never by a URL.
type LetterLink struct {
	Kind, Label string
}

// noticeLetters maps the kind of an applicant notice (the workflow step)
// to the letter that carries it.
var noticeLetters = []struct {
	notice string
	kind   letter.Kind
	label  string
}{
	{"register", letter.KindReceipt, "登记回执"},
	{"request_correction", letter.KindCorrection, "补正告知书"},
	{"extend", letter.KindExtension, "延期答复告知书"},
	{"fee_notice", letter.KindFee, "收费通知书"},
	{"reply", letter.KindReply, "答复告知书"},
}

// letterCSP lets a letter's own inline stylesheet apply and nothing else.
const letterCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// requestLetter sends a letter to its applicant as a printable page or,
// with format=docx, as a Word file.
func (s *Site) requestLetter(w http.ResponseWriter, r *http.Request) {
	if s.deps.Requests == nil {
		s.notFound(w, r)
		return
	}
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
	var buf bytes.Buffer
	w.Header().Set("Cache-Control", "no-store")
	if r.PostFormValue("format") == "docx" {
		err = letter.DOCX(&buf, l)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(l.Title+".docx"))
	} else {
		err = letter.HTML(&buf, l)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", letterCSP)
	}
	if err != nil {
		w.Header().Del("Content-Disposition")
		s.fail(w, r, err)
		return
	}
	_, _ = buf.WriteTo(w)
}
