package casework

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// step loads request id and applies e as w; on zero means today.
func (s *Service) step(ctx context.Context, w Staffer, id int64, e request.Event) (View, error) {
	var v View
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		if _, err := s.applyTx(ctx, w, rec, e, ""); err != nil {
			return err
		}
		v, err = s.view(ctx, w, id)
		return err
	})
	return v, err
}

// RequestCorrection sends the 补正 notice (条例第三十条): what to correct
// (note) and the period (until). The clock stops. A notice later than 7
// working days after receipt is recorded but reported in the view's
// findings (correction-notice-late).
func (s *Service) RequestCorrection(ctx context.Context, w Staffer, id int64, on, until calendar.Date, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActRequestCorrection, On: on, Until: until, Note: note})
}

// ReceiveCorrection records the corrected application: the 20 working
// days restart from on (条例第三十条).
func (s *Service) ReceiveCorrection(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActReceiveCorrection, On: on})
}

// CorrectionExpired ends a request whose correction period passed without
// a correction, as other_no_correction (条例第三十条).
func (s *Service) CorrectionExpired(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActCorrectionExpired, On: on})
}

// Start puts a registered (or corrected) request in hand.
func (s *Service) Start(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActStart, On: on})
}

// Consult sends a consultation to a third party (第三十二条) or another
// agency (第三十四条); the clock pauses, for at most 15 working days.
func (s *Service) Consult(ctx context.Context, w Staffer, id int64, on calendar.Date, kind request.PauseKind, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActConsult, On: on, Pause: kind, Note: note})
}

// ConsultAnswered records the answer (or the end of the 15 days).
func (s *Service) ConsultAnswered(ctx context.Context, w Staffer, id int64, on calendar.Date, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActConsultAnswered, On: on, Note: note})
}

// FeeNotice sends a fee notice (信息处理费, 条例第四十二条): per request, by
// the request's ordinal among the applicant's requests of its month, or
// per page. The clock pauses until payment.
func (s *Service) FeeNotice(ctx context.Context, w Staffer, id int64, on calendar.Date, method request.FeeMethod, pages int) (View, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return View{}, err
	}
	if !canRead(w, rec.AgencyID) {
		return View{}, s.finish(ctx, s.deny(ctx, w, "request.fee_notice", rec, "无权办理"))
	}
	var q request.FeeQuote
	switch method {
	case request.PerPage:
		q = request.QuotePerPage(pages)
	case request.PerRequest:
		n, err := s.monthOrdinal(ctx, rec)
		if err != nil {
			return View{}, err
		}
		q = request.QuotePerRequest(n)
	default:
		return View{}, apperr.New(apperr.Invalid, "请选择按件或按量计收（《政府信息公开信息处理费管理办法》第三条）")
	}
	if q.Yuan == 0 {
		return View{}, apperr.Errorf(apperr.Invalid, "按%s计算不收费（%s）", map[request.FeeMethod]string{request.PerPage: "量", request.PerRequest: "件"}[method], q.Zh())
	}
	return s.step(ctx, w, id, request.Event{Action: request.ActFeeNotice, On: on, Fee: q})
}

// monthOrdinal is rec's place among its applicant's requests received in
// the same calendar month (办法第四条: 同一申请人一个自然月内累计).
func (s *Service) monthOrdinal(ctx context.Context, rec Record) (int, error) {
	all, err := s.st.ApplicantRequests(ctx, rec.AgencyID, rec.ApplicantKey)
	if err != nil {
		return 0, err
	}
	var dates []calendar.Date
	at := -1
	for _, o := range all {
		if o.Received.IsZero() || o.Received.Year() != rec.Received.Year() || o.Received.Month() != rec.Received.Month() {
			continue
		}
		if o.ID == rec.ID {
			at = len(dates)
		}
		dates = append(dates, o.Received)
	}
	if at < 0 {
		return 1, nil
	}
	return request.MonthlyOrdinals(dates)[at], nil
}

// FeePaid records payment; the clock runs again.
func (s *Service) FeePaid(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActFeePaid, On: on})
}

// FeeExpired ends a request whose fee was not paid within 20 working days
// of the notice, as other_fee_unpaid.
func (s *Service) FeeExpired(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActFeeExpired, On: on})
}

// Extend extends the reply period once by at most 20 working days: only
// the 负责人 may, the approval is recorded in the history and the audit
// log, and the applicant is told (条例第三十三条第二款). With a clerk's
// request pending (RequestExtension) it is the head's approval of it (days
// 0 and an empty reason take the request's); without one the head's
// decision is the request and the approval in one recorded step.
func (s *Service) Extend(ctx context.Context, w Staffer, id int64, on calendar.Date, days int, reason string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActExtend, On: on, Days: days, Note: reason})
}

// Delay sets a later reply date under 第三十五条 (负责人).
func (s *Service) Delay(ctx context.Context, w Staffer, id int64, on, until calendar.Date, reason string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActDelay, On: on, Until: until, Note: reason})
}

// Draft records the draft reply with exactly one of the outcomes and its
// legal basis (note holds the letter's reasoning).
func (s *Service) Draft(ctx context.Context, w Staffer, id int64, on calendar.Date, outcome request.Outcome, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActDraft, On: on, Outcome: outcome, Note: note})
}

// SubmitForReview sends the draft to review.
func (s *Service) SubmitForReview(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActSubmit, On: on})
}

// Review records the 审核人's review of the draft in the request's history
// with the reviewer as actor: returned for changes (ok false: a return
// event, comments required) or passed (ok true: a review event, comments
// optional; the request stays in review until the 负责人 approves, and
// the 负责人 is notified). Both are audited as request.return and
// request.review.
func (s *Service) Review(ctx context.Context, w Staffer, id int64, on calendar.Date, ok bool, note string) (View, error) {
	if !ok {
		return s.step(ctx, w, id, request.Event{Action: request.ActReturn, On: on, Note: note})
	}
	return s.step(ctx, w, id, request.Event{Action: request.ActReview, On: on, Note: note})
}

// Approve is the 负责人's approval of the reply.
func (s *Service) Approve(ctx context.Context, w Staffer, id int64, on calendar.Date, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActApprove, On: on, Note: note})
}

// Return sends an approved or reviewed draft back for changes.
func (s *Service) Return(ctx context.Context, w Staffer, id int64, on calendar.Date, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActReturn, On: on, Note: note})
}

// Reply records that the reply was delivered on day on: the request ends
// there for the report (regulation.md §7).
func (s *Service) Reply(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActReply, On: on})
}

// Close files a replied request (条例第四十五条 归档).
func (s *Service) Close(ctx context.Context, w Staffer, id int64, on calendar.Date) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActClose, On: on})
}

// Withdraw records the applicant's withdrawal (ends as other_other).
func (s *Service) Withdraw(ctx context.Context, w Staffer, id int64, on calendar.Date, note string) (View, error) {
	return s.step(ctx, w, id, request.Event{Action: request.ActWithdraw, On: on, Note: note})
}

// errNoAgency is returned by console operations given no agency.
var errNoAgency = fmt.Errorf("casework: %w", apperr.New(apperr.Invalid, "缺少机关"))
