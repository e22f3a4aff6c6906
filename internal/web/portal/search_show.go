package portal

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/web"
)

// searchPerPage is how many results a page of /search shows.
const searchPerPage = 20

// SearchPage is /search?q=…: the platform search of 条例第二十四条
// (catalog.md §5) with its filters (agency, column, year of publication),
// the facet counts of all results, highlighted snippets and pages.
type SearchPage struct {
	Page
	Query   string
	Invalid string // why the query cannot be run, translated
	Ran     bool   // a query was given and run
	Total   int
	// RankedAmong, when not 0, says the query was of single characters
	// only and its results and facets were ranked among that many last
	// indexed matches (search.MaxSingleRanked); Total stays exact.
	RankedAmong int
	Results     []SearchRow
	// Groups list, per filter (column, agency, year), the values the
	// results have with their counts; the selected value is marked and
	// "all" clears it.
	Groups        []FacetGroup
	PageNo, Pages int
	Prev, Next    string
}

// FirstNo is the number of the page's first result.
func (p SearchPage) FirstNo() int { return (p.PageNo-1)*searchPerPage + 1 }

// A FacetGroup is one filter's values.
type FacetGroup struct {
	Title    string
	All      string // the link that clears the filter
	Selected bool   // a value is selected
	Values   []Facet
	// Lang marks the values' labels when they are data in Chinese
	// (agency and column names): "zh-CN"; "" for years.
	Lang string
}

// A SearchRow is one result.
type SearchRow struct {
	Href    string
	Title   string
	Agency  string
	Column  string // the top column's name
	Date    string // YYYY-MM-DD, Beijing
	IndexNo string // "" for a report
	Snippet []search.Span
}

// A Facet is one value of a filter with the number of results it has.
type Facet struct {
	Label    string
	Count    int
	Href     string
	Selected bool
}

// columnNames names the top columns: the 第二十条/第二十一条 columns every
// agency starts with (catalog.md §1) and the reports' column.
var columnNames = func() map[string]string {
	out := map[string]string{search.ReportColumn: search.ReportColumnName}
	for _, lv := range []catalog.Level{catalog.LevelCounty, catalog.LevelTownship} {
		for _, c := range catalog.DefaultColumns(0, lv) {
			if c.Parent() == "" {
				out[c.Path] = c.Name
			}
		}
	}
	return out
}()

// searchParams are the filters of /search as the query string gives them.
type searchParams struct {
	q, agency, column, year string
	page                    int
}

// url returns /search with p's values, one of them changed.
func (p searchParams) url(key, value string) string {
	v := url.Values{}
	set := func(k, x string) {
		if k == key {
			x = value
		}
		if x != "" {
			v.Set(k, x)
		}
	}
	set("q", p.q)
	set("agency", p.agency)
	set("column", p.column)
	set("year", p.year)
	if key == "page" && value != "1" { // any other change starts at page 1
		v.Set("page", value)
	}
	return "/search?" + v.Encode()
}

// searchShow renders /search: the form alone without a query; else the
// results of the query under the filters.
func (s *Site) searchShow(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	p := searchParams{q: strings.TrimSpace(v.Get("q")), agency: v.Get("agency"), column: v.Get("column"), year: v.Get("year"), page: 1}
	pg := SearchPage{Page: s.page(r, "search.title"), Query: p.q}
	pg.Search = "" // the page's own form is the box: one search landmark
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 && n <= 10000 {
		p.page = n
	}
	if p.q == "" {
		s.rd.Render(w, r, http.StatusOK, "search", pg)
		return
	}
	var f search.Filter
	var bad bool
	if p.agency != "" {
		id, err := strconv.ParseInt(p.agency, 10, 64)
		bad = err != nil || id <= 0
		f.AgencyIDs = []int64{id}
	}
	if p.column != "" {
		if _, ok := columnNames[p.column]; !ok {
			bad = true
		}
		f.Category = p.column
	}
	if p.year != "" {
		var err error
		f.From, f.To, err = search.ParseDay(p.year)
		bad = bad || err != nil || len(p.year) != 4
	}
	if bad {
		pg.Invalid = pg.T("search.filter_invalid")
		s.rd.Render(w, r, http.StatusBadRequest, "search", pg)
		return
	}
	res, err := search.Search(r.Context(), s.deps.Search, p.q, f, p.page, searchPerPage)
	var pe search.ParseError
	if errors.As(err, &pe) {
		pg.Invalid = pg.Format("search.query_invalid", search.MaxTerms, search.MaxTermLen)
		s.rd.Render(w, r, http.StatusBadRequest, "search", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ags, err := s.deps.Agencies.ListAgencies(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, a := range ags {
		names[a.ID] = a.Name
	}
	pg.Ran, pg.Total, pg.PageNo, pg.RankedAmong = true, res.Total, p.page, res.RankedAmong
	pg.Pages = (res.Total + searchPerPage - 1) / searchPerPage
	for _, it := range res.Items {
		pg.Results = append(pg.Results, SearchRow{Href: it.URL, Title: it.Title, Agency: it.Agency, Column: columnNames[it.Column],
			Date: it.Published.In(web.DisplayZone).Format("2006-01-02"), IndexNo: it.IndexNo, Snippet: it.Snippet})
	}
	var agencies, columns, years []Facet
	for id, n := range res.Facets.Agencies {
		key := strconv.FormatInt(id, 10)
		agencies = append(agencies, Facet{Label: names[id], Count: n, Href: p.url("agency", key), Selected: key == p.agency})
	}
	for code, n := range res.Facets.Columns {
		label := columnNames[code]
		if label == "" {
			label = code
		}
		columns = append(columns, Facet{Label: label, Count: n, Href: p.url("column", code), Selected: code == p.column})
	}
	for y, n := range res.Facets.Years {
		key := strconv.Itoa(y)
		years = append(years, Facet{Label: key, Count: n, Href: p.url("year", key), Selected: key == p.year})
	}
	byCount := func(fs []Facet) {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Label < fs[j].Label
		})
	}
	byCount(agencies)
	byCount(columns)
	sort.Slice(years, func(i, j int) bool { return years[i].Label > years[j].Label })
	pg.Groups = []FacetGroup{
		{Title: pg.T("search.by_column"), All: p.url("column", ""), Selected: p.column != "", Values: columns, Lang: "zh-CN"},
		{Title: pg.T("search.by_agency"), All: p.url("agency", ""), Selected: p.agency != "", Values: agencies, Lang: "zh-CN"},
		{Title: pg.T("search.by_year"), All: p.url("year", ""), Selected: p.year != "", Values: years},
	}
	if p.page > 1 {
		pg.Prev = p.url("page", strconv.Itoa(p.page-1))
	}
	if p.page < pg.Pages {
		pg.Next = p.url("page", strconv.Itoa(p.page+1))
	}
	s.rd.Render(w, r, http.StatusOK, "search", pg)
}
