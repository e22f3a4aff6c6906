// Package annual runs an agency's 政府信息公开工作年度报告 from draft to
// publication (条例第四十九条、第五十条): tables 三 and 四 compiled from the
// request records (package compile through casework), table 二, the free
// text and the date entered by hand, validation by rules R1–R10 against the
// agency's previous published report, publication by the 负责人 with the
// whole report frozen as a snapshot, and a supervisor's overview of the
// agencies below it.
//
// The package is pure domain: it declares the Store it needs (sqlstore
// implements it) and records its changes in the audit log.
package annual

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/report/compile"
	"time"

	"github.com/gongkai/gongkai/internal/report"
)

// A Status is where a report stands.
type Status string

// The statuses: a draft is edited; a published report is frozen.
const (
	Draft     Status = "draft"
	Published Status = "published"
)

// Entries are the parts of a report that records cannot fill and staff
// enter by hand: table 二 (主动公开政府信息情况), the free text of sections
// 一, 五 and 六, and the date the report states for itself.
type Entries struct {
	Proactive report.Proactive
	// Reasons says, by cell, why a table 二 cell entered by hand overrides
	// the one compiled from the agency's 主动公开 records (an agency that
	// has not moved those records in yet). Save requires one for every
	// override and keeps no other.
	Reasons  map[report.CellID]string
	Sections report.Sections
	Date     string // YYYY-MM-DD, "" when not yet set
}

// entriesJSON is how Entries are stored.
type entriesJSON struct {
	Proactive report.Proactive         `json:"proactive"`
	Reasons   map[report.CellID]string `json:"proactive_reasons,omitempty"`
	Overview  string                   `json:"overview"`
	Problems  string                   `json:"problems"`
	Other     string                   `json:"other"`
	Date      string                   `json:"date"`
}

// MarshalJSON writes the entries as stored.
func (e Entries) MarshalJSON() ([]byte, error) {
	return json.Marshal(entriesJSON{Proactive: e.Proactive, Reasons: e.Reasons, Overview: e.Sections.Overview,
		Problems: e.Sections.Problems, Other: e.Sections.Other, Date: e.Date})
}

// UnmarshalJSON reads stored entries.
func (e *Entries) UnmarshalJSON(b []byte) error {
	var j entriesJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("annual: entries: %w", err)
	}
	*e = Entries{Proactive: j.Proactive, Reasons: j.Reasons, Sections: report.Sections{Overview: j.Overview, Problems: j.Problems, Other: j.Other}, Date: j.Date}
	return nil
}

// A Record is what is stored of an agency's report on a year.
type Record struct {
	AgencyID    int64
	Year        int
	Entries     Entries
	Status      Status
	UpdatedBy   string // login of the last editor
	UpdatedAt   time.Time
	PublishedBy string // login of the 负责人 who published
	PublishedAt time.Time
	// Snapshot is the whole report as gongkai.annual-report/v1 JSON,
	// frozen at publication; empty for a draft.
	Snapshot []byte
}

// Report decodes the published snapshot.
func (r Record) Report() (*report.Report, error) {
	if r.Status != Published || len(r.Snapshot) == 0 {
		return nil, fmt.Errorf("annual: report of agency %d on %d is not published", r.AgencyID, r.Year)
	}
	var rep report.Report
	if err := json.Unmarshal(r.Snapshot, &rep); err != nil {
		return nil, fmt.Errorf("annual: snapshot of agency %d on %d: %w", r.AgencyID, r.Year, err)
	}
	return &rep, nil
}

