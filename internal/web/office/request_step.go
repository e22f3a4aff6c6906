package office

import (
	"context"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// stepActions maps the {step} of the route to the workflow action it
// takes; "review" is the 审核人's decision, a pass or a return by the form's
// result. Each step's own rules (who, in which state, the 7-day 补正
// notice, the 20-day extension …) are casework's and request's.
var stepActions = func() map[string]request.Action {
	m := map[string]request.Action{}
	for _, a := range []request.Action{request.ActRequestCorrection, request.ActReceiveCorrection, request.ActCorrectionExpired,
		request.ActStart, request.ActConsult, request.ActConsultAnswered, request.ActFeeNotice, request.ActFeePaid,
		request.ActFeeExpired, request.ActExtend, request.ActRequestExtension, request.ActRefuseExtension, request.ActDelay,
		request.ActAskReasons, request.ActReasonsGiven, request.ActDeliver,
		request.ActDraft, request.ActSubmit, request.ActApprove, request.ActReturn, request.ActReply, request.ActClose,
		request.ActWithdraw, request.ActSplit} {
		m[string(a)] = a
	}
	return m
}()

// readStep reads the step form: every field a step may carry (casework
// reads those its action uses).
func readStep(r *http.Request) (casework.Step, error) {
	var in casework.Step
	var err error
	if in.On, err = formDate(r, "on"); err != nil {
		return in, err
	}
	if in.Until, err = formDate(r, "until"); err != nil {
		return in, err
	}
	in.Note = strings.TrimSpace(r.PostFormValue("note"))
	// The consulted party: the 征求第三方意见书 is addressed to it.
	in.Party = strings.TrimSpace(r.PostFormValue("party"))
	in.Days = int(formInt(r.PostFormValue("days")))
	in.Pages = int(formInt(r.PostFormValue("pages")))
	in.Pause = request.PauseKind(r.PostFormValue("kind"))
	in.FeeMethod = request.FeeMethod(r.PostFormValue("method"))
	in.Outcome = request.Outcome(r.PostFormValue("outcome"))
	// How a notice went out and, for a posted one, the day it arrived: the
	// periods that run from receipt count from it (条例第三十二条, 办法).
	in.Dispatch = request.Dispatch(r.PostFormValue("dispatch"))
	if in.Delivered, err = formDate(r, "delivered"); err != nil {
		return in, err
	}
	// The consulted party's answer (条例第三十二条、第三十四条) and the
	// items of a 拆分登记, one per line.
	in.Opinion = request.Opinion(r.PostFormValue("opinion"))
	in.Items = request.SplitItems(r.PostFormValue("items"))
	// The draft's letter details (regulation.md §8): the withheld part and
	// its ground of 部分公开 (条例第三十七条); 第三十六条第（四）项 or （五）
	// with the responsible agency. casework keeps the outcome's own.
	in.Reply = request.ReplyDetail{Withheld: strings.TrimSpace(r.PostFormValue("withheld")),
		Ground:         request.Outcome(r.PostFormValue("ground")),
		NotResponsible: r.PostFormValue("not_held") == "not_ours",
		OtherAgency:    strings.TrimSpace(r.PostFormValue("other_agency")), OtherContact: strings.TrimSpace(r.PostFormValue("other_contact")),
		Law: strings.TrimSpace(r.PostFormValue("law")), Published: r.PostFormValue("published") == "1",
		Where: strings.TrimSpace(r.PostFormValue("where")), PriorNumber: strings.TrimSpace(r.PostFormValue("prior_number")),
		Override: strings.TrimSpace(r.PostFormValue("override"))}
	if in.Reply.PriorDate, err = formDate(r, "prior_date"); err != nil {
		return in, err
	}
	if r.PostFormValue("result") == "ok" {
		in.Action = request.ActReview
	} else {
		in.Action = request.ActReturn
	}
	return in, nil
}

// takeStep takes the step named by the route: confirm (the online
// submission's receipt, 条例第三十一条第（三）项) or a workflow step.
func (s *Site) takeStep(ctx context.Context, w casework.Staffer, id int64, name string, in casework.Step) error {
	if name == "confirm" {
		_, err := s.req.cw.Confirm(ctx, w, id, in.On)
		return err
	}
	if name != "review" {
		in.Action = stepActions[name]
	}
	_, err := s.req.cw.Step(ctx, w, id, in)
	return err
}

// requestStep takes one workflow step. A refused step shows the request
// again with casework's Chinese reason; a request of another agency is
// "not found" (casework audits the attempt).
func (s *Site) requestStep(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	name := r.PathValue("step")
	if _, ok := stepActions[name]; !ok && name != "confirm" && name != "review" {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, ""))
		return
	}
	err = checkStepForm(r, name)
	var in casework.Step
	if err == nil {
		in, err = readStep(r)
	}
	if err == nil {
		err = s.takeStep(r.Context(), staffer(rq), id, name, in)
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.bo.Flash(r.Context(), "rq.done")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}

// stepFailed shows the request with the reason a form was refused, or
// the error page when the request cannot be shown.
func (s *Site) stepFailed(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, id int64, err error) {
	status := web.StatusOf(err)
	if status != http.StatusBadRequest && status != http.StatusConflict && status != http.StatusForbidden {
		s.bo.Fail(w, r, rq, err)
		return
	}
	v, gerr := s.req.cw.Get(r.Context(), staffer(rq), id)
	if gerr != nil {
		s.bo.Fail(w, r, rq, gerr)
		return
	}
	pg := s.requestPage(r, rq, v)
	pg.Errors = []string{pg.Err(err)}
	s.renderReq(w, r, status, "request_show", pg)
}
