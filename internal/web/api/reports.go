package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

// Reports reads the published annual reports; *annual.Service is one. It
// never returns a draft.
type Reports interface {
	PublishedPage(ctx context.Context, q annual.ListQuery) (annual.ListPage, error)
	Published(ctx context.Context, agencyID int64, year int) (annual.Record, *report.Report, error)
	Versions(ctx context.Context, agencyID int64, year int) ([]annual.Version, error)
	PublishedVersion(ctx context.Context, agencyID int64, year, n int) (annual.Version, *report.Report, error)
}

// ReportListJSON is GET /api/v1/reports's answer.
type ReportListJSON struct {
	Total   int              `json:"total"`
	Page    int              `json:"page"`
	PerPage int              `json:"per_page"`
	Reports []ReportLineJSON `json:"reports"`
}

// ReportLineJSON is one published report in the list: the agency (id and
// name), the year reported on, the template, when it was published, and
// where to read it (the API's JSON and the portal's page).
type ReportLineJSON struct {
	AgencyID    int64  `json:"agency_id"`
	Agency      string `json:"agency"`
	Year        int    `json:"year"`
	Template    string `json:"template"`
	PublishedAt string `json:"published_at"` // RFC 3339, in +08:00
	URL         string `json:"url"`
	HTMLURL     string `json:"html_url"`
}

// cst is China Standard Time, in which the API writes instants.
var cst = time.FixedZone("CST", 8*3600)

// ReportURL is the API path of an agency's published report on a year.
func ReportURL(agencyID int64, year int) string {
	return "/api/v1/reports/" + strconv.FormatInt(agencyID, 10) + "/" + strconv.Itoa(year)
}

