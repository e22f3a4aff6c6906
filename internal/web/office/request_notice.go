package office

import (
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"net/http"
)

// noticeRead marks an in-app notice as read and goes back to the list
// (casework refuses a notice of an agency the user may not read).
func (s *Site) noticeRead(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		err = s.req.cw.MarkNoticeRead(r.Context(), staffer(rq), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	http.Redirect(w, r, "/admin/requests", http.StatusSeeOther)
}
