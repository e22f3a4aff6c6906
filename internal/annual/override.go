package annual

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// ProactiveRecords compiles table 二 of the 2021 template from an agency's
// 主动公开 records (catalog.md §3); *catalog.Service is one.
type ProactiveRecords interface {
	// ProactiveTable2 returns table 二 of agencyID's report on year with
	// the records behind each cell; ok is false when the agency keeps no
	// 主动公开 records in gongkai (its table 二 is entered by hand).
	ProactiveTable2(ctx context.Context, agencyID int64, year int) (p report.Proactive, cells map[report.CellID][]string, ok bool, err error)
}

// MaxReasonLen bounds the reason of one override, in characters.
const MaxReasonLen = 500

// An Override is a table 二 cell whose hand entry differs from the value
// compiled from the records, with why.
type Override struct {
	Cell     report.CellID
	Label    string // the cell in the template's words
	Compiled string // from the records
	Value    string // entered by hand
	Reason   string
}

// table2Cells lists the ten cells of table 二 (2021 template) of p in
// template order: the nine counts of proactiveNums, then the fees.
func table2Cells(p report.Proactive) []report.Cell {
	var out []report.Cell
	for _, c := range (&report.Report{Proactive: p}).Cells() {
		if strings.HasPrefix(string(c.ID), "proactive.") {
			out = append(out, c)
		}
	}
	return out
}

// Table2Label names a cell of table 二 in the template's words, or returns
// id itself when it is none of them.
func Table2Label(id report.CellID) string {
	for _, c := range table2Cells(report.Proactive{}) {
		if c.ID == id {
			return c.Label
		}
	}
	return string(id)
}

// Overrides lists the cells of e that override compiled: entered by hand
// with a value other than the records'. Reasons come from e.
func Overrides(compiled report.Proactive, e Entries) []Override {
	var out []Override
	cc, hc := table2Cells(compiled), table2Cells(e.Proactive)
	for i, h := range hc {
		if h.Present() && h.String() != cc[i].String() {
			out = append(out, Override{Cell: h.ID, Label: h.Label, Compiled: cc[i].String(), Value: h.String(),
				Reason: strings.TrimSpace(e.Reasons[h.ID])})
		}
	}
	return out
}

// againstRecords fits hand entries to the table 二 compiled from the
// records: a hand value equal to the compiled one is dropped (the cell
// follows the records), every remaining one is an override and needs a
// reason (catalog.md §3: no cell of a compiled report is typed by hand
// without saying why), and reasons of cells that override nothing are
// dropped. It returns the entries to store and the overrides.
func (e Entries) againstRecords(compiled report.Proactive) (Entries, []Override, error) {
	ov := Overrides(compiled, e)
	keep := map[report.CellID]bool{}
	for _, o := range ov {
		if o.Reason == "" {
			return e, nil, apperr.New(apperr.Invalid, "annual.override_reason", o.Label, o.Compiled, o.Value)
		}
		if utf8.RuneCountInString(o.Reason) > MaxReasonLen {
			return e, nil, apperr.New(apperr.Invalid, "annual.override_reason_long", o.Label, MaxReasonLen)
		}
		keep[o.Cell] = true
	}
	p := &e.Proactive
	nums := proactiveNums(p)
	for i, c := range table2Cells(*p) {
		if !c.Present() || keep[c.ID] {
			continue
		}
		if i < len(nums) {
			*nums[i] = report.Num{}
		} else {
			p.FeesWanYuan = report.Dec{}
		}
	}
	var reasons map[report.CellID]string
	for _, o := range ov {
		if reasons == nil {
			reasons = map[report.CellID]string{}
		}
		reasons[o.Cell] = o.Reason
	}
	e.Reasons = reasons
	return e, ov, nil
}

// fromRecords compiles table 二 of agency agencyID's report on year from
// its records when the service has them, the year uses the 2021 template
// and the agency keeps records; nil otherwise.
func (s *Service) fromRecords(ctx context.Context, agencyID int64, year int) (*report.Proactive, map[report.CellID][]string, error) {
	if s.Records == nil || compile.TemplateFor(year) != report.Template2021 {
		return nil, nil, nil
	}
	p, cells, ok, err := s.Records.ProactiveTable2(ctx, agencyID, year)
	if err != nil || !ok {
		return nil, nil, err
	}
	return &p, cells, nil
}

// overridesDetail describes the overrides for the audit log.
func overridesDetail(ov []Override) string {
	var b strings.Builder
	for _, o := range ov {
		fmt.Fprintf(&b, " 覆盖%s：记录%s→填报%s（理由：%s）", o.Label, o.Compiled, o.Value, o.Reason)
	}
	return b.String()
}
