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

// Audit actions of this package.
const (
	ActSave    = "report.save"
	ActPublish = "report.publish"
)

// Compiler compiles tables 三 and 四 of an agency's year from its request
// records; *casework.Service is one.
type Compiler interface {
	Compile(ctx context.Context, agencyID int64, name string, year int) (*compile.Result, int, error)
}

// An EachCompiler is a Compiler that also compiles many agencies at
// once, in batches (casework.Service is one): whole-area reports use it
// when the service's Compiler is one.
type EachCompiler interface {
	Compiler
	CompileEach(ctx context.Context, agencies []casework.Named, year int, fn func(a casework.Named, res *compile.Result, cases int) error) error
}

var _ EachCompiler = (*casework.Service)(nil)

// NoCompiler is the Compiler of a service that only reads or imports
// published reports (the open-data API, `gongkai export`, `gongkai report
// import`): compiling from records refuses.
type NoCompiler struct{}

// Compile refuses: nothing is compiled where reports are only read.
func (NoCompiler) Compile(context.Context, int64, string, int) (*compile.Result, int, error) {
	return nil, 0, errors.New("annual: this service reads published reports and compiles nothing")
}

// Agencies names agencies; agency.Store (sqlstore) is one.
type Agencies interface {
	Agency(ctx context.Context, id int64) (agency.Agency, error)
	// ListAgencies lists every agency (Import matches names against them).
	ListAgencies(ctx context.Context) ([]agency.Agency, error)
}

// A Service runs annual reports. It is safe for concurrent use.
type Service struct {
	st  Store
	cw  Compiler
	ag  Agencies
	log *audit.Log
	// Records compiles table 二 from the agencies' 主动公开 records; nil
	// leaves table 二 to the hand entries alone. With it, an agency that
	// keeps records gets table 二 compiled (2021 template), and a hand
	// entry that differs is an override that needs a reason.
	Records ProactiveRecords
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// InlineBackfill is how many reports without stored facts an overview
	// stores itself; more are left to BackfillFacts and the overview is
	// refused meanwhile (0: DefaultInlineBackfill).
	InlineBackfill int
}

// New returns a service on st that compiles with cw, names agencies with
// ag and records to log. It refuses a nil dependency, so a wiring mistake
// fails at start-up; Records and Now are optional.
func New(st Store, cw Compiler, ag Agencies, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("annual.New: nil Store")
	case cw == nil:
		return nil, errors.New("annual.New: nil Compiler")
	case ag == nil:
		return nil, errors.New("annual.New: nil Agencies")
	case log == nil:
		return nil, errors.New("annual.New: nil audit.Log")
	}
	return &Service{st: st, cw: cw, ag: ag, log: log}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// A Built is an agency's report on a year as it stands: compiled tables
// 三 and 四 with the hand entries, the findings of R1–R10 and what is
// stored. For a published report, Report is the frozen snapshot.
type Built struct {
	AgencyID int64
	Agency   string
	Year     int
	// Deadline is the 条例第四十九条 deadline by the agency's kind.
	Deadline time.Time
	Record   Record // zero (Status "") when nothing is stored yet
	Report   *report.Report
	Findings []report.Finding
	// Cells lists the requests behind each compiled cell; nil for a
	// published report (its snapshot has no links).
	Cells map[report.CellID][]string
	Cases int
	// Prev is the agency's published report on the previous year, when
	// there is one (rules R6 and R7 compare with it).
	Prev *report.Report
	// FromRecords is table 二 as compiled now from the agency's 主动公开
	// records, before the hand entries; nil when it keeps none (or for
	// the 2019 template). A published report's snapshot may differ from it
	// when the records changed after publication.
	FromRecords *report.Proactive
	// Overrides are the hand entries that differ from FromRecords, with
	// their reasons.
	Overrides []Override
	// Area is the compilation of a whole-area report (CompileArea): its
	// tables 二, 三 and 四 are the area's sums, FromRecords is its table 二,
	// and its absences are for staff to resolve; nil for an agency's own
	// report.
	Area *Area
}

// Errors and warnings counts the findings by severity.
func (b Built) Errors() (errs, warns int) { return report.Count(b.Findings) }

// Build assembles the report of agency agencyID on year for w, who needs
// report.read on the agency: a published report's snapshot, or tables 三
// and 四 compiled now with the stored hand entries.
func (s *Service) Build(ctx context.Context, w casework.Staffer, agencyID int64, year int) (Built, error) {
	if !auth.Can(w.Subject, auth.ReportRead, agencyID) {
		return Built{}, apperr.New(apperr.NotFound, "annual.not_found")
	}
	return s.build(ctx, agencyID, year)
}

