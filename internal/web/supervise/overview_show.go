package supervise

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// OverviewPage is a 监督员's view of the annual reports of the agencies of
// its scope (or of one subtree of it) on one year: the counts, one page of
// the filtered and sorted list, the tables summed with their absences,
// and the 督办 notices sent.
type OverviewPage struct {
	web.Page
	Filter   Filter
	Years    []int
	Counts   annual.Counts
	Subtrees []Option
	Kinds    []Option
	Statuses []Option
	Rules    []Option
	Sorts    []SortLink
	Rows     []Row
	Total    int // rows the filter keeps
	Pages    int
	Prev     string
	Next     string
	// Back is this page's URL, where a 督办 returns.
	Back string
	Aggregate
	Sent []SentRow
}

// An Option is one choice of a filter menu.
type Option struct {
	Value, Label string
	Selected     bool
}

// A SortLink is a column header that sorts the list.
type SortLink struct {
	Label, Href string
	Current     bool
	Desc        bool
}

// A Row is one agency's line.
type Row struct {
	ID                      int64
	Agency, Kind, Deadline  string
	Status, Published, Href string
	Late, HasReport         bool
	Errors, Warnings        int
	Rules                   []RuleLink
}

// A RuleLink is a rule an agency's report breaks, linking to the report
// with its findings marked.
type RuleLink struct {
	Rule, Href string
	Error      bool
}

// A SentRow is a 督办 notice sent.
type SentRow struct {
	At, By, Body string
	Agencies     string
	Count, Acked int
}

// reportHref is the agency's report page; with mark ("finding" and a
// rule, or "cell" and a cell id) the findings of the rule, or about the
// cell, and their cells are marked and the page scrolls to them.
func reportHref(agencyID int64, year int, mark, value string) string {
	v := url.Values{"agency": {strconv.FormatInt(agencyID, 10)}, "year": {strconv.Itoa(year)}}
	if mark == "" {
		return "/admin/requests/report?" + v.Encode()
	}
	v.Set(mark, value)
	return "/admin/requests/report?" + v.Encode() + "#flagged"
}

// scopeOf is the scope f asks for: the user's, or the subtree of
// f.Agency within it (else not found).
func (s *Site) scopeOf(r *http.Request, rq *backoffice.Request, f Filter) ([]int64, error) {
	scope := rq.Subject.Scope
	if f.Agency == 0 {
		return scope, nil
	}
	if !slices.Contains(scope, f.Agency) {
		return nil, apperr.New(apperr.NotFound, "agency.not_found")
	}
	return s.deps.AgencyStore.Subtree(r.Context(), f.Agency)
}

