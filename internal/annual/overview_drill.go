package annual

import (
	"context"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

// A CellRow is one agency behind a cell of the overview's aggregate: its
// value, or why it has none (no published report, or a report that
// leaves the cell empty — an absence, never 0). The fees cell's value is
// in millionths of 万元 (report.Num.Unscaled writes it back).
type CellRow struct {
	AgencyID  int64
	Agency    string
	Value     report.Num
	Published bool
}

// CellAgencies drills from a cell of the overview's aggregate to the
// agencies behind it: every agency of scope that owes a report on year,
// with its value of cell. Two indexed queries (the statuses and the
// cell's stored values), as the overview reads them, so the values add
// up to the aggregate's cell.
func (s *Service) CellAgencies(ctx context.Context, scope []int64, year int, cell report.CellID) ([]CellRow, error) {
	if year < 2008 || year > 2200 {
		return nil, apperr.New(apperr.Invalid, "annual.year_range")
	}
	sts, err := s.st.OverviewStatuses(ctx, year, scope)
	if err != nil {
		return nil, err
	}
	if err := s.backfillScope(ctx, sts, year); err != nil {
		return nil, err
	}
	vals, err := s.st.CellAgencies(ctx, year, cell, scope)
	if err != nil {
		return nil, err
	}
	by := map[int64]report.Num{}
	for _, v := range vals {
		by[v.AgencyID] = v.Value
	}
	var out []CellRow
	for _, st := range sts {
		if st.Agency.NoReport {
			continue
		}
		r := CellRow{AgencyID: st.Agency.ID, Agency: st.Agency.Name, Published: st.Status == Published}
		if r.Published {
			r.Value = by[st.Agency.ID]
		}
		out = append(out, r)
	}
	return out, nil
}

// CellTotals is a cell of the overview's aggregate over the agencies
// behind it (those of a scope that owe a report): how many there are,
// how many have a value (listed first in the drill-down) and how many
// lack a published report, and the values added up.
type CellTotals struct {
	Total, Valued, NoReport int
	Sum                     int64
}

// Absent counts the agencies without a value of the cell: no published
// report, or one that leaves the cell empty.
func (t CellTotals) Absent() int { return t.Total - t.Valued }

// CellTotals counts and sums the agencies behind a cell of the overview's
// aggregate as CellAgencies lists them, without reading them all: one
// indexed query, after the facts of a few reports published without them
// are stored (more are refused with annual.facts_pending, as the
// overview's).
func (s *Service) CellTotals(ctx context.Context, scope []int64, year int, cell report.CellID) (CellTotals, error) {
	if year < 2008 || year > 2200 {
		return CellTotals{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	pending, err := s.st.PendingFactsOf(ctx, year, scope)
	if err != nil {
		return CellTotals{}, err
	}
	if _, err := s.backfillAgencies(ctx, pending, year); err != nil {
		return CellTotals{}, err
	}
	return s.st.CellTotals(ctx, year, cell, scope)
}

// CellPage lists the agencies behind a cell of the overview's aggregate
// as the drill-down shows them, from offset, at most limit: the largest
// values first, then the absences (no published report, or one that
// leaves the cell empty), each by name, then id. The SQL pages; call
// CellTotals first, which stores the facts it needs.
func (s *Service) CellPage(ctx context.Context, scope []int64, year int, cell report.CellID, offset, limit int) ([]CellRow, error) {
	if year < 2008 || year > 2200 {
		return nil, apperr.New(apperr.Invalid, "annual.year_range")
	}
	return s.st.CellPage(ctx, year, cell, scope, offset, limit)
}

// RuleCounts counts, per rule, the agencies of scope whose published
// report on year breaks it, as stored when each was published.
func (s *Service) RuleCounts(ctx context.Context, scope []int64, year int) ([]RuleCount, error) {
	return s.st.RuleCounts(ctx, year, scope)
}

// RuleAgencies lists the agencies of scope whose published report on
// year breaks rule.
func (s *Service) RuleAgencies(ctx context.Context, scope []int64, year int, rule string) ([]int64, error) {
	return s.st.RuleAgencies(ctx, year, rule, scope)
}

// RulesOf lists, for each of agencies (a page of the overview's list),
// the rules its published report on year breaks, by rule.
func (s *Service) RulesOf(ctx context.Context, year int, agencies []int64) (map[int64][]RuleCount, error) {
	return s.st.RulesOf(ctx, year, agencies)
}