func (s *Service) build(ctx context.Context, agencyID int64, year int) (Built, error) {
	if year < 2008 || year > 2200 {
		return Built{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	ag, err := s.ag.Agency(ctx, agencyID)
	if err != nil {
		return Built{}, err
	}
	b := Built{AgencyID: agencyID, Agency: ag.Name, Year: year, Deadline: DeadlineOf(ag, year)}
	opt := ValidateOptions(ag)
	rec, err := s.st.ReportRecord(ctx, agencyID, year)
	switch {
	case err == nil:
		b.Record = rec
	case !errors.Is(err, apperr.NotFound):
		return Built{}, err
	}
	if prev, err := s.st.ReportRecord(ctx, agencyID, year-1); err == nil && prev.Status == Published {
		if b.Prev, err = prev.Report(); err != nil {
			return Built{}, err
		}
	} else if err != nil && !errors.Is(err, apperr.NotFound) {
		return Built{}, err
	}
	fr, cells, area, err := s.table2(ctx, agencyID, year)
	if err != nil {
		return Built{}, err
	}
	b.Area = area
	if fr != nil {
		// For a published report too: a correction starts from the records.
		b.FromRecords, b.Overrides = fr, Overrides(*fr, rec.Entries)
	}
	if rec.Status == Published {
		if b.Report, err = rec.Report(); err != nil {
			return Built{}, err
		}
		b.Findings = report.ValidateWith(b.Report, b.Prev, opt)
		return b, nil
	}
	res, n, err := s.compiled(ctx, ag, year, area)
	if err != nil {
		return Built{}, err
	}
	if fr != nil {
		res.Report.Proactive = *fr
		for id, refs := range cells {
			res.Cells[id] = refs
		}
	}
	b.Report, b.Cells, b.Cases = Assemble(res.Report, rec.Entries), res.Cells, n
	b.Findings = report.ValidateWith(b.Report, b.Prev, opt)
	return b, nil
}

// Assemble puts the hand entries into a compiled report (tables 三 and 四,
// and table 二 when the agency keeps its 主动公开 records in gongkai): the
// free text, the date, and each table 二 cell entered by hand, which
// overrides the compiled one (the editor's override, explained in
// Entries.Reasons). The compiled report is changed and returned.
func Assemble(compiled *report.Report, e Entries) *report.Report {
	p, h := &compiled.Proactive, e.Proactive
	for i, n := range proactiveNums(&h) {
		if n.Valid {
			*proactiveNums(p)[i] = *n
		}
	}
	if h.FeesWanYuan.Valid {
		p.FeesWanYuan = h.FeesWanYuan
	}
	compiled.Sections = e.Sections
	compiled.Date = e.Date
	return compiled
}

// proactiveNums returns the count cells of table 二 in template order.
func proactiveNums(p *report.Proactive) []*report.Num {
	return []*report.Num{&p.Regulations.Issued, &p.Regulations.Repealed, &p.Regulations.InForce,
		&p.NormativeDocuments.Issued, &p.NormativeDocuments.Repealed, &p.NormativeDocuments.InForce,
		&p.LicensingDecisions, &p.PenaltyDecisions, &p.CoercionDecisions}
}

// Save stores the hand entries of agency agencyID's report on year for
// w, who needs report.edit (经办人) or report.publish (负责人) there. A
// published report cannot change. When the agency keeps 主动公开 records
// (Records), a table 二 entry equal to the compiled value is dropped and
// every other is an override that needs a reason (catalog.md §3); the
// overrides and their reasons go into the audit log with the save.
func (s *Service) Save(ctx context.Context, w casework.Staffer, agencyID int64, year int, e Entries) error {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportEdit, agencyID) && !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return s.refuse(ctx, by, ActSave, agencyID, year, w, "annual.edit_forbidden")
	}
	if err := e.Check(); err != nil {
		return err
	}
	if year < 2008 || year > 2200 {
		return apperr.New(apperr.Invalid, "annual.year_range")
	}
	rec := Record{AgencyID: agencyID, Year: year, Entries: e, Status: Draft, UpdatedBy: w.Subject.Login, UpdatedAt: s.now()}
	return s.st.InTx(ctx, func(ctx context.Context) error {
		detail := fmt.Sprintf("year=%d", year)
		fr, _, _, err := s.table2(ctx, agencyID, year)
		if err != nil {
			return err
		}
		rec.Entries.Reasons = nil
		if fr != nil {
			var ov []Override
			if rec.Entries, ov, err = e.againstRecords(*fr); err != nil {
				return err
			}
			detail += overridesDetail(ov)
		}
		if err := s.st.SaveReportEntries(ctx, rec); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event(ActSave, "report", agencyID, audit.ResultOK, detail))
	})
}

