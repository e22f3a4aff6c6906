package admin

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
)

// attachmentAdd stores a file a clerk adds to a request (a scan of a
// letter, a supporting document); casework checks type, size, count and
// content, seals the bytes and audits the upload.
func (s *Site) attachmentAdd(w http.ResponseWriter, r *http.Request, rq *Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, rq, err)
		return
	}
	var tooBig *http.MaxBytesError
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		if errors.As(err, &tooBig) {
			err = apperr.Wrap(apperr.Invalid, "attachment.too_large_form", err)
		} else {
			err = apperr.Wrap(apperr.Invalid, "attachment.missing", err)
		}
		s.stepFailed(w, r, rq, id, err)
		return
	}
	file, h, err := r.FormFile("file")
	if err != nil {
		s.stepFailed(w, r, rq, id, apperr.Wrap(apperr.Invalid, "attachment.missing", err))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, casework.MaxAttachmentSize+1))
	if err == nil {
		_, err = s.req.cw.AddAttachment(r.Context(), staffer(rq), id,
			casework.File{Name: h.Filename, ContentType: h.Header.Get("Content-Type"), Data: data})
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.flash(r.Context(), "rq.done")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}

// attachmentOpen sends a file to staff of the handling agency (casework
// refuses others and audits the download).
func (s *Site) attachmentOpen(w http.ResponseWriter, r *http.Request, rq *Request) {
	id, err := pathID(r)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	var a casework.Attachment
	var data []byte
	if err == nil {
		a, data, err = s.req.cw.OpenAttachment(r.Context(), staffer(rq), id, fileID)
	}
	if err != nil {
		s.fail(w, r, rq, err)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	web.Attachment(w, a.Name)
	// An applicant's file is never run by the browser (SECURITY.md O-FU-07).
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}
