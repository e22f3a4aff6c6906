package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
)

// ConsultedPrefix starts the note of a consultation with the name of the
// party consulted.
const ConsultedPrefix = "征求对象："

// stepInput is what a step form may carry.
type stepInput struct {
	on, until calendar.Date
	note      string
	days      int
	pages     int
	kind      request.PauseKind
	method    request.FeeMethod
	outcome   request.Outcome
	ok        bool
}

// stepFunc takes one workflow step through casework.
type stepFunc func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error

func view(_ casework.View, err error) error { return err }

// steps maps the {step} of the route to casework. Each step's own rules
// (who, in which state, the 7-day 补正 notice, the 20-day extension …)
// are casework's and request's; this table only reads the form.
var steps = map[string]stepFunc{
	"confirm": func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		_, err := cw.Confirm(ctx, w, id, in.on)
		return err
	},
	string(request.ActRequestCorrection): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.RequestCorrection(ctx, w, id, in.on, in.until, in.note))
	},
	string(request.ActReceiveCorrection): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.ReceiveCorrection(ctx, w, id, in.on))
	},
	string(request.ActCorrectionExpired): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.CorrectionExpired(ctx, w, id, in.on))
	},
	string(request.ActStart): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Start(ctx, w, id, in.on))
	},
	string(request.ActConsult): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Consult(ctx, w, id, in.on, in.kind, in.note))
	},
	string(request.ActConsultAnswered): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.ConsultAnswered(ctx, w, id, in.on, in.note))
	},
	string(request.ActFeeNotice): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.FeeNotice(ctx, w, id, in.on, in.method, in.pages))
	},
	string(request.ActFeePaid): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.FeePaid(ctx, w, id, in.on))
	},
	string(request.ActFeeExpired): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.FeeExpired(ctx, w, id, in.on))
	},
	string(request.ActExtend): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Extend(ctx, w, id, in.on, in.days, in.note))
	},
	string(request.ActRequestExtension): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.RequestExtension(ctx, w, id, in.on, in.days, in.note))
	},
	string(request.ActRefuseExtension): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.RefuseExtension(ctx, w, id, in.on, in.note))
	},
	string(request.ActDelay): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Delay(ctx, w, id, in.on, in.until, in.note))
	},
	string(request.ActDraft): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		if !in.outcome.Valid() {
			return apperr.New(apperr.Invalid, "请选择办理结果（21项之一）")
		}
		return view(cw.Draft(ctx, w, id, in.on, in.outcome, in.note))
	},
	string(request.ActSubmit): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.SubmitForReview(ctx, w, id, in.on))
	},
	"review": func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Review(ctx, w, id, in.on, in.ok, in.note))
	},
	string(request.ActApprove): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Approve(ctx, w, id, in.on, in.note))
	},
	string(request.ActReturn): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Return(ctx, w, id, in.on, in.note))
	},
	string(request.ActReply): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Reply(ctx, w, id, in.on))
	},
	string(request.ActClose): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Close(ctx, w, id, in.on))
	},
	string(request.ActWithdraw): func(ctx context.Context, cw Casework, w casework.Staffer, id int64, in stepInput) error {
		return view(cw.Withdraw(ctx, w, id, in.on, in.note))
	},
}

func readStep(r *http.Request) (stepInput, error) {
	var in stepInput
	var err error
	if in.on, err = formDate(r, "on"); err != nil {
		return in, err
	}
	if in.until, err = formDate(r, "until"); err != nil {
		return in, err
	}
	in.note = strings.TrimSpace(r.PostFormValue("note"))
	if party := strings.TrimSpace(r.PostFormValue("party")); party != "" {
		// The consulted party leads the note; the 征求第三方意见书 is
		// addressed to it (see app's letterOf).
		in.note = strings.TrimSuffix(ConsultedPrefix+party+"；"+in.note, "；")
	}
	in.days = int(formInt(r.PostFormValue("days")))
	in.pages = int(formInt(r.PostFormValue("pages")))
	in.kind = request.PauseKind(r.PostFormValue("kind"))
	in.method = request.FeeMethod(r.PostFormValue("method"))
	in.outcome = request.Outcome(r.PostFormValue("outcome"))
	in.ok = r.PostFormValue("result") == "ok"
	return in, nil
}

// requestStep takes one workflow step. A refused step shows the request
// again with casework's Chinese reason; a request of another agency is
// "not found" (casework audits the attempt).
func (s *Site) requestStep(w http.ResponseWriter, r *http.Request, rq *Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, rq, err)
		return
	}
	fn, ok := steps[r.PathValue("step")]
	if !ok {
		s.fail(w, r, rq, apperr.New(apperr.NotFound, ""))
		return
	}
	in, err := readStep(r)
	if err == nil {
		err = fn(r.Context(), s.req.cw, staffer(rq), id, in)
	}
	if err != nil {
		s.stepFailed(w, r, rq, id, err)
		return
	}
	s.flash(r.Context(), "rq.done")
	http.Redirect(w, r, requestPath(id), http.StatusSeeOther)
}

// stepFailed shows the request with the reason a form was refused, or
// the error page when the request cannot be shown.
func (s *Site) stepFailed(w http.ResponseWriter, r *http.Request, rq *Request, id int64, err error) {
	status := web.StatusOf(err)
	if status != http.StatusBadRequest && status != http.StatusConflict && status != http.StatusForbidden {
		s.fail(w, r, rq, err)
		return
	}
	v, gerr := s.req.cw.Get(r.Context(), staffer(rq), id)
	if gerr != nil {
		s.fail(w, r, rq, gerr)
		return
	}
	pg := s.requestPage(r, rq, v)
	pg.Errors = []string{apperr.Message(err)}
	s.renderReq(w, r, status, "request_show", pg)
}
