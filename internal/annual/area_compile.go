package annual

import (
	"context"
	"errors"
	"slices"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// area compiles gov's whole-area report on year: gov's own numbers from
// its records, then every agency below it, depth first (children by id),
// each from its published report, its records, or absent (AreaSource).
// An office flagged 不编制年报 publishes nothing and adds nothing (the
// agencies below it are walked). A 人民政府 below whose published report is
// an area report stands for its subtree, which is not walked (no agency is
// counted twice). The sums are compile.Aggregate's: a cell keeps the sum
// of the reports that have it, the fees (万元) included, and the cells
// some reports lack are the absences.
func (s *Service) area(ctx context.Context, gov agency.Agency, year int) (Area, error) {
	all, err := s.ag.ListAgencies(ctx)
	if err != nil {
		return Area{}, err
	}
	children := map[int64][]agency.Agency{}
	for _, a := range all {
		if a.ParentID != 0 {
			children[a.ParentID] = append(children[a.ParentID], a)
		}
	}
	for _, cs := range children {
		slices.SortFunc(cs, func(a, b agency.Agency) int { return int(a.ID - b.ID) })
	}
	t := compile.TemplateFor(year)
	a := Area{AgencyID: gov.ID, Year: year}
	// The agencies whose numbers come from their records (the government
	// first) are compiled after the walk, in batches (compileEach); their
	// places in reps and a.Sources (which go in step) wait meanwhile.
	reps := []*report.Report{nil} // Aggregate only reads them
	a.Sources = append(a.Sources, AreaSource{AgencyID: gov.ID, Agency: gov.Name, Kind: gov.Kind, From: FromRecords})
	own := []ownPart{{a: gov}}
	var walk func(parent int64) error
	walk = func(parent int64) error {
		for _, c := range children[parent] {
			if c.NoReport {
				if err := walk(c.ID); err != nil {
					return err
				}
				continue
			}
			rep, from, isArea, err := s.areaPart(ctx, c, year, t)
			if err != nil {
				return err
			}
			if rep == nil {
				// Unpublished: its draft as it stands, when it keeps records
				// here. An area draft's hand entries are the area's, not the
				// agency's own.
				own = append(own, ownPart{a: c, entries: !isArea, at: len(reps)})
			} else {
				rep.Agency = c.Name
			}
			reps = append(reps, rep)
			src := AreaSource{AgencyID: c.ID, Agency: c.Name, Kind: c.Kind, From: from}
			if from == FromArea {
				src.Covers = descendants(children, c.ID)
			}
			a.Sources = append(a.Sources, src)
			if from != FromArea {
				if err := walk(c.ID); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(gov.ID); err != nil {
		return Area{}, err
	}
	ags := make([]agency.Agency, len(own))
	for i, o := range own {
		ags[i] = o.a
	}
	err = s.compileEach(ctx, ags, year, func(i int, res *compile.Result, n int) error {
		o := own[i]
		rep, uses, err := s.ownReport(ctx, o.a, year, o.entries, res, n)
		switch {
		case err != nil:
			return err
		case i == 0: // the government's own part: always from its records
			a.Own, reps[0] = rep, rep
			return nil
		case !uses:
			rep, a.Sources[o.at].From = emptyReport(t, year), FromNone
		default:
			a.Sources[o.at].From = FromRecords
		}
		rep.Agency, reps[o.at] = o.a.Name, rep
		return nil
	})
	if err != nil {
		return Area{}, err
	}
	base, abs, err := compile.Aggregate(gov.Name, year, reps)
	if err != nil {
		return Area{}, err
	}
	a.Base, a.Absences = base, abs
	return a, nil
}

// An ownPart is an agency of an area whose numbers come from its records
// (ownReport), at index at of the area's reports and sources; entries
// tells whether its draft's hand entries count.
type ownPart struct {
	a       agency.Agency
	entries bool
	at      int
}

// areaPart is the report agency c adds to an area on year (template t),
// and where it comes from; nil when c has published none, so that its
// numbers come from its records (ownReport). isArea tells whether c's
// report is an area report.
func (s *Service) areaPart(ctx context.Context, c agency.Agency, year int, t report.Template) (*report.Report, string, bool, error) {
	rec, err := s.st.ReportRecord(ctx, c.ID, year)
	if err != nil && !errors.Is(err, apperr.NotFound) {
		return nil, "", false, err
	}
	_, areaErr := s.st.Area(ctx, c.ID, year)
	if areaErr != nil && !errors.Is(areaErr, apperr.NotFound) {
		return nil, "", false, areaErr
	}
	isArea := areaErr == nil
	if err != nil || rec.Status != Published {
		return nil, "", isArea, nil
	}
	rep, err := rec.Report()
	if err != nil {
		return nil, "", false, err
	}
	from := FromPublished
	if _, err := s.st.ImportedSource(ctx, c.ID, year); err == nil {
		from = FromImported
	} else if !errors.Is(err, apperr.NotFound) {
		return nil, "", false, err
	}
	if isArea && c.Kind == agency.Government {
		from = FromArea
	}
	if rep.Template != t || rep.Year != year {
		return emptyReport(t, year), FromOther, isArea, nil
	}
	return rep, from, isArea, nil
}

// compileEach compiles tables 三 and 四 of every agency of ags on year and
// calls fn with the index of each, its result and its number of requests,
// in order: in batches (casework.Service.CompileEach) when the service's
// Compiler has them, else one agency at a time.
func (s *Service) compileEach(ctx context.Context, ags []agency.Agency, year int, fn func(i int, res *compile.Result, n int) error) error {
	each, ok := s.cw.(EachCompiler)
	if !ok {
		for i, a := range ags {
			res, n, err := s.cw.Compile(ctx, a.ID, a.Name, year)
			if err != nil {
				return err
			}
			if err := fn(i, res, n); err != nil {
				return err
			}
		}
		return nil
	}
	named := make([]casework.Named, len(ags))
	for i, a := range ags {
		named[i] = casework.Named{ID: a.ID, Name: a.Name}
	}
	i := 0
	return each.CompileEach(ctx, named, year, func(_ casework.Named, res *compile.Result, n int) error {
		i++
		return fn(i-1, res, n)
	})
}

// ownReport is agency a's own report on year from its records as they
// stand: tables 三 and 四 compiled from its requests (res, with n of
// them), table 二 from its 主动公开 records when it keeps them, and, with entries, its draft's hand entries
// (which the government's own part and an area draft leave out). uses is
// false when a keeps nothing in gongkai for the year — no draft, no
// request, no 主动公开 records — so that its numbers are absent, not 0.
func (s *Service) ownReport(ctx context.Context, a agency.Agency, year int, entries bool, res *compile.Result, n int) (*report.Report, bool, error) {
	rec, err := s.st.ReportRecord(ctx, a.ID, year)
	if err != nil && !errors.Is(err, apperr.NotFound) {
		return nil, false, err
	}
	drafted := err == nil
	fr, _, err := s.fromRecords(ctx, a.ID, year)
	if err != nil {
		return nil, false, err
	}
	if fr != nil {
		res.Report.Proactive = *fr
	}
	rep := res.Report
	if entries && drafted {
		rep = Assemble(rep, rec.Entries)
	}
	rep.Sections, rep.Date = report.Sections{}, ""
	return rep, drafted || n > 0 || fr != nil, nil
}

// emptyReport is a report of template t on year with every cell absent.
func emptyReport(t report.Template, year int) *report.Report {
	r := report.Empty(t)
	r.Year = year
	return r
}

// descendants counts the agencies below id.
func descendants(children map[int64][]agency.Agency, id int64) int {
	n := 0
	for _, c := range children[id] {
		n += 1 + descendants(children, c.ID)
	}
	return n
}
