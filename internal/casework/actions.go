package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// A Step is one workflow step staff take on a request: the action and
// what it carries. Only the fields the action uses are read; the rules of
// each step (who, in which state, the 7-day 补正 notice of 条例第三十条,
// the 20-day extension of 第三十三条 …) are request.Apply's and this
// package's, never the caller's.
type Step struct {
	Action request.Action
	// On is the legal date of the step (the day a notice went out, an
	// answer arrived, the reply was delivered); zero means today.
	On calendar.Date
	// Until is the end of the correction period (request_correction,
	// 条例第三十条) or the new reply date (delay, 第三十五条).
	Until calendar.Date
	// Note is the reason, the items to correct, the review comments or
	// the letter's reasoning (draft).
	Note string
	// Pause is what a consult waits for: a third party (第三十二条) or
	// another agency (第三十四条).
	Pause request.PauseKind
	// Party is who a consult asks: the 征求第三方意见书 is addressed to it.
	Party string
	// Opinion is the consulted party's answer (consult_answered): agreed,
	// objected, or none within the 15 working days (第三十二条, 第三十四条).
	Opinion request.Opinion
	// Days are the working days of request_extension and extend (extend
	// 0: the days requested).
	Days int
	// Outcome is the draft's outcome, one of the 21 of the annual report.
	Outcome request.Outcome
	// Reply holds what the draft's letter says besides Note: the withheld
	// part and its ground of 部分公开 (条例第三十七条), 第三十六条第（五）项
	// with the responsible agency (regulation.md §8).
	Reply request.ReplyDetail
	// FeeMethod and Pages price a fee_notice (信息处理费, 条例第四十二条):
	// per request, by the request's ordinal among the applicant's requests
	// of its month, or per page.
	FeeMethod request.FeeMethod
	Pages     int
	// Dispatch is how the notice or consultation letter of
	// request_correction, consult, fee_notice or ask_reasons goes out
	// (直接送达, 电子送达, 邮寄送达); Delivered the day it reached its
	// addressee: on a deliver step, the arrival of a posted one (On is then
	// the day it is recorded). In person and electronically it arrives the
	// day sent unless Delivered says otherwise.
	Dispatch  request.Dispatch
	Delivered calendar.Date
	// Items are the items of an application split under 一事一申请
	// (split, 拆分登记), in order: the request keeps the first, each other
	// becomes a request of its own.
	Items []string
}

