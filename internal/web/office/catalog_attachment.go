package office

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// catalogAttach adds a file to a draft (经办人); catalog checks the role,
// the state, type and size, streams it to the blob store and audits it.
// The draft must be scanned again before it is submitted.
func (s *Site) catalogAttach(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.catalogUpload(w, r, rq, s.cp.svc.Attach)
}

// catalogUpload reads the form's one file and hands it to use.
func (s *Site) catalogUpload(w http.ResponseWriter, r *http.Request, rq *backoffice.Request,
	use func(ctx context.Context, w catalog.Staff, id int64, name string, r io.Reader) error) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	fail := func(err error) { s.catalogStepFailed(w, r, rq, id, err) }
	var tooBig *http.MaxBytesError
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		if errors.As(err, &tooBig) {
			fail(apperr.Wrap(apperr.Invalid, "attachment.too_large_form", err))
		} else {
			fail(apperr.Wrap(apperr.Invalid, "attachment.missing", err))
		}
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, h, err := r.FormFile("file")
	if err != nil {
		fail(apperr.Wrap(apperr.Invalid, "attachment.missing", err))
		return
	}
	defer file.Close()
	if err := use(r.Context(), catalogStaff(rq), id, h.Filename, file); err != nil {
		fail(err)
		return
	}
	s.bo.Flash(r.Context(), "cat.saved")
	http.Redirect(w, r, catalogPath(id), http.StatusSeeOther)
}

// catalogWordBody makes an uploaded DOCX the body of a draft (经办人);
// catalog reads it (package ooxml), sanitizes it like a pasted body and
// audits it; the scan on submission reads the new body.
func (s *Site) catalogWordBody(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.catalogUpload(w, r, rq, s.cp.svc.SetBodyFromWord)
}

// catalogAttachment sends an item's file to staff who may read the item;
// the browser never runs it.
func (s *Site) catalogAttachment(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	n, _ := strconv.Atoi(r.PathValue("n"))
	var a catalog.Attachment
	var rc io.ReadCloser
	if err == nil {
		a, rc, err = s.cp.svc.OpenAttachment(r.Context(), catalogStaff(rq), id, n)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", a.ContentType)
	web.Attachment(w, a.Name)
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	_, _ = io.Copy(w, rc)
}
