package office

import (
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// releaseAdd stores a file the reply releases to the applicant (网上获取,
// a clerk of the handling agency, before the reply); casework checks
// type, size, count and content and audits it.
func (s *Site) releaseAdd(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.upload(w, r, rq, s.req.cw.AddRelease)
}

// releaseRemove takes a released file back before the reply.
func (s *Site) releaseRemove(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		file, perr := strconv.ParseInt(r.PathValue("file"), 10, 64)
		if perr != nil {
			err = apperr.New(apperr.NotFound, "attachment.not_found")
		} else {
			err = s.req.cw.RemoveRelease(r.Context(), staffer(rq), id, file)
		}
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "rq.done")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}

// splitReleased separates the application's files from those the reply
// releases.
func splitReleased(files []casework.Attachment) (own, released []casework.Attachment) {
	for _, f := range files {
		if f.Released {
			released = append(released, f)
		} else {
			own = append(own, f)
		}
	}
	return own, released
}

// releaseMessages are the texts of the released files on the request page.
var releaseMessages = web.Messages{
	"rq.released": {"公开的文件（答复提供，申请人网上获取）", "Files released by the reply (downloaded by the applicant)"},
	"rq.released.hint": {"上传答复提供的政府信息（部分公开的，上传处理后的版本）。答复送达后，申请人凭申请编号和查询码或其账号下载，每次下载均有记录；答复前可以移除。申请人选择网上获取的，予以公开、部分公开的答复须先上传。",
		"Upload the information the reply provides (for a partial disclosure, the redacted version). Once the reply is sent the applicant downloads it with the tracking number and query code or their account, and every download is recorded; before the reply a file can be removed. When the applicant chose to fetch the information online, a reply that discloses needs its files first."},
	"rq.released.upload": {"上传公开的文件", "Upload a released file"},
	"rq.released.remove": {"移除", "Remove"},
}
