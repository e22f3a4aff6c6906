package portal

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
)

// MaxApplicationBody bounds a whole application with its attachments:
// every file at its limit plus the form.
const MaxApplicationBody = casework.MaxAttachments*casework.MaxAttachmentSize + 1<<20

// parseBody reads a urlencoded or multipart application. Files beyond a
// small in-memory part go to temporary files, removed when the request
// ends.
func parseBody(r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	if mt == "multipart/form-data" {
		err = r.ParseMultipartForm(4 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return apperr.Wrap(apperr.Invalid, "form.too_large", err)
	case err != nil:
		return apperr.Wrap(apperr.Invalid, "", err)
	}
	return nil
}

// readFiles reads the attachments of the form, checking each one's name,
// declared type and size (casework checks the content again); the error
// is the first problem, for the field.
func readFiles(r *http.Request) (files []casework.File, err error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	hs := r.MultipartForm.File["files"]
	if len(hs) > casework.MaxAttachments {
		return nil, apperr.New(apperr.Invalid, "attachment.too_many", casework.MaxAttachments)
	}
	for _, h := range hs {
		if h.Filename == "" && h.Size == 0 {
			continue // an empty file input
		}
		if err := casework.CheckAttachment(h.Filename, h.Header.Get("Content-Type"), h.Size); err != nil {
			return nil, apperr.New(apperr.Invalid, "attachment.file_problem", h.Filename, apperr.MsgOf(err))
		}
		f, err := h.Open()
		if err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "attachment.unreadable", err, h.Filename)
		}
		data, err := io.ReadAll(io.LimitReader(f, casework.MaxAttachmentSize+1))
		f.Close()
		if err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "attachment.unreadable", err, h.Filename)
		}
		files = append(files, casework.File{Name: h.Filename, ContentType: h.Header.Get("Content-Type"), Data: data})
	}
	return files, nil
}
