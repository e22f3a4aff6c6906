package portal

import (
	"errors"
	"io"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
)

// MaxApplicationBody bounds a whole application with its attachments: the
// attachments of one request at their limit plus the form. The route's
// web.UploadGuard answers 413 above it.
const MaxApplicationBody = casework.MaxRequestBytes + 1<<20

// readApplication reads a urlencoded or multipart application part by
// part: the fields into r.PostForm, each file streamed into the sealed
// blob store as it arrives (never held whole in memory or spooled to a
// temporary file in clear). ferr is the first problem with a file, for
// the field; the files after it are skipped. err is a body that could not
// be read (over its limit: 413; the address's upload budget: 429); the
// files staged so far are then already discarded.
func (s *Site) readApplication(r *http.Request) (files []casework.File, ferr, err error) {
	err = web.ReadMultipart(r, func(field, name, ct string, body io.Reader) error {
		switch {
		case field != "files" || name == "" || ferr != nil:
			return nil // not an attachment, an empty input, or after a refused file
		case len(files) >= casework.MaxAttachments:
			ferr = apperr.New(apperr.Invalid, "attachment.too_many", casework.MaxAttachments)
			return nil
		}
		f, err := s.deps.Requests.Stage(r.Context(), name, ct, body)
		var mb *http.MaxBytesError
		switch {
		case err == nil:
			files = append(files, f)
		case errors.As(err, &mb) || errors.Is(err, web.ErrUploadBudget):
			return err
		case errors.Is(err, apperr.Invalid):
			ferr = apperr.Wrap(apperr.Invalid, "attachment.file_problem", err, name, apperr.MsgOf(err))
		default:
			return err
		}
		return nil
	})
	if err != nil {
		s.deps.Requests.Discard(files...)
		return nil, nil, web.UploadError(err, MaxApplicationBody)
	}
	return files, ferr, nil
}
