package casework

import (
	"context"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A PeriodGuard keeps the records behind a published annual report from
// changing it silently (#13 "After publication"; 条例第五十条: the report
// is published): CheckPeriods, called in the transaction after an edit's
// writes, refuses (apperr.Conflict) when the edit changed a cell of a
// published report on one of years that is not reopened. annual.Service
// is one.
type PeriodGuard interface {
	CheckPeriods(ctx context.Context, agencyID int64, years []int) error
}

// guardPeriods asks s.Periods about the years of dates (zero dates are
// skipped), in the caller's transaction.
func (s *Service) guardPeriods(ctx context.Context, agencyID int64, dates ...calendar.Date) error {
	if s.Periods == nil {
		return nil
	}
	var years []int
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		y := d.Year()
		seen := false
		for _, x := range years {
			seen = seen || x == y
		}
		if !seen {
			years = append(years, y)
		}
	}
	if len(years) == 0 {
		return nil
	}
	return s.Periods.CheckPeriods(ctx, agencyID, years)
}
