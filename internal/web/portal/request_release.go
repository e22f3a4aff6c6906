package portal

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
)

// requestRelease sends a file released by the reply (网上获取) to the
// applicant who gives the tracking number and query code in the POST
// body (never in a URL); casework checks the code, that the file is
// released to this request's applicant, and audits the download. A wrong
// code and another request's file look the same: 404.
func (s *Site) requestRelease(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PostFormValue("file"), 10, 64)
	a, body, err := s.deps.Requests.PublicRelease(r.Context(), strings.TrimSpace(r.PostFormValue("tracking")),
		strings.TrimSpace(r.PostFormValue("code")), id, s.clientIP(r))
	s.sendRelease(w, r, a, body, err)
}

// accountRelease sends a released file of a request linked to the
// signed-in account; a request of another account is 404.
func (s *Site) accountRelease(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.requireAccount(w, r)
	if !ok {
		return
	}
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	file, err2 := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err1 != nil || err2 != nil {
		s.notFound(w, r)
		return
	}
	a, body, err := s.deps.Accounts.OpenRelease(r.Context(), acct.ID, id, file, s.clientIP(r))
	s.sendRelease(w, r, a, body, err)
}

// sendRelease writes a released file as a download: never cached, never
// run by the browser (SECURITY.md O-FU-07).
func (s *Site) sendRelease(w http.ResponseWriter, r *http.Request, a casework.Attachment, body io.ReadCloser, err error) {
	if errors.Is(err, apperr.NotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", a.ContentType)
	web.Attachment(w, a.Name)
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	// A segment that does not authenticate ends the copy: the response is
	// then shorter than Content-Length and the client sees it failed.
	if _, err := io.Copy(w, body); err != nil {
		s.log.ErrorContext(r.Context(), "portal: released file", "request_id", web.RequestID(r.Context()), "file", a.ID, "error", err.Error())
	}
}

// releaseMessages are the texts of the released files on the status page.
var releaseMessages = web.Messages{
	"req.released": {"公开的政府信息（网上获取）", "Information released (to download)"},
	"req.released.lead": {"答复提供的政府信息文件，仅供申请人下载；每次下载均有记录。",
		"The files of the information the reply provides, for the applicant only; every download is recorded."},
}

func init() {
	for _, set := range []web.Messages{receiptMessages, releaseMessages} {
		for k, v := range set {
			Messages[k] = v
		}
	}
}
