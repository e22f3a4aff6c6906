package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// started registers a request received in person on 2024-03-04 (due
// 2024-04-01) and starts it; the world's clock is then 2024-03-20.
func (w *world) started(content string) int64 {
	w.t.Helper()
	ctx := context.Background()
	w.today = d("2024-03-04")
	rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application(content),
		Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
	w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActStart}))
	w.today = d("2024-03-20")
	return rc.RequestID
}

// notices returns the bodies of the notices of request id to audience.
func (w *world) notices(id int64, audience string) []casework.Notification {
	w.t.Helper()
	ns, err := w.st.Notifications(context.Background(), casework.NotificationFilter{RequestID: id, Audience: audience})
	w.check(err)
	return ns
}

func (w *world) auditCount(action string, result audit.Result) int {
	w.t.Helper()
	evs, err := w.log.Store.SearchAudit(context.Background(), audit.Filter{ObjectType: "request", Limit: 500})
	w.check(err)
	n := 0
	for _, e := range evs {
		if e.Action == action && e.Result == result {
			n++
		}
	}
	return n
}

func lastEvent(v casework.View) casework.StoredEvent { return v.Events[len(v.Events)-1] }

// TestReviewInHistory checks that the 审核人's pass and return are events
// of the request's history with the reviewer as actor, audited, that the
// head is told of a pass and the applicant is not, and that a pass is
// offered once per draft.
func TestReviewInHistory(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		id := w.started("2023年度行政复议案件统计")
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.Granted, Note: "已公开"}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		before := len(w.notices(id, casework.ToApplicant))

		if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReview}); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("clerk reviews: %v; want Forbidden", err)
		}
		v := w.v(w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActReview, Note: "同意，报负责人"}))
		e := lastEvent(v)
		if e.Event.Action != request.ActReview || e.ActorLogin != "rev" || e.Event.Actor.Role != request.Reviewer || e.Event.Note != "同意，报负责人" {
			t.Errorf("review event %+v", e)
		}
		if v.Record.State != string(request.InReview) || v.Reviewed != d("2024-03-20") || v.ReviewedBy != "rev" {
			t.Errorf("after the pass: state %s reviewed %s by %q", v.Record.State, v.Reviewed, v.ReviewedBy)
		}
		if containsAction(v.Allowed, request.ActReview) {
			t.Errorf("review offered again: %v", v.Allowed)
		}
		if _, err := w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActReview}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("second pass: %v; want Invalid", err)
		}
		staff := w.notices(id, casework.ToStaff)
		if len(staff) != 1 || staff[0].Kind != "reviewed" || !strings.Contains(staff[0].Body, "审核通过，请负责人批准") {
			t.Errorf("staff notices %+v", staff)
		}
		if n := len(w.notices(id, casework.ToApplicant)); n != before {
			t.Errorf("the applicant got %d notices of the review; want none", n-before)
		}
		if w.auditCount("request.review", audit.ResultOK) != 1 || w.auditCount("request.review", audit.ResultFail) != 1 {
			t.Errorf("audit: review ok %d fail %d; want 1 and 1", w.auditCount("request.review", audit.ResultOK), w.auditCount("request.review", audit.ResultFail))
		}

		// The head returns the reviewed draft; the reviewer returns the next one.
		w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActReturn, Note: "请补充依据"}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.Granted, Note: "已公开，附依据"}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		v = w.v(w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActReturn, Note: "依据引用有误"}))
		e = lastEvent(v)
		if e.Event.Action != request.ActReturn || e.ActorLogin != "rev" || e.Event.Actor.Role != request.Reviewer || v.Record.State != string(request.DraftReply) || !v.Reviewed.IsZero() {
			t.Errorf("return event %+v, state %s, reviewed %s", e, v.Record.State, v.Reviewed)
		}
		if _, err := w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActReturn, Note: "x"}); !errors.Is(err, apperr.Conflict) {
			t.Errorf("review of a draft not in review: %v; want Conflict", err)
		}
		// The head may still approve a draft nobody passed (offices without a reviewer).
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		if v = w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove})); v.Record.State != string(request.Approved) {
			t.Errorf("approve without review: %s", v.Record.State)
		}
	})
}

