package annual

import (
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

// Check validates hand entries before they are stored: a date, when
// given, is a real YYYY-MM-DD; counts are whole numbers ≥ 0; the fees
// (万元) are a decimal ≥ 0. Absent cells are allowed in a draft: R5
// reports them, and Publish refuses them.
func (e Entries) Check() error {
	if e.Date != "" {
		if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
			return apperr.New(apperr.Invalid, "annual.date_invalid")
		}
	}
	p := e.Proactive
	for _, n := range []report.Num{p.Regulations.Issued, p.Regulations.Repealed, p.Regulations.InForce,
		p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed, p.NormativeDocuments.InForce,
		p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions} {
		if n.Valid && n.V < 0 {
			return apperr.New(apperr.Invalid, "annual.count_negative")
		}
	}
	if f := p.FeesWanYuan; f.Valid && (!report.IsDecimal(f.S) || strings.HasPrefix(f.S, "-")) {
		return apperr.New(apperr.Invalid, "annual.fees_invalid")
	}
	const maxText = 20000
	for _, s := range []string{e.Sections.Overview, e.Sections.Problems, e.Sections.Other} {
		if len([]rune(s)) > maxText {
			return apperr.New(apperr.Invalid, "annual.text_too_long", maxText)
		}
	}
	return nil
}
