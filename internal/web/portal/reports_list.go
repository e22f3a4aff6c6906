package portal

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/render"
	"github.com/gongkai/gongkai/internal/web"
)

// Reports reads published annual reports; *annual.Service is one. It
// never returns a draft.
type Reports interface {
	PublishedList(ctx context.Context, year int) ([]annual.Record, error)
	Published(ctx context.Context, agencyID int64, year int) (annual.Record, *report.Report, error)
	Versions(ctx context.Context, agencyID int64, year int) ([]annual.Version, error)
	PublishedVersion(ctx context.Context, agencyID int64, year, n int) (annual.Version, *report.Report, error)
}

// ReportsPage lists the annual reports: every agency's report on the
// latest year with its 条例第四十九条 deadline, and every published report
// by year.
type ReportsPage struct {
	Page
	Year      int // the latest reporting year (the previous calendar year)
	Rows      []ReportRow
	Published []PublishedRow
}

// A ReportRow is one agency's entry for the latest year.
type ReportRow struct {
	Agency    string
	Deadline  string
	Published bool
	Late      bool // unpublished after the deadline
	Href      string
}

// A PublishedRow is one published report.
type PublishedRow struct {
	Year   int
	Agency string
	Date   string
	Href   string
}

func reportHref(agencyID int64, year int) string {
	return "/reports/" + strconv.FormatInt(agencyID, 10) + "/" + strconv.Itoa(year)
}

func (s *Site) reportsList(w http.ResponseWriter, r *http.Request) {
	now := time.Now().In(web.DisplayZone)
	pg := ReportsPage{Page: s.page(r, "reports.title"), Year: now.Year() - 1}
	var as []agency.Agency
	if s.deps.Agencies != nil {
		var err error
		if as, err = s.deps.Agencies.ListAgencies(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	published := map[[2]int64]bool{}
	if s.deps.Reports != nil {
		recs, err := s.deps.Reports.PublishedList(r.Context(), 0)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, a := range as {
			names[a.ID] = a.Name
		}
		for _, rec := range recs {
			published[[2]int64{rec.AgencyID, int64(rec.Year)}] = true
			pg.Published = append(pg.Published, PublishedRow{Year: rec.Year, Agency: names[rec.AgencyID],
				Date: rec.PublishedAt.In(web.DisplayZone).Format("2006-01-02"), Href: reportHref(rec.AgencyID, rec.Year)})
		}
	}
	for _, a := range as {
		if a.NoReport {
			continue
		}
		dl := annual.DeadlineOf(a, pg.Year)
		row := ReportRow{Agency: a.Name, Deadline: dl.Format("2006-01-02"), Published: published[[2]int64{a.ID, int64(pg.Year)}]}
		if row.Published {
			row.Href = reportHref(a.ID, pg.Year)
		} else {
			row.Late = now.Format("2006-01-02") > row.Deadline
		}
		pg.Rows = append(pg.Rows, row)
	}
	s.rd.Render(w, r, http.StatusOK, "reports", pg)
}

// ReportShowPage is one published report in the portal frame.
type ReportShowPage struct {
	Page
	Agency      string
	Year        int
	PublishedAt time.Time
	Report      template.HTML
	Downloads   []Download
	// Versions are the report's publications, oldest first; more than one
	// when it was corrected (更正), each with its 更正说明.
	Versions []annual.Version
	// Shown is the version on the page; Latest the current one.
	Shown, Latest annual.Version
	Href          string // the page of the current version
}

// A Download is one format of the report.
type Download struct{ Href, Label string }

// reportTarget reads {agency} and {year}; anything else is not found.
func reportTarget(r *http.Request) (int64, int, error) {
	id, err1 := strconv.ParseInt(r.PathValue("agency"), 10, 64)
	year, err2 := strconv.Atoi(r.PathValue("year"))
	if err1 != nil || err2 != nil || id <= 0 || year < 2008 || year > 2200 {
		return 0, 0, apperr.New(apperr.NotFound, "")
	}
	return id, year, nil
}

// reportShow renders a published report's frozen snapshot (never a
// draft): the current version, or with ?version=N an earlier one, with the
// history of corrections and their 更正说明 (#13: a published report is
// never changed silently).
func (s *Site) reportShow(w http.ResponseWriter, r *http.Request) {
	id, year, err := reportTarget(r)
	var rec annual.Record
	var rep *report.Report
	var vs []annual.Version
	if err == nil {
		rec, rep, err = s.deps.Reports.Published(r.Context(), id, year)
	}
	if err == nil {
		vs, err = s.deps.Reports.Versions(r.Context(), id, year)
	}
	pg := ReportShowPage{Agency: "", Year: year, PublishedAt: rec.PublishedAt, Versions: vs, Href: reportHref(id, year)}
	if len(vs) > 0 {
		pg.Latest = vs[len(vs)-1]
		pg.Shown = pg.Latest
	}
	if err == nil && r.URL.Query().Has("version") {
		var n int
		if n, err = reportVersion(r); err == nil && n != pg.Latest.N {
			pg.Shown, rep, err = s.deps.Reports.PublishedVersion(r.Context(), id, year, n)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := render.HTMLWithOptions(&buf, rep, nil, render.HTMLOptions{Fragment: true}); err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Page, pg.Agency, pg.Report = s.page(r, "reports.title"), rep.Agency, template.HTML(buf.String()) // render escapes every text it writes
	pg.Title = render.Title(rep)
	base := reportHref(id, year) + "/"
	q := ""
	if pg.Shown.N != pg.Latest.N {
		q = "?version=" + strconv.Itoa(pg.Shown.N)
	}
	for _, f := range []struct{ format, label string }{{"docx", "Word (DOCX)"}, {"xlsx", "Excel (XLSX)"}, {"json", "JSON"}} {
		pg.Downloads = append(pg.Downloads, Download{Href: base + f.format + q, Label: f.label})
	}
	s.rd.Render(w, r, http.StatusOK, "report_show", pg)
}

// reportVersion reads ?version=N (N ≥ 1); anything else is not found.
func reportVersion(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil || n < 1 {
		return 0, apperr.New(apperr.NotFound, "")
	}
	return n, nil
}

// reportDownload sends a published report as DOCX, XLSX or JSON.
func (s *Site) reportDownload(w http.ResponseWriter, r *http.Request) {
	id, year, err := reportTarget(r)
	var rep *report.Report
	if err == nil {
		_, rep, err = s.deps.Reports.Published(r.Context(), id, year)
	}
	if err == nil && r.URL.Query().Has("version") {
		var n int
		if n, err = reportVersion(r); err == nil {
			_, rep, err = s.deps.Reports.PublishedVersion(r.Context(), id, year, n)
		}
	}
	if err == nil && r.PathValue("format") == "html" {
		err = apperr.New(apperr.NotFound, "") // the page itself is /reports/{id}/{year}
	}
	if err == nil {
		err = web.WriteReport(w, rep, nil, r.PathValue("format"), "")
	}
	if err != nil {
		s.fail(w, r, err)
	}
}
