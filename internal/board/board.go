// Package board computes the supervisor's season board and charts (#13
// "Charts where people look rather than read"): how many reports on a
// year were published by each day of the season against the year
// before, with the 条例第四十九条 deadlines (31 January for departments,
// 乡镇/街道 and other organs, 31 March for 县级以上人民政府); requests
// received and their outcomes per year from the stored cells of table
// 三; the late-publication rate per year; and the rules broken by the
// reports of the scope, agency by agency. Everything is read from what
// publishing stored (report_drafts, report_cells, report_rules) with a
// few grouped queries over the scope, whatever its size: no report is
// decoded and no query runs per agency. An absent cell is never counted
// as 0: the reports that leave one empty are counted apart.
package board

import (
	"context"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// A DayCount is how many reports on Year the agencies of one kind class
// (Government: 人民政府, else every other kind) first published on Day, a
// day in Beijing.
type DayCount struct {
	Year       int
	Government bool
	Day        calendar.Date
	N          int
}

// A CellYear is one cell of table 三 summed on one year over the stored
// reports that state it: Sum over Reports reports.
type CellYear struct {
	Year    int
	Cell    report.CellID
	Sum     int64
	Reports int
}

// An AgencyFindings is one agency whose report breaks rules: its
// findings in all, and per rule.
type AgencyFindings struct {
	AgencyID int64
	Agency   string
	Findings int
	Rules    []annual.RuleCount
}

// Store reads what the charts need; sqlstore implements it. scope is a
// list of agency ids, read as one parameter however long; only agencies
// that owe a report (not flagged no-report) count.
type Store interface {
	// PublishedDays counts the published reports of scope by report
	// year, kind class and day of first publication in Beijing.
	PublishedDays(ctx context.Context, scope []int64) ([]DayCount, error)
	// Owing counts the agencies of scope that owe a report: 人民政府 and
	// the others.
	Owing(ctx context.Context, scope []int64) (gov, other int, err error)
	// CellYears sums each of cells on each of years over the stored
	// facts of scope's reports, counting the reports that state it.
	CellYears(ctx context.Context, scope []int64, years []int, cells []report.CellID) ([]CellYear, error)
	// CellGaps counts per year the published reports of scope that leave
	// one of cells empty (on years) or whose facts are not stored yet (on
	// any year).
	CellGaps(ctx context.Context, scope []int64, years []int, cells []report.CellID) (map[int]int, error)
	// RuleCounts counts per rule the agencies of scope whose report on
	// year breaks it (annual.Store's).
	RuleCounts(ctx context.Context, year int, scope []int64) ([]annual.RuleCount, error)
	// RuleFindings lists the agencies of scope whose report on year
	// breaks a rule, most findings first (then by id), limit of them
	// from offset, with how many there are in all.
	RuleFindings(ctx context.Context, year int, scope []int64, offset, limit int) ([]AgencyFindings, int, error)
}

// A Service computes the charts. It is safe for concurrent use.
type Service struct {
	st Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// New returns a service reading st; it refuses a nil Store.
func New(st Store) (*Service, error) {
	if st == nil {
		return nil, errors.New("board.New: nil Store")
	}
	return &Service{st: st}, nil
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)

func (s *Service) today() calendar.Date {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return calendar.Of(now().In(cst))
}

// Charts are the season board of one year and the charts across years,
// for one scope.
type Charts struct {
	Season   Season
	Lateness []YearLate     // oldest first
	Requests []YearRequests // oldest first
	Heat     Heat
}

// HeatPageSize is how many agencies one page of the heat map's table
// lists; the chart draws the first HeatTop of them.
const (
	HeatPageSize = 50
	HeatTop      = 20
)

// Charts computes the charts of scope: the season board of the reports
// on year, and the years from the first with a published report to the
// last whose season has begun; heatPage (from 1) is the page of the rule
// × agency table. The caller has checked the right to see scope.
func (s *Service) Charts(ctx context.Context, scope []int64, year, heatPage int) (Charts, error) {
	if year < 2008 || year > 2200 {
		return Charts{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	today := s.today()
	days, err := s.st.PublishedDays(ctx, scope)
	if err != nil {
		return Charts{}, err
	}
	gov, other, err := s.st.Owing(ctx, scope)
	if err != nil {
		return Charts{}, err
	}
	ow := owing{gov: gov, other: other}
	var c Charts
	c.Season = seasonOf(days, ow, year, today)
	years := yearsOf(days, today)
	c.Lateness = latenessOf(days, ow, years, today)
	if c.Requests, err = s.requests(ctx, scope, days, years); err != nil {
		return Charts{}, err
	}
	if c.Heat, err = s.heat(ctx, scope, year, heatPage); err != nil {
		return Charts{}, err
	}
	return c, nil
}

// owing counts the agencies that owe a report, by kind class.
type owing struct{ gov, other int }

func (o owing) of(government bool) int {
	if government {
		return o.gov
	}
	return o.other
}

// Deadline is the 条例第四十九条 deadline of a report on year: 31 March of
// the next year for a 县级以上人民政府, 31 January for every other kind.
func Deadline(government bool, year int) calendar.Date {
	d := report.DeadlineOf(government, year)
	return calendar.D(d.Year(), d.Month(), d.Day())
}

// yearsOf are the report years the charts across years show: from the
// first with a published report to the last whose season has begun
// (today's year − 1), at least that one.
func yearsOf(days []DayCount, today calendar.Date) []int {
	last := today.Year() - 1
	first := last
	for _, d := range days {
		first = min(first, d.Year)
	}
	var out []int
	for y := max(first, 2008); y <= last; y++ {
		out = append(out, y)
	}
	return out
}
