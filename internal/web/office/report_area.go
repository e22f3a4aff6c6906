package office

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// An AreaNote is what the editor shows of a whole-area report (#13): who
// compiled it and when, how many agencies it sums and from where, and —
// so that the draft does not pretend to be complete — the agencies whose
// numbers are absent, wholly or in some cells, for staff to resolve.
type AreaNote struct {
	CompiledBy string
	CompiledAt time.Time
	Agencies   int
	Counts     []AreaCount
	// Missing are the agencies without any number (no report, no records).
	Missing []string
	// Gaps are the other agencies that lack some cells.
	Gaps []AreaGap
}

// An AreaCount is the number of agencies of the area from one source.
type AreaCount struct {
	Key string // message key of the source
	N   int
}

// An AreaGap is an agency whose numbers lack some cells: how many, and
// the first few named.
type AreaGap struct {
	Agency string
	Count  int
	Cells  []string
}

// areaSources are the sources in the order the note counts them, with
// their message keys.
var areaSources = []struct{ from, key string }{
	{annual.FromRecords, "rep.area.from.records"}, {annual.FromPublished, "rep.area.from.published"},
	{annual.FromImported, "rep.area.from.imported"}, {annual.FromArea, "rep.area.from.area"},
	{annual.FromNone, "rep.area.from.absent"}, {annual.FromOther, "rep.area.from.other"},
}

// areaNote describes a for the editor; nil for an agency's own report.
func areaNote(a *annual.Area) *AreaNote {
	if a == nil {
		return nil
	}
	n := &AreaNote{CompiledBy: a.CompiledBy, CompiledAt: a.CompiledAt, Agencies: len(a.Sources)}
	count := a.Count()
	for _, s := range areaSources {
		if count[s.from] > 0 {
			n.Counts = append(n.Counts, AreaCount{Key: s.key, N: count[s.from]})
		}
	}
	whole := map[string]bool{}
	for _, m := range a.Missing() {
		n.Missing = append(n.Missing, m.Agency)
		whole[m.Agency] = true
	}
	labels := map[report.CellID]string{}
	for _, c := range a.Base.Cells() {
		labels[c.ID] = c.Table + " " + c.Label
	}
	by := map[string]*AreaGap{}
	for _, ab := range a.Absences {
		for _, ag := range ab.Agencies {
			if whole[ag] {
				continue
			}
			g := by[ag]
			if g == nil {
				g = &AreaGap{Agency: ag}
				by[ag] = g
			}
			g.Count++
			if len(g.Cells) < 3 {
				g.Cells = append(g.Cells, labels[ab.Cell])
			}
		}
	}
	for _, s := range a.Sources { // area order
		if g := by[s.Agency]; g != nil {
			n.Gaps = append(n.Gaps, *g)
		}
	}
	return n
}

// canCompileArea reports whether rq may compile the area report of b's
// agency: a 人民政府 (never a department), by its staff who edit its report,
// while the report is a draft or its published year is reopened.
func (s *Site) canCompileArea(ctx context.Context, rq *backoffice.Request, b annual.Built, reopened bool) (bool, error) {
	if !auth.Can(rq.Subject, auth.ReportEdit, b.AgencyID) && !auth.Can(rq.Subject, auth.ReportPublish, b.AgencyID) {
		return false, nil
	}
	if b.Record.Status == annual.Published && !reopened {
		return false, nil
	}
	a, err := s.deps.AgencyStore.Agency(ctx, b.AgencyID)
	return err == nil && a.Kind == agency.Government, err
}

// areaURL is the form that compiles the area report of the editor's year.
func areaURL(publishURL string) string {
	return strings.Replace(publishURL, "/report/publish?", "/report/area?", 1)
}

// reportArea compiles the whole-area draft of a 人民政府's report
// (annual.Service.CompileArea) and shows the editor with it.
func (s *Site) reportArea(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, _, year, err := s.reportInput(r, rq)
	if err == nil {
		_, err = s.deps.Reports.CompileArea(r.Context(), staffer(rq), agencyID, year)
	}
	s.reportDone(w, r, rq, err, nil, "rep.area.done", agencyID, year)
}