// Publish publishes agency agencyID's report on year (条例第四十九条) for
// w, who must be its 负责人 (report.publish). It refuses a report with
// any error-severity finding (R1–R5, R6, R10: a published report must be
// internally consistent and chain with the previous year); warnings (R7–R9)
// do not stop it and stay visible on the report. The whole report is
// frozen as a snapshot. Publication and refusals are audited.
func (s *Service) Publish(ctx context.Context, w casework.Staffer, agencyID int64, year int) (Built, error) {
	by := actor(w)
	if !auth.Can(w.Subject, auth.ReportPublish, agencyID) {
		return Built{}, s.refuse(ctx, by, ActPublish, agencyID, year, w, "annual.publish_forbidden")
	}
	var b Built
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		var err error
		if b, err = s.build(ctx, agencyID, year); err != nil {
			return err
		}
		if b.Record.Status == Published {
			return apperr.New(apperr.Conflict, "annual.already_published")
		}
		if b.Record.Status == "" {
			return apperr.New(apperr.Invalid, "annual.entries_missing")
		}
		for _, o := range b.Overrides {
			// Entries saved before the agency kept records override them
			// unexplained: say why before publishing (catalog.md §3).
			if o.Reason == "" {
				return apperr.New(apperr.Invalid, "annual.override_reason", o.Label, o.Compiled, o.Value)
			}
		}
		if n, _ := report.Count(b.Findings); n > 0 {
			return apperr.New(apperr.Invalid, "annual.has_errors", n)
		}
		snap, err := json.Marshal(b.Report)
		if err != nil {
			return fmt.Errorf("annual: publish: %w", err)
		}
		b.Record.Status, b.Record.Snapshot = Published, snap
		b.Record.PublishedBy, b.Record.PublishedAt = w.Subject.Login, s.now()
		if err := s.st.PublishReport(ctx, b.Record); err != nil {
			return err
		}
		_, warns := report.Count(b.Findings)
		if err := s.st.SaveReportFacts(ctx, FactsOf(agencyID, year, factsReport(b), b.Findings)); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event(ActPublish, "report", agencyID, audit.ResultOK, fmt.Sprintf("year=%d warnings=%d", year, warns)+areaDetailOf(b.Area)))
	})
	if err != nil {
		if k := apperr.KindOf(err); k == apperr.Invalid || k == apperr.Conflict {
			_ = s.log.Record(ctx, by.Event(ActPublish, "report", agencyID, audit.ResultFail, fmt.Sprintf("year=%d %s", year, apperrKey(err))))
		}
		return Built{}, err
	}
	b.Cells = nil
	return b, nil
}

// refuse records a refused attempt and returns the error to show:
// NotFound when w may not even read the agency's report.
func (s *Service) refuse(ctx context.Context, by audit.Actor, action string, agencyID int64, year int, w casework.Staffer, why string) error {
	if err := s.log.Record(ctx, by.Event(action, "report", agencyID, audit.ResultDenied, fmt.Sprintf("year=%d", year))); err != nil {
		return err
	}
	if !auth.Can(w.Subject, auth.ReportRead, agencyID) {
		return apperr.New(apperr.NotFound, "annual.not_found")
	}
	return apperr.New(apperr.Forbidden, why)
}

func actor(w casework.Staffer) audit.Actor {
	return audit.Actor{UserID: w.Subject.UserID, Login: w.Subject.Login, IP: w.IP}
}

// Published returns the published report of an agency's year, for
// anyone (the portal): never a draft (apperr.NotFound).
func (s *Service) Published(ctx context.Context, agencyID int64, year int) (Record, *report.Report, error) {
	rec, err := s.st.ReportRecord(ctx, agencyID, year)
	if err != nil {
		return Record{}, nil, err
	}
	if rec.Status != Published {
		return Record{}, nil, apperr.New(apperr.NotFound, "annual.not_published")
	}
	rep, err := rec.Report()
	return rec, rep, err
}

// PublishedList lists the published reports of a year (0: every year).
func (s *Service) PublishedList(ctx context.Context, year int) ([]Record, error) {
	return s.st.PublishedReports(ctx, year)
}

// apperrKey names err's message for the audit log: its key, stable in
// every language.
func apperrKey(err error) string {
	key, _ := apperr.MessageOf(err)
	return key
}
