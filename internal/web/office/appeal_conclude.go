package office

import (
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
)

// appealConclude records the conclusion date and result of an appeal of
// the request. The appeal must belong to the request in the path, so an
// appeal id cannot reach another agency's case.
func (s *Site) appealConclude(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var v casework.View
	if err == nil {
		v, err = s.req.cw.Get(r.Context(), staffer(rq), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	aid, _ := strconv.ParseInt(r.PathValue("appeal"), 10, 64)
	var a *casework.Appeal
	for i := range v.Appeals {
		if v.Appeals[i].ID == aid {
			a = &v.Appeals[i]
		}
	}
	if a == nil {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, ""))
		return
	}
	a.Result = casework.AppealResult(r.PostFormValue("result"))
	if a.Concluded, err = formDate(r, "concluded"); err == nil {
		err = s.req.cw.ConcludeAppeal(r.Context(), staffer(rq), *a)
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "rq.appeal.added")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}