// TestExtensionDecision checks 条例第三十三条第二款 through the service: a
// clerk's request does not move the due date and tells the head, not the
// applicant; the head's approval moves it and tells the applicant with
// the reason asked; a refusal leaves it; the one-call Extend still works.
func TestExtensionDecision(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		id := w.started("2023年度律师事务所年度检查考核结果")
		applicant := len(w.notices(id, casework.ToApplicant))

		if _, err := w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActRequestExtension, Days: 10, Note: "x"}); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("head asks: %v; want Forbidden", err)
		}
		if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestExtension, Days: 10}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("no reason: %v; want Invalid", err)
		}
		v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestExtension, Days: 10, Note: "涉及三个科室的材料"}))
		if v.Deadline.Due != d("2024-04-01") || v.Record.Extended || v.ExtensionAsked == nil || v.ExtensionAsked.Days != 10 || v.ExtensionAsked.By != "clerk" {
			t.Fatalf("after the request: due %s extended %v asked %+v", v.Deadline.Due, v.Record.Extended, v.ExtensionAsked)
		}
		if e := lastEvent(v); e.Event.Action != request.ActRequestExtension || e.ActorLogin != "clerk" {
			t.Errorf("request event %+v", e)
		}
		staff := w.notices(id, casework.ToStaff)
		if len(staff) != 1 || staff[0].Kind != "extension_requested" || !strings.Contains(staff[0].Body, "2024-04-01 前审批") {
			t.Errorf("staff notices %+v", staff)
		}
		if n := len(w.notices(id, casework.ToApplicant)); n != applicant {
			t.Errorf("the applicant was told of the request (%d notices)", n-applicant)
		}
		hv := w.v(w.svc.Get(ctx, w.head, id))
		if !containsAction(hv.Allowed, request.ActExtend) || !containsAction(hv.Allowed, request.ActRefuseExtension) {
			t.Errorf("head offered %v", hv.Allowed)
		}
		if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActExtend}); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("clerk approves: %v; want Forbidden", err)
		}

		w.today = d("2024-03-21")
		v = w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActExtend}))
		e := lastEvent(v)
		if e.Event.Action != request.ActExtend || e.Event.Days != 10 || e.Event.Note != "涉及三个科室的材料" || e.ActorLogin != "head" {
			t.Errorf("approval recorded as %+v", e)
		}
		// 10 working days after 2024-04-01 over 清明 (04-04–04-06 off, Sunday 04-07 worked).
		if v.Deadline.Due != d("2024-04-16") || !v.Record.Extended || v.ExtensionAsked != nil {
			t.Errorf("after approval: due %s extended %v asked %+v", v.Deadline.Due, v.Record.Extended, v.ExtensionAsked)
		}
		ns := w.notices(id, casework.ToApplicant)
		if len(ns) != applicant+1 || !strings.Contains(ns[len(ns)-1].Body, "延长 10 个工作日") || !strings.Contains(ns[len(ns)-1].Body, "涉及三个科室的材料") {
			t.Errorf("applicant notices %+v", ns)
		}
		if staff = w.notices(id, casework.ToStaff); len(staff) != 2 || staff[1].Kind != "extension_approved" {
			t.Errorf("staff notices %+v", staff)
		}
		if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestExtension, Days: 5, Note: "再延"}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("request after the extension: %v; want Invalid", err)
		}

		// Refused: the due date stays.
		id = w.started("2023年度公证机构执业情况")
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestExtension, Days: 20, Note: "材料多"}))
		if _, err := w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActRefuseExtension}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("refusal without reason: %v; want Invalid", err)
		}
		v = w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActRefuseExtension, Note: "可以按期答复"}))
		if v.Deadline.Due != d("2024-04-01") || v.Record.Extended || v.ExtensionAsked != nil || lastEvent(v).Event.Action != request.ActRefuseExtension {
			t.Errorf("after refusal: due %s extended %v", v.Deadline.Due, v.Record.Extended)
		}
		if staff = w.notices(id, casework.ToStaff); len(staff) != 2 || staff[1].Kind != "extension_refused" || !strings.Contains(staff[1].Body, "可以按期答复") {
			t.Errorf("staff notices %+v", staff)
		}
		if _, err := w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActRefuseExtension, Note: "再次"}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("refusal with nothing pending: %v; want Invalid", err)
		}

		// The one-call path of existing callers.
		id = w.started("2023年度人民调解组织名录")
		v = w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActExtend, Days: 20, Note: "情况复杂"}))
		if v.Deadline.Due != d("2024-04-29") || !v.Record.Extended {
			t.Errorf("one-call extension: due %s", v.Deadline.Due)
		}
		if w.auditCount("request.request_extension", audit.ResultOK) != 2 || w.auditCount("request.refuse_extension", audit.ResultOK) != 1 ||
			w.auditCount("request.extend", audit.ResultOK) != 2 {
			t.Errorf("audit trail lacks the extension steps")
		}
	})
}

func containsAction(as []request.Action, a request.Action) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// TestReminderNamesPendingExtension: a due-soon reminder of a request with
// an extension request pending tells the head to decide before the due date.
func TestReminderNamesPendingExtension(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		id := w.started("2023年度法律援助案件统计")
		w.today = d("2024-03-27") // due 2024-04-01: 3 working days left
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestExtension, Days: 15, Note: "需调阅档案"}))
		n, err := w.svc.RunReminders(ctx, w.today.Time().Add(9*3600e9))
		if err != nil || n != 1 {
			t.Fatalf("RunReminders: %d, %v; want 1", n, err)
		}
		var body string
		for _, x := range w.notices(id, casework.ToStaff) {
			if strings.HasPrefix(x.Kind, "remind.") {
				body = x.Body
			}
		}
		if !strings.Contains(body, "申请延期 15 个工作日") || !strings.Contains(body, "期限届满前审批") {
			t.Errorf("reminder %q does not name the pending extension request", body)
		}
	})
}
