package supervise

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"

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
	// Job is the upload being read in the background; nil once done.
	Job *ImportJob
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
// temporary file (never held in memory), then read in the background
// (importJob) entry by entry within reportfile.DefaultLimits and imported
// all or nothing with `gongkai report import`'s matching
// (annual.Service.ImportWithin, names matched in the supervisor's scope).
// The answer redirects to the job's page (importJobShow), which shows the
// progress and then the result, so the form works without JavaScript;
// with it, upload.js shows the upload's progress and import_progress.js
// the reading's.
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
	j := &importJob{user: rq.Subject.UserID, scope: slices.Clone(rq.Subject.Scope), file: pg.File, year: pg.Year, phase: phaseReading}
	if err := s.jobs.add(j, s.deps.Now()); err != nil {
		s.importFailed(w, r, rq, pg, err)
		return
	}
	f := tmp
	tmp = nil // the job removes it
	go s.run(context.WithoutCancel(r.Context()), j, rq.Actor, f, size)
	http.Redirect(w, r, jobPath(j.id), http.StatusSeeOther)
}

// result fills pg with a finished job's result and returns the page's
// status: 200 with the reports imported, 422 with the files that could
// not be (nothing imported), or the error that refused the whole zip.
func (s *Site) result(r *http.Request, rq *backoffice.Request, pg *ImportPage, st jobState) (int, error) {
	var le *reportfile.LimitError
	switch err := st.Fail; {
	case errors.As(err, &le):
		return 0, apperr.Wrap(apperr.Invalid, "sup.import.limit", err, le.Entry, le.What, le.Limit)
	case errors.Is(err, reportfile.ErrNotZip):
		return 0, apperr.Wrap(apperr.Invalid, "sup.import.not_zip", err)
	case err != nil:
		return 0, err
	}
	for _, p := range st.Unread {
		pg.Problems = append(pg.Problems, ProblemRow{File: p.File, Why: p.Err.Error()})
	}
	for _, p := range st.Refused {
		pg.Problems = append(pg.Problems, ProblemRow{File: p.File, Why: s.bo.ErrText(r, p.Err)})
	}
	if len(pg.Problems) > 0 {
		return http.StatusUnprocessableEntity, nil
	}
	for _, d := range st.Done {
		pg.Done = append(pg.Done, ImportedRow{File: d.File, Agency: d.Agency.Name, Year: d.Year, Errors: d.Errors, Warnings: d.Warnings,
			Href: reportHref(d.Agency.ID, d.Year, "", "")})
	}
	return http.StatusOK, nil
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
