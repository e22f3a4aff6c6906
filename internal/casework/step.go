package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// apply authorises w to take step e on rec, applies it to the request
// rebuilt from its history, and stores the step, the derived columns, the
// audit event and the applicant's notice, in the caller's transaction (or
// its own). notice "" uses the default text for the action.
func (s *Service) apply(ctx context.Context, w Staffer, rec Record, e request.Event, notice string) (*request.Request, error) {
	var r *request.Request
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		var err error
		r, err = s.applyTx(ctx, w, rec, e, notice)
		return err
	})
	return r, err
}

func (s *Service) applyTx(ctx context.Context, w Staffer, rec Record, e request.Event, notice string) (*request.Request, error) {
	action := "request." + string(e.Action)
	state := request.State(rec.State)
	if rec.State == Submitted {
		state = ""
	}
	if e.Action != request.ActRegister && state == "" {
		return nil, apperr.New(apperr.Conflict, "request.not_confirmed")
	}
	role, ok := roleFor(w, e.Action, state, rec.AgencyID)
	if !ok {
		if staffOf(w, rec.AgencyID) && e.Action != request.ActRegister && !possible(e.Action, state) {
			msg := fmt.Sprintf("申请处于“%s”状态，不能%s", state.Label(), actionZh(e.Action))
			return nil, &auditedError{ev: w.actor().Event(action, "request", rec.ID, audit.ResultFail, rec.Tracking+": "+msg),
				err: apperr.Wrap(apperr.Conflict, "request.wrong_state", fmt.Errorf("casework: %s request %d: %s", e.Action, rec.ID, state),
					state.Key(), e.Action.Key())}
		}
		if canRead(w, rec.AgencyID) && rec.State != Submitted {
			return nil, s.deny(ctx, w, action, rec, "deny.state_role", state.Key(), e.Action.Key())
		}
		return nil, s.deny(ctx, w, action, rec, "deny.action", e.Action.Key())
	}
	if rec.Origin == Ledger && state.Ended() {
		return nil, apperr.New(apperr.Conflict, "request.imported_read_only")
	}
	stored, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	r, err := replay(rec, stored)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	e.Actor = request.Actor{Name: w.Subject.Login, Role: role}
	e.At = s.now().UTC()
	if today := s.Today(); e.On.IsZero() {
		e.On = today
	} else if e.On.After(today) {
		return nil, apperr.New(apperr.Invalid, "step.date_future", e.On, today)
	}
	asked, _ := r.PendingExtension()
	if err := r.Apply(cal, e); err != nil {
		return nil, &auditedError{ev: w.actor().Event(action, "request", rec.ID, audit.ResultFail, rec.Tracking+": "+clipText(err.Error(), 200)),
			err: domainErr(string(e.Action)+" "+rec.Tracking, err)}
	}
	// The event as recorded: an approval takes the days and reason of the
	// pending extension request when it gives none.
	e = r.Events[len(r.Events)-1]
	// The history never holds personal data: the record's sealed columns do.
	e.Applicant.ID, e.Applicant.Contact = "", ""
	if err := s.st.AppendRequestEvent(ctx, rec.ID, StoredEvent{Seq: len(stored) + 1, ActorID: w.Subject.UserID,
		ActorLogin: w.Subject.Login, Event: e}); err != nil {
		return nil, err
	}
	derive(&rec, r)
	var dl *request.Deadline
	if !r.State.Ended() {
		d, err := r.Deadline(cal, e.On)
		if err != nil {
			return nil, domainErr("deadline "+rec.Tracking, err)
		}
		rec.Due, dl = d.Due, &d
	}
	rec.UpdatedAt = e.At
	if err := s.st.UpdateRequest(ctx, rec); err != nil {
		return nil, err
	}
	// A step counts in the report of the year of its date (a register
	// step: the year of receipt); a published year's cells must not move.
	if err := s.guardPeriods(ctx, rec.AgencyID, e.On); err != nil {
		return nil, &auditedError{ev: w.actor().Event(action, "request", rec.ID, audit.ResultFail, rec.Tracking+": period locked"), err: err}
	}
	detail := rec.Tracking + " " + e.On.String()
	if e.Outcome != "" {
		detail += " " + string(e.Outcome)
	}
	if e.Days > 0 {
		detail += fmt.Sprintf(" %d个工作日", e.Days)
	}
	if internalStep(e.Action) && strings.TrimSpace(e.Note) != "" {
		detail += " " + clipText(strings.TrimSpace(e.Note), 100)
	}
	if err := s.log.Record(ctx, w.actor().Event(action, "request", rec.ID, audit.ResultOK, detail)); err != nil {
		return nil, err
	}
	if kind, body := staffNotice(rec, e, asked, dl); body != "" {
		if _, err := s.st.AddNotification(ctx, Notification{AgencyID: rec.AgencyID, RequestID: rec.ID, Audience: ToStaff,
			Kind: kind, Body: body, CreatedAt: e.At}); err != nil {
			return nil, err
		}
	}
	if internalStep(e.Action) {
		return r, nil // the applicant hears of the decision, not of the internal step
	}
	if notice == "" {
		notice = defaultNotice(rec, r, e)
	}
	if dl != nil && !r.State.Paused() {
		notice += fmt.Sprintf("答复期限：%s。", dl.Due)
	}
	return r, s.notify(ctx, rec, string(e.Action), notice)
}

// possible reports whether any role may take action a in state st.
func possible(a request.Action, st request.State) bool {
	for _, r := range requestRoles {
		for _, x := range request.Allowed(st, r.req) {
			if x == a {
				return true
			}
		}
	}
	return false
}