func (s *Site) overviewShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	ctx := r.Context()
	f := readFilter(r.URL.Query(), s.thisYear())
	scope, err := s.scopeOf(r, rq, f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	ov, err := s.deps.Reports.OverviewOf(ctx, scope, f.Year)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	rules, err := s.deps.Reports.RuleCounts(ctx, scope, f.Year)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	var ruled map[int64]bool
	if f.Rule != "" {
		ids, err := s.deps.Reports.RuleAgencies(ctx, scope, f.Year, f.Rule)
		if err != nil {
			s.bo.Fail(w, r, rq, err)
			return
		}
		ruled = make(map[int64]bool, len(ids))
		for _, id := range ids {
			ruled[id] = true
		}
	}
	pg := OverviewPage{Page: s.bo.Page(r, rq, "ov.title"), Filter: f, Counts: ov.Counts(), Back: f.Query(nil)}
	for y := s.thisYear(); y >= s.thisYear()-5; y-- {
		pg.Years = append(pg.Years, y)
	}
	if pg.Subtrees, err = s.subtrees(r, rq, f.Agency); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, k := range agency.Kinds {
		pg.Kinds = append(pg.Kinds, Option{Value: string(k), Label: pg.T("sup.kind." + string(k)), Selected: k == f.Kind})
	}
	for _, st := range statuses {
		pg.Statuses = append(pg.Statuses, Option{Value: st, Label: pg.T("sup.status." + st), Selected: st == f.Status})
	}
	for _, rc := range rules {
		pg.Rules = append(pg.Rules, Option{Value: rc.Rule, Label: rc.Rule + "（" + strconv.Itoa(rc.N) + "）", Selected: rc.Rule == f.Rule})
	}
	for _, k := range sortKeys {
		sl := SortLink{Label: pg.T("sup.sort." + k), Current: k == f.Sort, Desc: k == f.Sort && f.Desc}
		sl.Href = f.Query(func(g *Filter) { g.Sort, g.Desc, g.Page = k, k == f.Sort && !f.Desc, 1 })
		pg.Sorts = append(pg.Sorts, sl)
	}
	rows := filterRows(ov.Rows, f, ruled)
	pg.Total, pg.Pages = len(rows), max(1, (len(rows)+PageSize-1)/PageSize)
	f.Page = min(f.Page, pg.Pages)
	pg.Filter.Page = f.Page
	if f.Page > 1 {
		pg.Prev = f.Query(func(g *Filter) { g.Page-- })
	}
	if f.Page < pg.Pages {
		pg.Next = f.Query(func(g *Filter) { g.Page++ })
	}
	page := rows[(f.Page-1)*PageSize : min(f.Page*PageSize, len(rows))]
	ids := make([]int64, len(page))
	for i, row := range page {
		ids[i] = row.AgencyID
	}
	broken, err := s.deps.Reports.RulesOf(ctx, f.Year, ids)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, row := range page {
		o := Row{ID: row.AgencyID, Agency: row.Agency, Kind: pg.T("sup.kind." + string(row.Kind)), Deadline: row.Deadline.String(),
			Late: row.Late, Errors: row.Errors, Warnings: row.Warnings, HasReport: row.Status == annual.Published,
			Href: reportHref(row.AgencyID, f.Year, "", "")}
		switch row.Status {
		case annual.Published:
			o.Status = pg.T("ov.published")
			o.Published = row.PublishedAt.In(web.DisplayZone).Format("2006-01-02")
		case annual.Draft:
			o.Status = pg.T("ov.draft")
		default:
			o.Status = pg.T("ov.missing")
		}
		for _, rc := range broken[row.AgencyID] {
			o.Rules = append(o.Rules, RuleLink{Rule: rc.Rule, Href: reportHref(row.AgencyID, f.Year, "finding", rc.Rule), Error: rc.Severity == report.Error})
		}
		pg.Rows = append(pg.Rows, o)
	}
	pg.Aggregate = aggregateOf(ov, f)
	sent, err := s.deps.Season.Sent(ctx, staffer(rq), f.Year, 10)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, n := range sent {
		sr := SentRow{At: n.CreatedAt.In(web.DisplayZone).Format("2006-01-02 15:04"), By: n.SentBy, Body: n.Body,
			Count: len(n.Agencies), Acked: n.Acked}
		names := n.Names[:min(len(n.Names), 10)]
		sr.Agencies = strings.Join(names, "、")
		if len(n.Names) > len(names) {
			sr.Agencies += "……"
		}
		pg.Sent = append(pg.Sent, sr)
	}
	s.rd.Render(w, r, http.StatusOK, "overview", pg)
}

// subtrees lists the agencies of the user's scope that have agencies
// below them, the roots of the subtrees the list can be narrowed to. A
// scope is a union of whole subtrees (agency.Scope), so an agency in it
// with children has them in it too: reading the agencies with children
// (agency.Store.ParentAgencies) suffices — for a province's office, the
// 45 governments rather than its 10,000 agencies on every page.
func (s *Site) subtrees(r *http.Request, rq *backoffice.Request, selected int64) ([]Option, error) {
	parents, err := s.deps.AgencyStore.ParentAgencies(r.Context())
	if err != nil {
		return nil, err
	}
	in := make(map[int64]bool, len(rq.Subject.Scope))
	for _, id := range rq.Subject.Scope {
		in[id] = true
	}
	var out []Option
	for _, a := range parents {
		if in[a.ID] {
			out = append(out, Option{Value: strconv.FormatInt(a.ID, 10), Label: a.Name, Selected: a.ID == selected})
		}
	}
	slices.SortFunc(out, func(a, b Option) int { return strings.Compare(a.Label, b.Label) })
	return out, nil
}
