package annual

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// An AgencyStatus is one agency's line in a supervisor's overview.
type AgencyStatus struct {
	AgencyID int64
	Agency   string
	// Deadline is the 条例第四十九条 deadline: 31 January of the next year
	// for a department, 31 March for a 人民政府.
	Deadline    calendar.Date
	Status      Status // "" when nothing is stored
	PublishedAt time.Time
	// Late is true when the report was published after its deadline, or
	// is still unpublished when the deadline has passed.
	Late             bool
	Errors, Warnings int // findings of a published report
}

// An Overview is a supervisor's view of the annual reports on a year of
// every agency in its scope, with tables 三 and 四 summed over the
// published reports.
type Overview struct {
	Year int
	Rows []AgencyStatus
	// Aggregate sums the published reports (compile.Aggregate); an agency
	// without a published report counts as a report with every cell
	// absent, so its cells appear in Absences and are never taken as 0.
	Aggregate *report.Report
	Absences  []compile.Absence // tables 三 and 四 only
	Published int
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)

// Overview lists, for a 监督员, every agency in its scope (the subtree of
// its agency and of the agency it oversees, 条例第五十条) with the status
// of its report on year.
func (s *Service) Overview(ctx context.Context, w casework.Staffer, year int) (Overview, error) {
	if !slices.Contains(w.Subject.Roles, account.Supervisor) || w.Subject.Disabled {
		return Overview{}, apperr.New(apperr.Forbidden, "annual.overview_forbidden")
	}
	if year < 2008 || year > 2200 {
		return Overview{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	today := calendar.Of(s.now().In(cst))
	ov := Overview{Year: year}
	var reps []*report.Report
	for _, id := range w.Subject.Scope {
		ag, err := s.ag.Agency(ctx, id)
		if err != nil {
			return Overview{}, err
		}
		if ag.NoReport {
			continue // a supervising office that publishes no report of its own
		}
		dl := DeadlineOf(ag, year)
		row := AgencyStatus{AgencyID: id, Agency: ag.Name, Deadline: calendar.D(dl.Year(), dl.Month(), dl.Day())}
		rec, err := s.st.ReportRecord(ctx, id, year)
		if err != nil && !errors.Is(err, apperr.NotFound) {
			return Overview{}, err
		}
		row.Status = rec.Status
		if rec.Status == Published {
			rep, err := rec.Report()
			if err != nil {
				return Overview{}, err
			}
			var prev *report.Report
			if p, err := s.st.ReportRecord(ctx, id, year-1); err == nil && p.Status == Published {
				prev, _ = p.Report()
			}
			row.Errors, row.Warnings = report.Count(report.ValidateWith(rep, prev, ValidateOptions(ag)))
			row.PublishedAt = rec.PublishedAt
			row.Late = calendar.Of(rec.PublishedAt.In(cst)).After(row.Deadline)
			reps = append(reps, rep)
			ov.Published++
		} else {
			row.Late = today.After(row.Deadline)
			empty := report.Empty(compile.TemplateFor(year))
			empty.Agency, empty.Year = ag.Name, year
			reps = append(reps, empty)
		}
		ov.Rows = append(ov.Rows, row)
	}
	if len(reps) == 0 {
		return ov, nil
	}
	for _, r := range reps {
		r.Year = year // a snapshot states its own year; the overview is on year
	}
	agg, abs, err := compile.Aggregate("", year, reps)
	if err != nil {
		return Overview{}, err
	}
	ov.Aggregate = agg
	for _, a := range abs {
		if c := string(a.Cell); strings.HasPrefix(c, "requests.") || strings.HasPrefix(c, "review_litigation.") {
			ov.Absences = append(ov.Absences, a)
		}
	}
	return ov, nil
}

// DeadlineOf is the 条例第四十九条 deadline of a's report on year, by its
// kind: 31 March for a 人民政府, 31 January for every other kind.
func DeadlineOf(a agency.Agency, year int) time.Time {
	return report.DeadlineOf(a.Kind == agency.Government, year)
}

// ValidateOptions tells report.ValidateWith a's kind, so that R8 uses it
// rather than guessing from the name.
func ValidateOptions(a agency.Agency) report.Options {
	gov := a.Kind == agency.Government
	return report.Options{Government: &gov}
}