// Store keeps report records; sqlstore implements it.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// ReportRecord returns the record of an agency's year, or an
	// apperr.NotFound error.
	ReportRecord(ctx context.Context, agencyID int64, year int) (Record, error)
	// SaveReportEntries stores the entries of a draft (inserting the
	// record when new) with who and when; it refuses (apperr.Conflict) a
	// record already published.
	SaveReportEntries(ctx context.Context, r Record) error
	// PublishReport marks the record published with its snapshot, who and
	// when; apperr.Conflict when already published.
	PublishReport(ctx context.Context, r Record) error
	// PublishedReports lists the published records of a year (every year
	// when year is 0), by year descending, then agency, without their
	// entries and snapshots (use ReportRecord for those).
	PublishedReports(ctx context.Context, year int) ([]Record, error)
	// PublishedPage lists a page of the published reports q asks for, by
	// year descending then agency id, with the agencies' names and the
	// templates, and the total.
	PublishedPage(ctx context.Context, q ListQuery) (ListPage, error)
	// SaveReportFacts replaces the normalized cells and findings counts
	// stored for a published report (Facts).
	SaveReportFacts(ctx context.Context, f Facts) error
	// SaveReportsFacts is SaveReportFacts of many reports in one
	// transaction, with the same rows stored (an agency's year given twice:
	// the last one's facts).
	SaveReportsFacts(ctx context.Context, fs []Facts) error
	// ReportFacts returns what SaveReportFacts stored for an agency's
	// year, or apperr.NotFound.
	ReportFacts(ctx context.Context, agencyID int64, year int) (Facts, error)
	// FactsStore finds and stores the facts of reports published without
	// them (the backfill after a migration empties them).
	FactsStore
	// OverviewStatuses lists the agencies of scope (by ID) with their
	// record's status and the stored findings counts on year, in one query.
	OverviewStatuses(ctx context.Context, year int, scope []int64) ([]StatusRow, error)
	// CellSums sums each stored cell over the published reports of scope
	// on year that have it, and lists by cell the agencies whose report
	// leaves it empty.
	CellSums(ctx context.Context, year int, scope []int64) (map[report.CellID]int64, map[report.CellID][]int64, error)
	// RuleCounts counts, per rule, the agencies of scope whose published
	// report on year breaks it (stored with the facts).
	RuleCounts(ctx context.Context, year int, scope []int64) ([]RuleCount, error)
	// RuleAgencies lists the agencies of scope whose published report on
	// year breaks rule.
	RuleAgencies(ctx context.Context, year int, rule string, scope []int64) ([]int64, error)
	// RulesOf lists, for each of agencies, the rules its published
	// report on year breaks, by rule (a page of the overview's list).
	RulesOf(ctx context.Context, year int, agencies []int64) (map[int64][]RuleCount, error)
	// CellAgencies lists the stored value of cell for each agency of
	// scope with a published report on year, by agency.
	CellAgencies(ctx context.Context, year int, cell report.CellID, scope []int64) ([]AgencyCell, error)
	// CellTotals counts the agencies of scope that owe a report on year,
	// those whose published report has a value of cell and those without
	// a published report, and adds the values up.
	CellTotals(ctx context.Context, year int, cell report.CellID, scope []int64) (CellTotals, error)
	// CellPage lists the agencies of scope that owe a report on year in
	// the drill-down's order (CellPage of the Service), from offset, at
	// most limit.
	CellPage(ctx context.Context, year int, cell report.CellID, scope []int64, offset, limit int) ([]CellRow, error)
	// PendingFactsOf lists the agencies of scope that owe a report whose
	// report on year is published without stored facts.
	PendingFactsOf(ctx context.Context, year int, scope []int64) ([]int64, error)
	// ImportReport stores a report published outside gongkai (Import):
	// rec as published, with its snapshot, and its source file;
	// apperr.Conflict when the agency already has a record on the year.
	ImportReport(ctx context.Context, rec Record, src ImportSource) error
	// ImportReports is ImportReport of many reports (srcs[i] the source
	// of recs[i]) in one transaction, with the same rows stored.
	ImportReports(ctx context.Context, recs []Record, srcs []ImportSource) error
	// ImportedSource returns the source of an imported report, or
	// apperr.NotFound.
	ImportedSource(ctx context.Context, agencyID int64, year int) (ImportSource, error)
	// CorrectReport replaces a published record's entries and snapshot by
	// a correction (Correct), keeping its first publication's date, and
	// stores the correction as the next version with v's note, who and
	// when; it returns the new version's number.
	CorrectReport(ctx context.Context, rec Record, v Version) (int, error)
	// ReportVersions lists the versions of an agency's year, oldest
	// first, without their snapshots.
	ReportVersions(ctx context.Context, agencyID int64, year int) ([]Version, error)
	// ReportVersion returns version n with its snapshot, or
	// apperr.NotFound.
	ReportVersion(ctx context.Context, agencyID int64, year, n int) (Version, error)
	// OpenReopen returns the open reopening of an agency's year, or
	// apperr.NotFound.
	OpenReopen(ctx context.Context, agencyID int64, year int) (Reopen, error)
	// AddReopen stores the year's next reopening (numbering it);
	// apperr.Conflict when one is open.
	AddReopen(ctx context.Context, r Reopen) (Reopen, error)
	// CloseReopen closes the open reopening by who and when, with the
	// version a correction published (0: a relock); apperr.NotFound when
	// none is open.
	CloseReopen(ctx context.Context, agencyID int64, year int, by string, at time.Time, version int) error
	// SaveArea stores (or replaces) the compilation of an agency's
	// whole-area report on a year; its record must exist.
	SaveArea(ctx context.Context, a Area) error
	// Area returns the compilation stored for an agency's year, or
	// apperr.NotFound when its report is its own.
	Area(ctx context.Context, agencyID int64, year int) (Area, error)
}

// A StatusRow is an agency with the state of its report on a year, as the
// overview reads it in one query.
type StatusRow struct {
	Agency      agency.Agency // ID, Name, Kind, NoReport
	Status      Status
	PublishedAt time.Time
	// HasFacts is false for a report published before its facts were
	// stored (before migration 00162): the overview stores them once.
	HasFacts         bool
	Errors, Warnings int
}

// Facts are a published report in the normalized form the supervisor's
// overview reads (#13): its whole-number cells and its fees in millionths
// of 万元 (compile.StoredCells), absent ones kept as invalid values (never
// 0), and the number of its findings by severity when it was published.
type Facts struct {
	AgencyID         int64
	Year             int
	Errors, Warnings int
	Cells            []compile.CellValue
	// Rules counts the findings by rule, in rule order (the overview
	// filters its list by rule).
	Rules []RuleCount
}

// A RuleCount is a rule with its severity and a count: of its findings on
// one report (Facts), or of the agencies whose report breaks it
// (Store.RuleCounts).
type RuleCount struct {
	Rule     string
	Severity report.Severity
	N        int
}

// An AgencyCell is one agency's value of a cell; an invalid Value is a
// cell the report leaves empty.
type AgencyCell struct {
	AgencyID int64
	Value    report.Num
}
