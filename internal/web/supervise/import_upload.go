package supervise

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/reportfile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// ImportPage is the zip upload of reports published outside gongkai and,
// after an upload, its result: what was imported, or every file that
// could not be (unreadable, unknown or ambiguous agency, duplicate,
// already stored) and nothing imported.
type ImportPage struct {
	web.Page
	Years    []int
	Year     int
	Limits   reportfile.Limits
	MaxMiB   int
	EntryMiB int64
	TotalMiB int64
	File     string
	Done     []ImportedRow
	Problems []ProblemRow
	Tried    bool
}

// An ImportedRow is one report imported.
type ImportedRow struct {
	File, Agency, Href string
	Year               int
	Errors, Warnings   int
}

// A ProblemRow is one file not imported, and why.
type ProblemRow struct {
	File, Why string
}

func (s *Site) importPage(r *http.Request, rq *backoffice.Request) ImportPage {
	pg := ImportPage{Page: s.bo.Page(r, rq, "sup.import.title"), Limits: reportfile.DefaultLimits, MaxMiB: MaxUpload >> 20,
		EntryMiB: reportfile.DefaultLimits.MaxEntry >> 20, TotalMiB: reportfile.DefaultLimits.MaxTotal >> 20}
	for y := s.thisYear() - 1; y >= s.thisYear()-6; y-- {
		pg.Years = append(pg.Years, y)
	}
	return pg
}

func (s *Site) importShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.rd.Render(w, r, http.StatusOK, "import", s.importPage(r, rq))
}

// importUpload takes a zip of reports: the upload is spooled to a
// temporary file (never held in memory), read entry by entry within
// reportfile.DefaultLimits and imported all or nothing with `gongkai
// report import`'s matching (annual.Service.ImportWithin, names matched in
// the supervisor's scope). The result is a page, so the form works
// without JavaScript; with it, upload.js shows the upload's progress.
func (s *Site) importUpload(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	pg := s.importPage(r, rq)
	pg.Tried = true
	var tmp *os.File
	var size int64
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	err := web.ReadMultipart(r, func(field, name, _ string, body io.Reader) error {
		if field != "zip" || tmp != nil {
			_, err := io.Copy(io.Discard, body)
			return err
		}
		f, err := os.CreateTemp("", "gongkai-import-*.zip")
		if err != nil {
			return err
		}
		tmp, pg.File = f, name
		size, err = io.Copy(f, body)
		return err
	})
	if err = web.UploadError(err, MaxUpload); err == nil && (tmp == nil || size == 0) {
		err = apperr.New(apperr.Invalid, "sup.import.no_file")
	}
	if y, perr := strconv.Atoi(r.PostForm.Get("year")); perr == nil && y >= 2008 && y <= s.thisYear() {
		pg.Year = y
	}
	if err != nil {
		s.importFailed(w, r, rq, pg, err)
		return
	}
	items, probs, err := reportfile.Zip(r.Context(), tmp, size, reportfile.DefaultLimits)
	var le *reportfile.LimitError
	switch {
	case errors.As(err, &le):
		s.importFailed(w, r, rq, pg, apperr.Wrap(apperr.Invalid, "sup.import.limit", err, le.Entry, le.What, le.Limit))
		return
	case errors.Is(err, reportfile.ErrNotZip):
		s.importFailed(w, r, rq, pg, apperr.Wrap(apperr.Invalid, "sup.import.not_zip", err))
		return
	case err != nil:
		s.importFailed(w, r, rq, pg, err)
		return
	}
	for _, p := range probs {
		pg.Problems = append(pg.Problems, ProblemRow{File: p.File, Why: p.Err.Error()})
	}
	if len(pg.Problems) == 0 && len(items) == 0 {
		s.importFailed(w, r, rq, pg, apperr.New(apperr.Invalid, "sup.import.empty"))
		return
	}
	if len(pg.Problems) > 0 { // all or nothing: nothing is imported
		s.rd.Render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	done, err := s.deps.Reports.ImportWithin(r.Context(), s.deps.Blobs, rq.Actor, items, pg.Year, rq.Subject.Scope)
	var ips annual.ImportProblems
	if errors.As(err, &ips) {
		for _, p := range ips {
			pg.Problems = append(pg.Problems, ProblemRow{File: p.File, Why: s.bo.ErrText(r, p.Err)})
		}
		s.rd.Render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, d := range done {
		pg.Done = append(pg.Done, ImportedRow{File: d.File, Agency: d.Agency.Name, Year: d.Year, Errors: d.Errors, Warnings: d.Warnings,
			Href: reportHref(d.Agency.ID, d.Year, "", "")})
	}
	s.rd.Render(w, r, http.StatusOK, "import", pg)
}

// importFailed shows the form again with the error.
func (s *Site) importFailed(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, pg ImportPage, err error) {
	status := web.StatusOf(err)
	if status >= 500 {
		s.bo.Fail(w, r, rq, fmt.Errorf("supervise: import: %w", err))
		return
	}
	pg.Errors = []string{pg.Err(err)}
	s.rd.Render(w, r, status, "import", pg)
}
