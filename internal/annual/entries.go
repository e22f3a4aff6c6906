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
			return apperr.New(apperr.Invalid, "报告日期应为 YYYY-MM-DD 格式的有效日期 / the report date must be a valid YYYY-MM-DD date")
		}
	}
	p := e.Proactive
	for _, n := range []report.Num{p.Regulations.Issued, p.Regulations.Repealed, p.Regulations.InForce,
		p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed, p.NormativeDocuments.InForce,
		p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions} {
		if n.Valid && n.V < 0 {
			return apperr.New(apperr.Invalid, "表二的件数不能为负数 / counts in table 二 cannot be negative")
		}
	}
	if f := p.FeesWanYuan; f.Valid && (!report.IsDecimal(f.S) || strings.HasPrefix(f.S, "-")) {
		return apperr.New(apperr.Invalid, "行政事业性收费金额应为不小于 0 的数字（单位：万元）/ fees must be a decimal ≥ 0 (万元)")
	}
	const maxText = 20000
	for _, s := range []string{e.Sections.Overview, e.Sections.Problems, e.Sections.Other} {
		if len([]rune(s)) > maxText {
			return apperr.Errorf(apperr.Invalid, "正文每部分不超过 %d 字 / each section is at most %d characters", maxText, maxText)
		}
	}
	return nil
}
