package supervise

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
)

// PageSize is how many agencies one page of the overview's list shows.
const PageSize = 50

// A Filter is what the overview's list shows: the year, the subtree
// (Agency, 0 for the whole scope), the kind, the status (annual.Status*,
// published, draft), the rule broken, the sort key and direction, the
// page.
type Filter struct {
	Year   int
	Agency int64
	Kind   agency.Kind
	Status string
	Rule   string
	Sort   string
	Desc   bool
	Page   int
}

// statuses the list filters by, in menu order.
var statuses = []string{annual.StatusLate, annual.StatusMissing, annual.StatusErrors, "published", "draft"}

// sortKeys the list sorts by.
var sortKeys = []string{"name", "kind", "deadline", "status", "published", "errors", "warnings"}

// readFilter reads the list's query, defaulting what is absent or not
// one of the choices (a bad value never fails the page).
func readFilter(q url.Values, thisYear int) Filter {
	f := Filter{Year: thisYear - 1, Sort: "name", Page: 1}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 2008 && y <= thisYear {
		f.Year = y
	}
	f.Agency, _ = strconv.ParseInt(q.Get("agency"), 10, 64)
	if k := agency.Kind(q.Get("kind")); k.Valid() {
		f.Kind = k
	}
	if st := q.Get("status"); slices.Contains(statuses, st) {
		f.Status = st
	}
	if r := q.Get("rule"); len(r) <= 64 {
		f.Rule = r
	}
	if k := q.Get("sort"); slices.Contains(sortKeys, k) {
		f.Sort = k
	}
	f.Desc = q.Get("desc") == "1"
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		f.Page = p
	}
	return f
}

// Query encodes f, with changes applied, for a link.
func (f Filter) Query(change func(*Filter)) string {
	g := f
	if change != nil {
		change(&g)
	}
	v := url.Values{"year": {strconv.Itoa(g.Year)}}
	if g.Agency != 0 {
		v.Set("agency", strconv.FormatInt(g.Agency, 10))
	}
	for k, s := range map[string]string{"kind": string(g.Kind), "status": g.Status, "rule": g.Rule} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if g.Sort != "name" {
		v.Set("sort", g.Sort)
	}
	if g.Desc {
		v.Set("desc", "1")
	}
	if g.Page > 1 {
		v.Set("page", strconv.Itoa(g.Page))
	}
	return "/admin/reports/overview?" + v.Encode()
}

// filterRows keeps the rows f asks for (kind, status, and the agencies
// breaking f.Rule when ruled is not nil) and sorts them by f.
func filterRows(rows []annual.AgencyStatus, f Filter, ruled map[int64]bool) []annual.AgencyStatus {
	var out []annual.AgencyStatus
	for _, r := range rows {
		if (f.Kind == "" || r.Kind == f.Kind) && r.Is(f.Status) && (ruled == nil || ruled[r.AgencyID]) {
			out = append(out, r)
		}
	}
	status := func(r annual.AgencyStatus) int {
		switch {
		case r.Status != annual.Published && r.Late:
			return 0
		case r.Status != annual.Published:
			return 1
		case r.Late:
			return 2
		}
		return 3
	}
	by := func(a, b annual.AgencyStatus) int {
		switch f.Sort {
		case "kind":
			return cmp.Compare(slices.Index(agency.Kinds, a.Kind), slices.Index(agency.Kinds, b.Kind))
		case "deadline":
			return a.Deadline.Compare(b.Deadline)
		case "status":
			return cmp.Compare(status(a), status(b))
		case "published":
			return a.PublishedAt.Compare(b.PublishedAt)
		case "errors":
			return cmp.Compare(a.Errors, b.Errors)
		case "warnings":
			return cmp.Compare(a.Warnings, b.Warnings)
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b annual.AgencyStatus) int {
		c := by(a, b)
		if c == 0 {
			c = strings.Compare(a.Agency, b.Agency)
		}
		if f.Desc {
			return -c
		}
		return c
	})
	return out
}
