package office

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// takeCatalogStep runs the step the route names with the form's fields;
// catalog checks the role, the state and the rules of catalog.md §4.
func (s *Site) takeCatalogStep(ctx context.Context, r *http.Request, w catalog.Staff, id int64, step string) error {
	note := strings.TrimSpace(r.PostFormValue("note"))
	svc := s.cp.svc
	switch catalog.Action(step) {
	case catalog.ActSubmit:
		return svc.Submit(ctx, w, id)
	case catalog.ActReview:
		a := catalog.Answers{}
		for _, c := range catalog.Checklist {
			a[c.ID] = r.PostFormValue("check_"+c.ID) == "1"
		}
		return svc.Review(ctx, w, id, a)
	case catalog.ActReturn:
		return svc.Return(ctx, w, id, note)
	case catalog.ActOverride:
		return svc.Override(ctx, w, id, note)
	case catalog.ActSign:
		// Publication cannot be undone (a withdrawal leaves the record of
		// it): the form carries a required confirmation, checked here too.
		if r.PostFormValue("confirm") != "1" {
			return apperr.New(apperr.Invalid, "step.confirm_required")
		}
		var at time.Time
		if v := strings.TrimSpace(r.PostFormValue("publish_at")); v != "" {
			t, err := time.ParseInLocation("2006-01-02T15:04", v, catalog.CST)
			if err != nil {
				return apperr.Wrap(apperr.Invalid, "catalog.publish_at_format", err)
			}
			at = t
		}
		return svc.Sign(ctx, w, id, at)
	case catalog.ActCorrect:
		return svc.Correct(ctx, w, id, note)
	case catalog.ActWithdraw:
		return svc.Withdraw(ctx, w, id, note)
	case catalog.ActDiscard:
		return svc.Discard(ctx, w, id, note)
	}
	return apperr.New(apperr.NotFound, "")
}

// catalogStep takes one workflow step. A refused step shows the item again
// with catalog's Chinese reason; an item of another agency is "not found"
// (catalog audits the attempt).
func (s *Site) catalogStep(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	if err := s.takeCatalogStep(r.Context(), r, catalogStaff(rq), id, r.PathValue("step")); err != nil {
		s.catalogStepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "cat.done")
	http.Redirect(w, r, catalogPath(id), http.StatusSeeOther)
}

// catalogStepFailed shows the item with the reason a form was refused, or
// the error page when the item cannot be shown.
func (s *Site) catalogStepFailed(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, id int64, err error) {
	status := web.StatusOf(err)
	if status != http.StatusBadRequest && status != http.StatusConflict && status != http.StatusForbidden {
		s.bo.Fail(w, r, rq, err)
		return
	}
	it, gerr := s.cp.svc.Get(r.Context(), catalogStaff(rq), id)
	if gerr != nil {
		s.bo.Fail(w, r, rq, gerr)
		return
	}
	pg, perr := s.catalogPage(r, rq, it)
	if perr != nil {
		s.bo.Fail(w, r, rq, perr)
		return
	}
	pg.Errors = []string{pg.Err(err)}
	s.renderCat(w, r, status, "catalog_show", pg)
}
