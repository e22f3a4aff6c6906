package annual

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
)

// The audit actions of the period lock.
const (
	ActReopen = "report.reopen"
	ActRelock = "report.relock"
)

// MaxReopenReason bounds the reason of a reopening, in characters.
const MaxReopenReason = 500

// A Reopen is a published year opened again for edits to its records
// (#13 "After publication"), with the 负责人's reason; it is closed by the
// correction that follows (Version) or by a relock.
type Reopen struct {
	AgencyID int64
	Year     int
	N        int // 1 for the year's first reopening
	Reason   string
	OpenedBy string
	OpenedAt time.Time
}

// CheckPeriods implements casework.PeriodGuard: in the caller's
// transaction, after its writes, it compiles each of years that has a
// report published from the agency's records and not reopened, and refuses
// (apperr.Conflict "annual.period_locked") when a cell of table 三 or 四 no
// longer equals the published one. The records behind a published report
// are locked: an edit that would change a published cell needs the year
// reopened with a reason, then a correction (Correct). A report imported
// from outside gongkai has no records behind it and locks nothing.
func (s *Service) CheckPeriods(ctx context.Context, agencyID int64, years []int) error {
	for _, y := range years {
		rec, err := s.st.ReportRecord(ctx, agencyID, y)
		if errors.Is(err, apperr.NotFound) || (err == nil && rec.Status != Published) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := s.st.OpenReopen(ctx, agencyID, y); err == nil {
			continue
		} else if !errors.Is(err, apperr.NotFound) {
			return err
		}
		if _, err := s.st.ImportedSource(ctx, agencyID, y); err == nil {
			continue
		} else if !errors.Is(err, apperr.NotFound) {
			return err
		}
		changed, err := s.changedCells(ctx, rec)
		if err != nil {
			return err
		}
		if len(changed) > 0 {
			return apperr.New(apperr.Conflict, "annual.period_locked", y, changed[0].Table+" "+changed[0].Label, len(changed))
		}
	}
	return nil
}

// changedCells compiles the published record's year from the records as
// they stand (in the caller's transaction) and lists the cells of tables
// 三 and 四 that differ from the published ones.
func (s *Service) changedCells(ctx context.Context, rec Record) ([]report.Cell, error) {
	pub, err := rec.Report()
	if err != nil {
		return nil, err
	}
	// An area report's tables are the area's sums: the government's own
	// records are locked against its own part, as compiled with the area.
	if a, err := s.st.Area(ctx, rec.AgencyID, rec.Year); err == nil && a.Own != nil {
		pub = a.Own
	} else if err != nil && !errors.Is(err, apperr.NotFound) {
		return nil, err
	}
	res, _, err := s.cw.Compile(ctx, rec.AgencyID, pub.Agency, rec.Year)
	if err != nil {
		return nil, err
	}
	now := map[report.CellID]report.Num{}
	for _, c := range res.Report.Cells() {
		now[c.ID] = c.Num
	}
	var out []report.Cell
	for _, c := range pub.Cells() {
		if (c.Table == "表三" || c.Table == "表四") && now[c.ID] != c.Num {
			out = append(out, c)
		}
	}
	return out, nil
}

// Reopen opens agency agencyID's published year again for edits to its
// records, for w, its 负责人 (report.publish), with a reason; the
// correction that follows closes it. Audited.
func (s *Service) Reopen(ctx context.Context, w casework.Staffer, agencyID int64, year int, reason string) (Reopen, error) {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return Reopen{}, s.refuse(ctx, by, ActReopen, agencyID, year, w, "annual.publish_forbidden")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return Reopen{}, apperr.New(apperr.Invalid, "annual.reopen_reason")
	case utf8.RuneCountInString(reason) > MaxReopenReason:
		return Reopen{}, apperr.New(apperr.Invalid, "annual.reopen_reason_long", MaxReopenReason)
	}
	var r Reopen
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		rec, err := s.st.ReportRecord(ctx, agencyID, year)
		if err != nil {
			return err
		}
		if rec.Status != Published {
			return apperr.New(apperr.Conflict, "annual.not_published")
		}
		if r, err = s.st.AddReopen(ctx, Reopen{AgencyID: agencyID, Year: year, Reason: reason, OpenedBy: w.Subject.Login, OpenedAt: s.now()}); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event(ActReopen, "report", agencyID, audit.ResultOK, fmt.Sprintf("year=%d %s", year, clip(reason, 100))))
	})
	return r, err
}

// Relock closes the open reopening of a year without a correction, for
// its 负责人, when the records still give the published cells; otherwise
// (annual.relock_changed) a correction must publish what changed. Audited.
func (s *Service) Relock(ctx context.Context, w casework.Staffer, agencyID int64, year int) error {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return s.refuse(ctx, by, ActRelock, agencyID, year, w, "annual.publish_forbidden")
	}
	return s.st.InTx(ctx, func(ctx context.Context) error {
		rec, err := s.st.ReportRecord(ctx, agencyID, year)
		if err != nil {
			return err
		}
		if _, err := s.st.OpenReopen(ctx, agencyID, year); err != nil {
			return err
		}
		changed, err := s.changedCells(ctx, rec)
		if err != nil {
			return err
		}
		if len(changed) > 0 {
			return apperr.New(apperr.Conflict, "annual.relock_changed", changed[0].Table+" "+changed[0].Label, len(changed))
		}
		if err := s.st.CloseReopen(ctx, agencyID, year, w.Subject.Login, s.now(), 0); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event(ActRelock, "report", agencyID, audit.ResultOK, fmt.Sprintf("year=%d", year)))
	})
}

// Reopened returns the open reopening of a year, or apperr.NotFound.
func (s *Service) Reopened(ctx context.Context, agencyID int64, year int) (Reopen, error) {
	return s.st.OpenReopen(ctx, agencyID, year)
}

// clip shortens s to n characters for an audit detail.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