// derive copies the request's derived state into the stored columns.
func derive(rec *Record, r *request.Request) {
	rec.State = string(r.State)
	// An imported ledger's 延期 stays set even though its history has no
	// extend event.
	rec.Received, rec.Corrected, rec.Extended = r.Received, r.Corrected, rec.Extended || r.Extension > 0
	if r.Content != "" {
		rec.Content = r.Content // a 拆分登记 narrows it to the item kept
	}
	rec.Outcome, rec.Ended = "", calendar.Date{}
	if r.State.Ended() {
		rec.Outcome, rec.Ended = r.Outcome, r.Ended
	}
	// The fee column is what was collected (report section 六): set on
	// payment, not on the notice.
	if r.Fee.Yuan > 0 && !r.FeePaid.IsZero() {
		rec.Fee = fmt.Sprint(r.Fee.Yuan)
	}
}

// notify tells the applicant of rec: in the app, and by e-mail when it is
// on and the applicant gave an address (in the same transaction).
func (s *Service) notify(ctx context.Context, rec Record, kind, body string) error {
	now := s.now()
	added, err := s.st.AddNotification(ctx, Notification{AgencyID: rec.AgencyID, RequestID: rec.ID, Audience: ToApplicant,
		Kind: kind, Body: body, CreatedAt: now})
	if err != nil || !added {
		return err
	}
	return s.queueMail(ctx, rec, kind, body, now)
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// actionZh names an action in Chinese for messages.
func actionZh(a request.Action) string {
	if z, ok := actionNames[a]; ok {
		return z
	}
	return string(a)
}

var actionNames = map[request.Action]string{
	request.ActRegister: "登记", request.ActRequestCorrection: "告知补正", request.ActReceiveCorrection: "登记补正",
	request.ActCorrectionExpired: "按逾期未补正终止", request.ActStart: "开始办理", request.ActConsult: "征求意见",
	request.ActConsultAnswered: "登记意见", request.ActFeeNotice: "发出收费通知", request.ActFeePaid: "登记缴费",
	request.ActFeeExpired: "按逾期未缴费终止", request.ActRequestExtension: "申请延期", request.ActExtend: "延期",
	request.ActRefuseExtension: "不同意延期", request.ActAskReasons: "要求说明理由", request.ActReasonsGiven: "登记申请人说明的理由",
	request.ActDelay: "确定延迟答复期限", request.ActDeliver: "登记送达日期",
	request.ActDraft: "拟写答复", request.ActSubmit: "提交审核", request.ActReview: "审核通过", request.ActReturn: "退回修改", request.ActApprove: "批准答复",
	request.ActReply: "送达答复", request.ActClose: "办结归档", request.ActWithdraw: "登记撤回",
}

// defaultNotice is the applicant's notice of step e.
func defaultNotice(rec Record, r *request.Request, e request.Event) string {
	t := "您的申请（编号 " + rec.Tracking + "）"
	switch e.Action {
	case request.ActRequestCorrection:
		return fmt.Sprintf("%s内容需要补正：%s。请于 %s 前提交补正材料；答复期限自收到补正之日起重新计算，逾期无正当理由不补正的，视为放弃申请（条例第三十条）。",
			t, strings.TrimRight(e.Note, "。"), e.Until)
	case request.ActReceiveCorrection:
		return fmt.Sprintf("%s的补正材料已于 %s 收到，答复期限自该日起重新计算（条例第三十条）。", t, e.On)
	case request.ActCorrectionExpired:
		return fmt.Sprintf("%s补正期限已届满而未补正，视为放弃申请，不再处理（条例第三十条）。", t)
	case request.ActStart:
		return t + "已开始办理。"
	case request.ActConsult:
		return fmt.Sprintf("%s需要%s，征求意见所需时间不计入答复期限（条例第三十三条第三款）。", t, e.Pause.Label())
	case request.ActConsultAnswered:
		return t + "的征求意见已结束，继续办理。"
	case request.ActFeeNotice:
		return fmt.Sprintf("%s需缴纳信息处理费 %d 元（%s）。请于收到本通知次日起 %d 个工作日内缴纳，逾期未缴纳的视为放弃申请。",
			t, e.Fee.Yuan, e.Fee.Zh(), request.FeePaymentWorkdays)
	case request.ActFeePaid:
		return fmt.Sprintf("%s的信息处理费已于 %s 收到，继续办理。", t, e.On)
	case request.ActFeeExpired:
		return t + "逾期未缴纳信息处理费，视为放弃申请，不再处理。"
	case request.ActExtend:
		return fmt.Sprintf("经政府信息公开工作机构负责人同意，%s的答复期限延长 %d 个工作日（条例第三十三条第二款）。理由：%s。", t, e.Days, strings.TrimRight(e.Note, "。"))
	case request.ActAskReasons:
		return fmt.Sprintf("%s：您申请公开政府信息的数量、频次明显超过合理范围，请于 %s 前说明理由（条例第三十五条）。%s。",
			t, e.Until, strings.TrimRight(e.Note, "。"))
	case request.ActReasonsGiven:
		return fmt.Sprintf("%s：您说明的理由已于 %s 收到。", t, e.On)
	case request.ActDelay:
		return fmt.Sprintf("%s将于 %s 前答复（条例第三十五条）。理由：%s。", t, e.Until, strings.TrimRight(e.Note, "。"))
	case request.ActDraft, request.ActSubmit, request.ActReturn:
		return t + "正在办理中。"
	case request.ActApprove:
		return t + "的答复已经批准，即将送达。"
	case request.ActReply:
		return fmt.Sprintf("%s已于 %s 答复：%s。", t, e.On, r.Outcome.Label())
	case request.ActClose:
		return t + "已办结归档。"
	case request.ActWithdraw:
		return t + "已撤回。"
	}
	return t + "有新的办理进展。"
}
