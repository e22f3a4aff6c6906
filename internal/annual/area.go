package annual

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// ActArea is the audit action of compiling a whole-area draft.
const ActArea = "report.area"

// Where an agency's numbers in an area report come from (AreaSource.From).
const (
	// FromPublished: its report published in gongkai.
	FromPublished = "published"
	// FromImported: its report published elsewhere and imported.
	FromImported = "imported"
	// FromArea: a 人民政府 below whose published report is itself an area
	// report: it stands for its whole subtree, which is not added again.
	FromArea = "area"
	// FromRecords: no published report, but its records in gongkai (its
	// draft as it stands: tables 三 and 四 from its requests, table 二
	// from its 主动公开 records or its hand entries). The government's own
	// numbers always come from its records.
	FromRecords = "records"
	// FromNone: no published report and no records in gongkai: every
	// cell is absent (listed, never 0).
	FromNone = "absent"
	// FromOther: a published report the area cannot sum (another template
	// or year); every cell is absent.
	FromOther = "other"
)

// An AreaSource is one agency of an area report and where its numbers
// come from.
type AreaSource struct {
	AgencyID int64       `json:"agency_id"`
	Agency   string      `json:"agency"`
	Kind     agency.Kind `json:"kind"`
	From     string      `json:"from"`
	// Covers counts the agencies below a FromArea government that its
	// report stands for.
	Covers int `json:"covers,omitempty"`
}

// An Area is a 人民政府's whole-area report as compiled (#13 "Whole-area
// reports", 条例第四十九条: the government publishes the report of its
// area): tables 二, 三 and 四 summed over the government itself and every
// agency below it, each from its published (or imported) report, or from
// its records in gongkai when it has published none. A cell some agencies
// lack keeps the sum of those that have it, and Absences lists who lacks
// it: the draft does not pretend to be complete. Staff then edit and
// publish it as the government's own report.
type Area struct {
	AgencyID int64
	Year     int
	// Base is the summed report: the tables staff start from. Its table
	// 二 is what hand entries override (with a reason), as records are
	// for an agency that keeps them.
	Base     *report.Report
	Sources  []AreaSource
	Absences []compile.Absence
	// Own is the government's own report as compiled from its records
	// at the time: the period lock compares its records with it.
	Own        *report.Report
	CompiledBy string
	CompiledAt time.Time
}

// areaDetail is how an Area's sources, absences and own report are stored.
type areaDetail struct {
	Sources  []AreaSource      `json:"sources"`
	Absences []compile.Absence `json:"absences"`
	Own      *report.Report    `json:"own"`
}

// EncodeArea gives the stored form of a: its base report and its detail,
// as JSON (sqlstore keeps them).
func EncodeArea(a Area) (base, detail []byte, err error) {
	if base, err = json.Marshal(a.Base); err != nil {
		return nil, nil, fmt.Errorf("annual: area base: %w", err)
	}
	if detail, err = json.Marshal(areaDetail{Sources: a.Sources, Absences: a.Absences, Own: a.Own}); err != nil {
		return nil, nil, fmt.Errorf("annual: area detail: %w", err)
	}
	return base, detail, nil
}

// DecodeArea reads what EncodeArea gave into a.
func DecodeArea(a *Area, base, detail []byte) error {
	var d areaDetail
	a.Base = new(report.Report)
	if err := json.Unmarshal(base, a.Base); err != nil {
		return fmt.Errorf("annual: area base of agency %d on %d: %w", a.AgencyID, a.Year, err)
	}
	if err := json.Unmarshal(detail, &d); err != nil {
		return fmt.Errorf("annual: area detail of agency %d on %d: %w", a.AgencyID, a.Year, err)
	}
	a.Sources, a.Absences, a.Own = d.Sources, d.Absences, d.Own
	return nil
}

// Count counts the agencies of the area by source.
func (a Area) Count() map[string]int {
	n := map[string]int{}
	for _, s := range a.Sources {
		n[s.From]++
	}
	return n
}

// Missing lists the agencies of the area whose numbers are wholly absent
// (no report, no records, or a report that cannot be summed).
func (a Area) Missing() []AreaSource {
	var out []AreaSource
	for _, s := range a.Sources {
		if s.From == FromNone || s.From == FromOther {
			out = append(out, s)
		}
	}
	return out
}

