package annual

import (
	"context"
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
	Kind     agency.Kind
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
	// absent, so its cells appear in Absent and are never taken as 0.
	Aggregate *report.Report
	// Unpublished lists the agencies of Rows without a published report,
	// by ID: each lacks every cell, and is kept here once rather than
	// under every cell.
	Unpublished []int64
	// Absent lists the cells of tables 二, 三 and 四 that some agency
	// lacks, in the template's order (AbsentAgencies names them).
	Absent    []CellAbsence
	Published int
}

// Statuses a supervisor filters the overview by (GET /api/v1/overview's
// status=, the overview page's filter).
const (
	StatusLate    = "late"    // published after the deadline, or missing past it
	StatusMissing = "missing" // no published report
	StatusErrors  = "errors"  // published with an error-severity finding
)

// Is reports whether the row has status (StatusLate, StatusMissing,
// StatusErrors, or a Status: published, draft); "" matches every row.
func (r AgencyStatus) Is(status string) bool {
	published := r.Status == Published
	switch status {
	case "":
		return true
	case StatusLate:
		return r.Late
	case StatusMissing:
		return !published
	case StatusErrors:
		return published && r.Errors > 0
	case string(Published):
		return published
	case string(Draft):
		return r.Status == Draft
	}
	return false
}

// Counts are an overview's totals: the agencies that owe a report,
// published, late (the missing ones past their deadline included),
// missing, and published with an error-severity finding.
type Counts struct {
	Agencies, Published, Late, Missing, Errors int
}

// Counts totals the overview's rows: the numbers of GET /api/v1/overview
// and of the overview page.
func (ov Overview) Counts() Counts {
	c := Counts{Agencies: len(ov.Rows)}
	for _, r := range ov.Rows {
		if r.Is(StatusMissing) {
			c.Missing++
		} else {
			c.Published++
		}
		if r.Is(StatusLate) {
			c.Late++
		}
		if r.Is(StatusErrors) {
			c.Errors++
		}
	}
	return c
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)

// Overview lists, for a 监督员, every agency in its scope (the subtree of
// its agency and of the agency it oversees, 条例第五十条) that owes a
// report, with the status of its report on year. It reads what publishing
// stored (FactsOf): one query for the statuses, two for the sums and the
// absences of tables 三 and 四 in SQL — no report is decoded or validated
// here, except once for a report published before its facts were stored,
// when the scope has at most Service.InlineBackfill of them (more: the overview is
// refused with annual.facts_pending until BackfillFacts has run).
func (s *Service) Overview(ctx context.Context, w casework.Staffer, year int) (Overview, error) {
	if !slices.Contains(w.Subject.Roles, account.Supervisor) || w.Subject.Disabled {
		return Overview{}, apperr.New(apperr.Forbidden, "annual.overview_forbidden")
	}
	return s.OverviewOf(ctx, w.Subject.Scope, year)
}

// OverviewOf is the overview of the agencies of scope, for a caller that
// has checked the right to see them (an API token of a supervising
// office, whose scope is agency.Scope of its agency).
func (s *Service) OverviewOf(ctx context.Context, scope []int64, year int) (Overview, error) {
	if year < 2008 || year > 2200 {
		return Overview{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	today := calendar.Of(s.now().In(cst))
	ov := Overview{Year: year}
	sts, err := s.st.OverviewStatuses(ctx, year, scope)
	if err != nil {
		return Overview{}, err
	}
	if err := s.backfillScope(ctx, sts, year); err != nil {
		return Overview{}, err
	}
	var owing []int64
	for _, st := range sts {
		if st.Agency.NoReport {
			continue // a supervising office that publishes no report of its own
		}
		dl := DeadlineOf(st.Agency, year)
		row := AgencyStatus{AgencyID: st.Agency.ID, Agency: st.Agency.Name, Kind: st.Agency.Kind, Deadline: calendar.D(dl.Year(), dl.Month(), dl.Day()), Status: st.Status}
		if st.Status == Published {
			row.Errors, row.Warnings, row.PublishedAt = st.Errors, st.Warnings, st.PublishedAt
			row.Late = calendar.Of(st.PublishedAt.In(cst)).After(row.Deadline)
			ov.Published++
		} else {
			row.Late = today.After(row.Deadline)
		}
		owing = append(owing, st.Agency.ID)
		ov.Rows = append(ov.Rows, row)
	}
	if len(ov.Rows) == 0 {
		return ov, nil
	}
	sums, absent, err := s.st.CellSums(ctx, year, owing)
	if err != nil {
		return Overview{}, err
	}
	t := compile.TemplateFor(year)
	ov.Aggregate = compile.FromSums(t, "", year, sums)
	// An agency without a published report lacks every cell (kept once,
	// in Unpublished); one with a report lacks the cells it leaves empty.
	unpublished := map[int64]bool{}
	for _, r := range ov.Rows {
		if r.Status != Published {
			ov.Unpublished = append(ov.Unpublished, r.AgencyID)
			unpublished[r.AgencyID] = true
		}
	}
	for _, c := range compile.StoredCells(report.Empty(t)) {
		var empty []int64
		for _, id := range absent[c.ID] {
			if !unpublished[id] { // a reopened report's stored cells: it counts as unpublished
				empty = append(empty, id)
			}
		}
		if n := len(ov.Unpublished) + len(empty); n > 0 {
			ov.Absent = append(ov.Absent, CellAbsence{Cell: c.ID, Count: n, Empty: empty})
		}
	}
	return ov, nil
}

// FactsOf is what publishing stores of a report for the overview: its
// cells and its findings counted.
func FactsOf(agencyID int64, year int, rep *report.Report, findings []report.Finding) Facts {
	errs, warns := report.Count(findings)
	f := Facts{AgencyID: agencyID, Year: year, Errors: errs, Warnings: warns, Cells: compile.StoredCells(rep)}
	at := map[string]int{}
	for _, fd := range findings {
		i, ok := at[fd.Rule]
		if !ok {
			i = len(f.Rules)
			at[fd.Rule] = i
			f.Rules = append(f.Rules, RuleCount{Rule: fd.Rule, Severity: fd.Severity})
		}
		if fd.Severity == report.Error {
			f.Rules[i].Severity = report.Error // a rule that is an error once is an error
		}
		f.Rules[i].N++
	}
	slices.SortFunc(f.Rules, func(a, b RuleCount) int { return strings.Compare(a.Rule, b.Rule) })
	return f
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
