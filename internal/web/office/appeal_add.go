package office

import (
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/casework"
)

// appealAdd records a 行政复议 or 行政诉讼 about the request (table 四).
func (s *Site) appealAdd(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	a := casework.Appeal{RequestID: id, Kind: casework.AppealKind(r.PostFormValue("kind")),
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	if a.Filed, err = formDate(r, "filed"); err == nil {
		_, err = s.req.cw.AddAppeal(r.Context(), staffer(rq), a)
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "rq.appeal.added")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}