// CompileArea compiles the whole-area draft of agency agencyID's report on
// year for w, who may edit its report (report.edit or report.publish): a
// 人民政府 only (annual.area_not_government) — a department reports for
// itself. It stores the draft (keeping its hand entries: table 二 entries
// that differ from the area's sums become overrides that need a reason)
// and replaces an earlier compilation. A published report is compiled
// again only while its year is reopened; the correction then publishes it.
// Compilations and refusals are audited.
func (s *Service) CompileArea(ctx context.Context, w casework.Staffer, agencyID int64, year int) (Area, error) {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportEdit, agencyID) && !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return Area{}, s.refuse(ctx, by, ActArea, agencyID, year, w, "annual.edit_forbidden")
	}
	if year < 2008 || year > 2200 {
		return Area{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	var a Area
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		gov, err := s.ag.Agency(ctx, agencyID)
		if err != nil {
			return err
		}
		if gov.Kind != agency.Government {
			return apperr.New(apperr.Invalid, "annual.area_not_government", gov.Name)
		}
		rec, err := s.st.ReportRecord(ctx, agencyID, year)
		switch {
		case errors.Is(err, apperr.NotFound):
			rec = Record{AgencyID: agencyID, Year: year, Status: Draft, UpdatedBy: w.Subject.Login, UpdatedAt: s.now()}
			if err := s.st.SaveReportEntries(ctx, rec); err != nil {
				return err
			}
		case err != nil:
			return err
		case rec.Status == Published:
			if _, err := s.st.OpenReopen(ctx, agencyID, year); errors.Is(err, apperr.NotFound) {
				return apperr.New(apperr.Conflict, "annual.area_published")
			} else if err != nil {
				return err
			}
		}
		if a, err = s.area(ctx, gov, year); err != nil {
			return err
		}
		a.CompiledBy, a.CompiledAt = w.Subject.Login, s.now()
		if err := s.st.SaveArea(ctx, a); err != nil {
			return err
		}
		n := a.Count()
		return s.log.Record(ctx, by.Event(ActArea, "report", agencyID, audit.ResultOK,
			fmt.Sprintf("year=%d agencies=%d published=%d imported=%d area=%d records=%d absent=%d cells_absent=%d", year, len(a.Sources),
				n[FromPublished], n[FromImported], n[FromArea], n[FromRecords], n[FromNone]+n[FromOther], len(a.Absences))))
	})
	if err != nil {
		if k := apperr.KindOf(err); k == apperr.Invalid || k == apperr.Conflict {
			_ = s.log.Record(ctx, by.Event(ActArea, "report", agencyID, audit.ResultFail, fmt.Sprintf("year=%d %s", year, apperrKey(err))))
		}
		return Area{}, err
	}
	return a, nil
}

// AreaOf returns the stored compilation of an agency's area report on
// year, or apperr.NotFound when its report is its own.
func (s *Service) AreaOf(ctx context.Context, agencyID int64, year int) (Area, error) {
	return s.st.Area(ctx, agencyID, year)
}

// table2 is the table 二 a draft of agencyID's year is compiled with, and
// that hand entries override with a reason: an area report's sums (2021
// template), else the agency's 主动公开 records (fromRecords); area is the
// area's compilation, nil for an agency's own report.
func (s *Service) table2(ctx context.Context, agencyID int64, year int) (*report.Proactive, map[report.CellID][]string, *Area, error) {
	a, err := s.st.Area(ctx, agencyID, year)
	switch {
	case errors.Is(err, apperr.NotFound):
		fr, cells, err := s.fromRecords(ctx, agencyID, year)
		return fr, cells, nil, err
	case err != nil:
		return nil, nil, nil, err
	}
	if a.Base.Template != report.Template2021 {
		return nil, nil, &a, nil
	}
	p := a.Base.Proactive // a copy: Assemble writes into the base
	return &p, nil, &a, nil
}

// compiled is what a draft of ag's year starts from: an area report's
// summed tables, or tables 三 and 四 compiled from ag's records (with the
// number of requests counted).
func (s *Service) compiled(ctx context.Context, ag agency.Agency, year int, a *Area) (*compile.Result, int, error) {
	if a == nil {
		return s.cw.Compile(ctx, ag.ID, ag.Name, year)
	}
	b, err := json.Marshal(a.Base)
	if err != nil {
		return nil, 0, fmt.Errorf("annual: area base: %w", err)
	}
	var c report.Report // a copy: Assemble writes into it
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, 0, fmt.Errorf("annual: area base: %w", err)
	}
	c.Agency = ag.Name
	return &compile.Result{Report: &c, Cells: map[report.CellID][]string{}}, 0, nil
}

// areaDetailOf describes an area report for the audit log of its
// publication: how many agencies it sums and lacks.
func areaDetailOf(a *Area) string {
	if a == nil {
		return ""
	}
	n := a.Count()
	return fmt.Sprintf(" area agencies=%d absent=%d cells_absent=%d", len(a.Sources), n[FromNone]+n[FromOther], len(a.Absences))
}

// AreaPreview compiles the whole-area report of a 人民政府 on year as
// CompileArea would, without storing anything (`gongkai report build
// --area`, an operator's preview): a department has none
// (annual.area_not_government).
func (s *Service) AreaPreview(ctx context.Context, agencyID int64, year int) (Area, error) {
	if year < 2008 || year > 2200 {
		return Area{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	gov, err := s.ag.Agency(ctx, agencyID)
	if err != nil {
		return Area{}, err
	}
	if gov.Kind != agency.Government {
		return Area{}, apperr.New(apperr.Invalid, "annual.area_not_government", gov.Name)
	}
	return s.area(ctx, gov, year)
}

// factsReport is the report whose cells the supervisor's overview stores
// for b (FactsOf): the report itself, but for an area report the
// government's own part, since the overview sums a subtree whose agencies
// are in the area's sums already (nothing is counted twice). Its findings
// are the published report's.
func factsReport(b Built) *report.Report {
	if b.Area != nil && b.Area.Own != nil {
		return b.Area.Own
	}
	return b.Report
}
