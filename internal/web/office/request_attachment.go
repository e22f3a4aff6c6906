package office

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// attachmentAdd stores a file a clerk adds to a request (a scan of a
// letter, a supporting document), streamed into the sealed blob store as
// it arrives; casework checks type, size, count and content and audits
// the upload.
func (s *Site) attachmentAdd(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.upload(w, r, rq, s.req.cw.AddAttachment)
}

// upload streams the one file of the form into the sealed blob store and
// records it with add, then returns to the request page.
func (s *Site) upload(w http.ResponseWriter, r *http.Request, rq *backoffice.Request,
	add func(context.Context, casework.Staffer, int64, casework.File) (casework.Attachment, error)) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	var staged []casework.File
	err = web.ReadMultipart(r, func(field, name, ct string, body io.Reader) error {
		if field != "file" || name == "" || len(staged) > 0 {
			return nil
		}
		f, err := s.req.cw.Stage(r.Context(), name, ct, body)
		if err == nil {
			staged = append(staged, f)
		}
		return err
	})
	switch {
	case err == nil && len(staged) == 0:
		err = apperr.New(apperr.Invalid, "attachment.missing")
	case err == nil:
		_, err = add(r.Context(), staffer(rq), id, staged[0])
	default:
		s.req.cw.Discard(staged...)
		err = web.UploadError(err, casework.MaxAttachmentSize+1<<20)
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "rq.done")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}

// attachmentOpen sends a file to staff of the handling agency (casework
// refuses others and audits the download).
func (s *Site) attachmentOpen(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	var a casework.Attachment
	var body io.ReadCloser
	if err == nil {
		a, body, err = s.req.cw.OpenAttachment(r.Context(), staffer(rq), id, fileID)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	defer body.Close()
	w.Header().Set("Content-Type", a.ContentType)
	web.Attachment(w, a.Name)
	// An applicant's file is never run by the browser (SECURITY.md O-FU-07).
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	// A segment that does not authenticate ends the copy: the response is
	// then shorter than Content-Length and the client sees it failed.
	if _, err := io.Copy(w, body); err != nil {
		s.deps.Log.Error("attachment download", "request", id, "attachment", fileID, "err", err)
	}
}
