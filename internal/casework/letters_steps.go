package casework

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// letterRefs returns the 文号 of the earlier letters that letter kind,
// dated by the last of evs, names: the 补正告知书 in a 逾期不补正 letter
// (条例第三十条), the 收费通知书 in a 逾期未缴费 letter, the 说明理由通知书
// in a 延迟答复告知书 or a 不予处理 under 第三十五条 (regulation.md §8). The
// earlier letter was sent, so its number is issued if it was not yet.
func (s *Service) letterRefs(ctx context.Context, rec Record, evs []request.Event, set letter.Settings, kind letter.Kind) (map[letter.Kind]string, error) {
	var want letter.Kind
	last := evs[len(evs)-1]
	switch {
	case kind == letter.KindDelay:
		want = letter.KindReasons
	case kind != letter.KindReply:
		return nil, nil
	case last.Action == request.ActCorrectionExpired:
		want = letter.KindCorrection
	case last.Action == request.ActFeeExpired:
		want = letter.KindFee
	default:
		if d := lastDraft(evs); d == nil || d.Outcome != request.RejectedMassRepeated {
			return nil, nil
		}
		want = letter.KindReasons
	}
	for _, e := range evs {
		if !sends(want, e) {
			continue
		}
		seq, err := s.Stationery.Number(ctx, rec.AgencyID, rec.ID, want, e.On.Year())
		if err != nil || seq == 0 || set.NumberPrefix == "" {
			return nil, err
		}
		return map[letter.Kind]string{want: letter.DocNumber(set.NumberPrefix, e.On.Year(), seq)}, nil
	}
	return nil, nil
}

// lastDraft returns the last draft of evs, or nil.
func lastDraft(evs []request.Event) *request.Event {
	var d *request.Event
	for i, e := range evs {
		if e.Action == request.ActDraft {
			d = &evs[i]
		}
	}
	return d
}

// buildStepLetter writes the 说明理由通知书 and the 延迟答复告知书 of 条例
// 第三十五条 and the withdrawal confirmation, dated by evs[at].
func buildStepLetter(rec Record, evs []request.Event, at int, kind letter.Kind, cal *calendar.Calendar, s letter.Settings, m letter.Meta,
	c letter.Case, refs map[letter.Kind]string) (*letter.Letter, error) {
	e := evs[at]
	switch kind {
	case letter.KindReasons:
		return letter.Reasons(s, m, letter.ReasonsInput{Case: c, Why: e.Note, Until: e.Until})
	case letter.KindDelay:
		before, dl, err := deadlineAt(rec, evs[:at], cal, e.On)
		if err != nil {
			return nil, err
		}
		return letter.Delay(s, m, letter.DelayInput{Case: c, ReasonsAsked: before.ReasonsAsked, ReasonsNumber: refs[letter.KindReasons],
			ReasonsGiven: before.ReasonsGiven, Why: e.Note, OriginalDue: dl.Due, NewDue: e.Until})
	}
	return letter.Withdrawal(s, m, letter.WithdrawalInput{Case: c, Withdrawn: e.On})
}

// buildTermination writes the 终止处理告知书 of a request the applicant
// gave up, dated by the step that ended it (evs[at]): not corrected in
// time (条例第三十条) or the fee not paid in time (regulation.md §3), with
// the notice's date, 文号, delivery and period (regulation.md §8).
func buildTermination(rec Record, evs []request.Event, at int, cal *calendar.Calendar, s letter.Settings, m letter.Meta,
	c letter.Case, refs map[letter.Kind]string) (*letter.Letter, error) {
	r, err := request.Load(rec.Tracking, evs[:at+1])
	if err != nil {
		return nil, fmt.Errorf("casework: letter %s: %w", rec.Tracking, err)
	}
	in := letter.ReplyInput{Case: c, Outcome: r.Outcome}
	if n, ok := r.LastNotice(request.ActRequestCorrection); ok && r.Outcome == request.OtherNoCorrection {
		in.CorrectionAsked, in.CorrectionUntil, in.CorrectionNumber = n.Sent, n.Until, refs[letter.KindCorrection]
	}
	if n, ok := r.LastNotice(request.ActFeeNotice); ok && r.Outcome == request.OtherFeeUnpaid {
		in.FeeNotified, in.FeeYuan, in.FeeNumber, in.FeeDelivered = n.Sent, r.Fee.Yuan, refs[letter.KindFee], n.Delivered
		if !n.Delivered.IsZero() {
			in.FeeUntil = cal.AddWorkdays(n.Delivered, request.FeePaymentWorkdays)
		}
	}
	return letter.Reply(s, m, in)
}

// reasonsAsked fills a 第三十五条 不予处理 letter with the 说明理由通知书
// and the applicant's answer, if one came.
func reasonsAsked(in *letter.ReplyInput, evs []request.Event, refs map[letter.Kind]string) {
	for _, e := range evs {
		switch e.Action {
		case request.ActAskReasons:
			in.ReasonsAsked, in.ReasonsUntil, in.ReasonsNumber = e.On, e.Until, refs[letter.KindReasons]
		case request.ActReasonsGiven:
			in.ReasonsGiven, in.ReasonsAnswer = e.On, e.Note
		}
	}
}

// deadlineAt replays evs (a request's history up to a letter's event) and
// returns the request as it then stood and its deadline on day on.
func deadlineAt(rec Record, evs []request.Event, cal *calendar.Calendar, on calendar.Date) (*request.Request, request.Deadline, error) {
	r, err := request.Load(rec.Tracking, evs)
	if err != nil {
		return nil, request.Deadline{}, fmt.Errorf("casework: letter %s: %w", rec.Tracking, err)
	}
	dl, err := r.Deadline(cal, on)
	return r, dl, err
}