// reportsList answers GET /api/v1/reports?agency=&subtree=&year=&page=
// &per_page= (条例第五十条: the annual reports are public): public,
// without a token, limited per client address like search.
func (a *API) reportsList(w http.ResponseWriter, r *http.Request) {
	if !a.allowPublic(w, r) {
		return
	}
	v := r.URL.Query()
	page, perPage, err := pageParams(v.Get("page"), v.Get("per_page"))
	if err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	q := annual.ListQuery{Offset: (page - 1) * perPage, Limit: perPage}
	if s := v.Get("year"); s != "" {
		if q.Year, err = strconv.Atoi(s); err != nil || q.Year < 2008 || q.Year > 2200 {
			writeError(w, r, http.StatusBadRequest, "invalid", "year 应为 2008–2200 的整数 / year must be an integer 2008–2200")
			return
		}
	}
	if name := strings.TrimSpace(v.Get("agency")); name != "" {
		if q.AgencyIDs, err = agencyFilter(r.Context(), a.deps.Agencies, name, v.Get("subtree") != "false"); err != nil {
			if apperr.KindOf(err) == apperr.NotFound {
				writeError(w, r, http.StatusBadRequest, "invalid", "未找到该机关 / no such agency")
				return
			}
			a.fail(w, r, err)
			return
		}
	}
	p, err := a.deps.Reports.PublishedPage(r.Context(), q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := ReportListJSON{Total: p.Total, Page: page, PerPage: perPage, Reports: make([]ReportLineJSON, 0, len(p.Rows))}
	for _, l := range p.Rows {
		out.Reports = append(out.Reports, ReportLineJSON{AgencyID: l.AgencyID, Agency: l.Agency, Year: l.Year, Template: l.Template,
			PublishedAt: l.PublishedAt.In(cst).Format(time.RFC3339), URL: ReportURL(l.AgencyID, l.Year),
			HTMLURL: "/reports/" + strconv.FormatInt(l.AgencyID, 10) + "/" + strconv.Itoa(l.Year)})
	}
	writePublicJSON(w, out)
}

// reportShow answers GET /api/v1/reports/{agency}/{year} with the
// published report in gongkai.annual-report/v1 (report-model.md), exactly
// as it was frozen at publication. {agency} is the agency's id (what the
// list links to) or its name; a draft or an unknown agency is 404.
func (a *API) reportShow(w http.ResponseWriter, r *http.Request) {
	id, year, ok := a.reportTarget(w, r)
	if !ok {
		return
	}
	_, rep, err := a.deps.Reports.Published(r.Context(), id, year)
	if err == nil && r.URL.Query().Has("version") {
		// An earlier version (#13: corrections keep every version).
		n, e := strconv.Atoi(r.URL.Query().Get("version"))
		if e != nil || n < 1 {
			err = apperr.New(apperr.NotFound, "annual.version_not_found")
		} else {
			_, rep, err = a.deps.Reports.PublishedVersion(r.Context(), id, year, n)
		}
	}
	if err != nil {
		a.failReport(w, r, err)
		return
	}
	writePublicJSON(w, rep)
}

// ReportVersionJSON is one version in GET
// /api/v1/reports/{agency}/{year}/versions: version 1 as first published,
// then each correction with its 更正说明.
type ReportVersionJSON struct {
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at"`
	Note        string    `json:"note"`
}

// ReportVersionsJSON is GET /api/v1/reports/{agency}/{year}/versions's
// answer, oldest first.
type ReportVersionsJSON struct {
	AgencyID int64               `json:"agency_id"`
	Year     int                 `json:"year"`
	Versions []ReportVersionJSON `json:"versions"`
}

// reportVersions lists the versions of a published report.
func (a *API) reportVersions(w http.ResponseWriter, r *http.Request) {
	id, year, ok := a.reportTarget(w, r)
	if !ok {
		return
	}
	vs, err := a.deps.Reports.Versions(r.Context(), id, year)
	if err != nil {
		a.failReport(w, r, err)
		return
	}
	out := ReportVersionsJSON{AgencyID: id, Year: year, Versions: []ReportVersionJSON{}}
	for _, v := range vs {
		out.Versions = append(out.Versions, ReportVersionJSON{Version: v.N, PublishedAt: v.PublishedAt.UTC(), Note: v.Note})
	}
	writePublicJSON(w, out)
}

// reportTarget checks the public budget and reads {agency} (id or name)
// and {year}; when it fails it has answered.
func (a *API) reportTarget(w http.ResponseWriter, r *http.Request) (int64, int, bool) {
	if !a.allowPublic(w, r) {
		return 0, 0, false
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2008 || year > 2200 {
		a.fail(w, r, apperr.New(apperr.NotFound, "annual.not_found"))
		return 0, 0, false
	}
	id, err := a.agencyByIDOrName(r.Context(), r.PathValue("agency"))
	if err != nil {
		a.fail(w, r, err)
		return 0, 0, false
	}
	return id, year, true
}

// failReport answers a report's error; a draft is not told apart from
// nothing.
func (a *API) failReport(w http.ResponseWriter, r *http.Request, err error) {
	if apperr.KindOf(err) == apperr.NotFound {
		if k, _ := apperr.MessageOf(err); k != "annual.version_not_found" {
			err = apperr.New(apperr.NotFound, "annual.not_found")
		}
	}
	a.fail(w, r, err)
}

// agencyByIDOrName finds an agency by its id or, when s is not a number,
// its name.
func (a *API) agencyByIDOrName(ctx context.Context, s string) (int64, error) {
	var ag agency.Agency
	var err error
	if id, e := strconv.ParseInt(s, 10, 64); e == nil {
		ag, err = a.deps.Agencies.Agency(ctx, id)
	} else {
		ag, err = a.deps.Agencies.AgencyByName(ctx, agency.NormalizeName(s))
	}
	return ag.ID, err
}

// pageParams reads page (from 1) and per_page (1–100, default 20).
func pageParams(pageS, perPageS string) (page, perPage int, err error) {
	page, perPage = 1, defaultPerPage
	if pageS != "" {
		if page, err = strconv.Atoi(pageS); err != nil || page < 1 || page > 10000 {
			return 0, 0, errBadPage
		}
	}
	if perPageS != "" {
		if perPage, err = strconv.Atoi(perPageS); err != nil || perPage < 1 || perPage > annual.MaxListLimit {
			return 0, 0, errBadPerPage
		}
	}
	return page, perPage, nil
}

// writePublicJSON answers 200 with v for anyone: a published report never
// changes, a list changes when one is published, so a cache in front may
// keep either for five minutes.
func writePublicJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// allowPublic spends one of the client address's public reads (search,
// reports), answering 429 with Retry-After when none is left.
func (a *API) allowPublic(w http.ResponseWriter, r *http.Request) bool {
	if a.deps.SearchLimiter == nil || a.deps.SearchLimiter.Allow(a.clientIP(r)) {
		return true
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(a.deps.SearchLimiter.Every.Seconds())+1))
	writeError(w, r, http.StatusTooManyRequests, "too_many_requests", "请求过于频繁，请稍后再试 / too many requests, try again later")
	return false
}