// Step takes step st on request id as w, in one transaction, and returns
// the request as w sees it afterwards. The actions:
//
//   - request_correction sends the 补正 notice (条例第三十条): what to
//     correct (Note) and the period (Until); the clock stops. A notice
//     later than 7 working days after receipt is recorded but reported in
//     the view's findings (correction-notice-late).
//   - receive_correction: the 20 working days restart from On (第三十条).
//   - correction_expired ends a request whose correction period passed
//     without a correction, as other_no_correction (第三十条).
//   - start puts a registered (or corrected) request in hand.
//   - consult asks a third party (第三十二条) or another agency (第三十四条);
//     the clock pauses, for at most 15 working days; consult_answered
//     records the answer (or the end of the 15 days) with the Opinion. A
//     draft that discloses over a third party's objection carries the
//     reasons (Reply.Override) and the reply sends the third party a
//     决定公开告知书; a withheld_third_party draft without a consultation
//     is flagged in the view's findings (third-party-not-consulted).
//   - fee_notice (办法第三条、第四条) pauses the clock until fee_paid;
//     fee_expired ends a request whose fee was not paid within 20 working
//     days of the notice, as other_fee_unpaid.
//   - request_extension is the clerk's request to extend (第三十三条第二款);
//     it moves nothing until the 负责人 takes extend (with a request
//     pending, Days 0 and an empty Note take the request's; without one,
//     the request and the approval in one recorded step) or
//     refuse_extension. The approval is recorded in the history and the
//     audit log, and the applicant is told.
//   - ask_reasons sends the 说明理由通知书 of 第三十五条 (Note: what makes
//     the number or frequency of requests unreasonable and what is asked;
//     Until: the period); reasons_received records the applicant's
//     reasons (Note). A draft of rejected_mass_repeated (不予处理) needs
//     the reasons asked and then given or their period passed.
//   - delay sets a later reply date under 第三十五条 (负责人), only after
//     the applicant's reasons; it sends the 延迟答复告知书.
//   - deliver records the day a posted notice or consultation letter
//     arrived (Delivered); the fee's 20 working days and a consultation's
//     15 count from that day.
//   - draft records the reply with exactly one of the outcomes (Note holds
//     the letter's reasoning, Reply the details some letters need: the
//     withheld part and ground of 部分公开, 第三十六条第（四）项 or （五）);
//     submit sends it to review; review is the
//     审核人's pass (the 负责人 is notified) and return sends it back for
//     changes (comments required); approve is the 负责人's approval.
//   - split (拆分登记, only while registered) keeps Items[0] on the request
//     and registers each further item as a request of its own with the
//     same receipt date, channel and query code (一事一申请).
//   - reply records the delivery of the reply on On: the request ends
//     there for the report (regulation.md §7); close files it (第四十五条
//     归档); withdraw records the applicant's withdrawal (other_other).
//
// Registration is not a step: Register and Confirm take it.
func (s *Service) Step(ctx context.Context, w Staffer, id int64, st Step) (View, error) {
	e := request.Event{Action: st.Action, On: st.On, Until: st.Until, Note: st.Note, Pause: st.Pause, Party: strings.TrimSpace(st.Party),
		Opinion: st.Opinion, Days: st.Days, Outcome: st.Outcome, Dispatch: st.Dispatch, Delivered: st.Delivered}
	if today := s.Today(); st.Delivered.After(today) {
		return View{}, apperr.New(apperr.Invalid, "step.delivered_future", st.Delivered, today)
	}
	if st.Action == request.ActDraft {
		// Only the outcome's own details are kept: a form sends every field.
		e.Reply = st.Reply.For(st.Outcome)
	}
	switch _, known := actionNames[st.Action]; {
	case !known || st.Action == request.ActRegister:
		return View{}, apperr.New(apperr.Invalid, "step.unknown", string(st.Action))
	case st.Action == request.ActDraft && !st.Outcome.Valid():
		return View{}, apperr.New(apperr.Invalid, "step.outcome_required")
	case st.Action == request.ActConsult && strings.TrimSpace(st.Party) == "":
		// 条例第三十二条 asks the third party in writing, 第三十四条 the
		// other agency: the 征求意见书 needs its addressee.
		return View{}, apperr.New(apperr.Invalid, "step.consult_party")
	case st.Action == request.ActSplit:
		return s.split(ctx, w, id, st)
	case st.Action == request.ActFeeNotice:
		q, err := s.quote(ctx, w, id, st.FeeMethod, st.Pages)
		if err != nil {
			return View{}, err
		}
		e.Fee = q
	}
	return s.step(ctx, w, id, e)
}

// step loads request id and applies e as w; on zero means today.
func (s *Service) step(ctx context.Context, w Staffer, id int64, e request.Event) (View, error) {
	var v View
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		if e.Action == request.ActReply && staffOf(w, rec.AgencyID) {
			if err := s.releaseReady(ctx, rec); err != nil {
				return err
			}
		}
		if _, err := s.applyTx(ctx, w, rec, e, ""); err != nil {
			return err
		}
		v, err = s.view(ctx, w, id)
		return err
	})
	return v, err
}

// quote prices the fee notice of request id (信息处理费, 条例第四十二条)
// by method: per request, by the request's ordinal among the applicant's
// requests of its month (办法第四条), or per page.
func (s *Service) quote(ctx context.Context, w Staffer, id int64, method request.FeeMethod, pages int) (request.FeeQuote, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return request.FeeQuote{}, err
	}
	if !canRead(w, rec.AgencyID) {
		return request.FeeQuote{}, s.finish(ctx, s.deny(ctx, w, "request.fee_notice", rec, "deny.handle"))
	}
	var q request.FeeQuote
	switch method {
	case request.PerPage:
		q = request.QuotePerPage(pages)
	case request.PerRequest:
		n, err := s.monthOrdinal(ctx, rec)
		if err != nil {
			return request.FeeQuote{}, err
		}
		q = request.QuotePerRequest(n)
	default:
		return request.FeeQuote{}, apperr.New(apperr.Invalid, "fee.method_required")
	}
	if q.Yuan == 0 && method == request.PerPage {
		return request.FeeQuote{}, apperr.New(apperr.Invalid, "fee.free_per_page", q.Units)
	}
	if q.Yuan == 0 {
		return request.FeeQuote{}, apperr.New(apperr.Invalid, "fee.free_per_request", q.Units)
	}
	return q, nil
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

// errNoAgency is returned by console operations given no agency.
var errNoAgency = fmt.Errorf("casework: %w", apperr.New(apperr.Invalid, "casework.agency_missing"))
