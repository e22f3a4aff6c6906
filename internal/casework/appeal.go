package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
)

// AddAppeal records a 行政复议 or 行政诉讼 about request a.RequestID (a
// clerk or the 负责人 of the handling agency).
func (s *Service) AddAppeal(ctx context.Context, w Staffer, a Appeal) (Appeal, error) {
	switch a.Kind {
	case Review, LitigationDirect, LitigationAfterReview:
	default:
		return a, apperr.New(apperr.Invalid, "appeal.kind_required")
	}
	if err := checkAppeal(a); err != nil {
		return a, err
	}
	a.CreatedAt = s.now()
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, a.RequestID)
		if err != nil {
			return err
		}
		if !canActIn(w, auth.RequestHandle, rec.AgencyID) && !canActIn(w, auth.RequestApprove, rec.AgencyID) {
			return s.deny(ctx, w, "request.appeal", rec, "deny.appeal")
		}
		if a, err = s.st.AddAppeal(ctx, a); err != nil {
			return err
		}
		if err := s.guardPeriods(ctx, rec.AgencyID, a.Filed, a.Concluded); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("request.appeal", "request", rec.ID, audit.ResultOK,
			fmt.Sprintf("%s %s 提起 %s", rec.Tracking, a.Kind, a.Filed)))
	})
	return a, err
}

// ConcludeAppeal records the conclusion date and result of an appeal.
func (s *Service) ConcludeAppeal(ctx context.Context, w Staffer, a Appeal) error {
	if a.Concluded.IsZero() || a.Result == "" {
		return apperr.New(apperr.Invalid, "appeal.conclusion_required")
	}
	if err := checkAppeal(a); err != nil {
		return err
	}
	return s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, a.RequestID)
		if err != nil {
			return err
		}
		if !canActIn(w, auth.RequestHandle, rec.AgencyID) && !canActIn(w, auth.RequestApprove, rec.AgencyID) {
			return s.deny(ctx, w, "request.appeal", rec, "deny.appeal")
		}
		if err := s.st.UpdateAppeal(ctx, a); err != nil {
			return err
		}
		if err := s.guardPeriods(ctx, rec.AgencyID, a.Filed, a.Concluded); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("request.appeal_concluded", "request", rec.ID, audit.ResultOK,
			fmt.Sprintf("%s %s %s %s", rec.Tracking, a.Kind, a.Concluded, a.Result)))
	})
}

func checkAppeal(a Appeal) error {
	switch a.Result {
	case "", Upheld, Corrected, OtherEnd:
	default:
		return apperr.New(apperr.Invalid, "appeal.result_invalid")
	}
	if (a.Result == "") != a.Concluded.IsZero() {
		return apperr.New(apperr.Invalid, "appeal.date_and_result")
	}
	if !a.Filed.IsZero() && !a.Concluded.IsZero() && a.Concluded.Before(a.Filed) {
		return apperr.New(apperr.Invalid, "appeal.concluded_before_filed")
	}
	return nil
}

// SetOverride records a local closure or opening of the agency of w (its
// 负责人): every due date of the agency counts it from then on.
func (s *Service) SetOverride(ctx context.Context, w Staffer, o calendar.Override) error {
	o.Reason = strings.TrimSpace(o.Reason)
	if o.Date.IsZero() || o.Reason == "" {
		return apperr.New(apperr.Invalid, "appeal.date_and_reason")
	}
	return s.tx(ctx, func(ctx context.Context) error {
		ag := w.Subject.AgencyID
		if !canActIn(w, auth.RequestApprove, ag) {
			return s.deny(ctx, w, "calendar.override", Record{AgencyID: ag}, "deny.calendar")
		}
		if err := s.st.SetCalendarOverride(ctx, ag, o, s.now()); err != nil {
			return err
		}
		if err := s.redue(ctx, ag); err != nil {
			return err
		}
		kind := "closure"
		if o.Open {
			kind = "opening"
		}
		return s.log.Record(ctx, w.actor().Event("calendar.override", "agency", ag, audit.ResultOK,
			fmt.Sprintf("%s %s %s", o.Date, kind, clipText(o.Reason, 80))))
	})
}

// redue recomputes the cached due date of every open request of an
// agency after its calendar changed, in the caller's transaction.
func (s *Service) redue(ctx context.Context, agencyID int64) error {
	cal, err := s.Calendar(ctx, agencyID)
	if err != nil {
		return err
	}
	recs, err := s.st.ListRequests(ctx, Filter{AgencyID: agencyID, OpenOnly: true})
	if err != nil {
		return err
	}
	today := s.Today()
	for _, rec := range recs {
		if rec.State == Submitted {
			continue
		}
		stored, err := s.st.RequestEvents(ctx, rec.ID)
		if err != nil {
			return err
		}
		if len(stored) == 0 {
			continue // an imported request without history keeps its date
		}
		r, err := replay(rec, stored)
		if err != nil {
			return err
		}
		on := today
		if last := stored[len(stored)-1].Event.On; last.After(on) {
			on = last
		}
		due, err := r.DueDate(cal, on)
		if err != nil || due == rec.Due {
			continue
		}
		rec.Due, rec.UpdatedAt = due, s.now()
		if err := s.st.UpdateRequest(ctx, rec); err != nil {
			return err
		}
	}
	return nil
}
