package board

import (
	"context"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
)

// A Heat is the rule × agency map of the reports on one year: every rule
// broken in the scope (with how many agencies break it), and one page of
// the agencies whose report breaks any, most findings first. The chart
// draws the first HeatTop agencies; the table lists the page.
type Heat struct {
	Rules    []annual.RuleCount // N: agencies that break the rule
	Top      []AgencyFindings   // at most HeatTop
	Page     []AgencyFindings   // page PageNo of the table
	PageNo   int
	Pages    int
	Agencies int // agencies whose report breaks a rule
}

// heat reads the map of year; page counts from 1 and is clamped to the
// pages there are.
func (s *Service) heat(ctx context.Context, scope []int64, year, page int) (Heat, error) {
	h := Heat{PageNo: max(page, 1)}
	var err error
	if h.Rules, err = s.st.RuleCounts(ctx, year, scope); err != nil {
		return Heat{}, err
	}
	if h.Top, h.Agencies, err = s.st.RuleFindings(ctx, year, scope, 0, HeatTop); err != nil {
		return Heat{}, err
	}
	h.Pages = max(1, (h.Agencies+HeatPageSize-1)/HeatPageSize)
	h.PageNo = min(h.PageNo, h.Pages)
	if h.Page, _, err = s.st.RuleFindings(ctx, year, scope, (h.PageNo-1)*HeatPageSize, HeatPageSize); err != nil {
		return Heat{}, err
	}
	return h, nil
}

// N is how many findings of rule the agency's report has (0: none).
func (a AgencyFindings) N(rule string) int {
	for _, r := range a.Rules {
		if r.Rule == rule {
			return r.N
		}
	}
	return 0
}

// Error reports whether the agency's report breaks rule with an error.
func (a AgencyFindings) Error(rule string) bool {
	for _, r := range a.Rules {
		if r.Rule == rule {
			return r.Severity == report.Error
		}
	}
	return false
}
